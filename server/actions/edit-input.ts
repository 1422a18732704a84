// What the admin forms' server actions share about their input; not a 'use server' module, so it may export values.
import { z } from 'zod';
import type { ActionResult } from './spaces';

/** The name of a cluster-scoped object, as the form sends it (the form model checks the DNS rule itself). */
export const objectName = z.string().trim().min(1).max(253);

/** An edit refused because the object changed since the page loaded: its current values, to show instead. */
export type Conflict<V> = { ok: false; conflict: { values: V; resourceVersion: string } | { deleted: true }; message: string; hint: string };

/** Problems found by the form's own checks, run again on the server: each is shown next to its field. */
export const fieldsInvalid = (fieldErrors: Record<string, string[]>): ActionResult<never> => ({ ok: false, message: 'Check the highlighted fields.', fieldErrors });

/** Input that is not what the form sends at all (a crafted request): said above the form, path by path. */
export const inputInvalid = (err: z.ZodError) => fieldsInvalid({ form: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
