'use client';

import { useState, useTransition } from 'react';

/** The keys of V whose values are text. */
type StringKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/** Field → problems; the key `form` holds those of no one field. */
export type FieldProblems = Record<string, string[]>;

/** Why a save did not happen, as the form shows it above its fields. */
export interface SaveFailure {
  message: string;
  hint?: string;
  fieldErrors?: FieldProblems;
}

/** A save refused because someone changed the object after the page loaded: what the cluster holds now. */
export interface StaleConflict<V> {
  message: string;
  hint: string;
  values: V;
  resourceVersion: string;
}

/**
 * What a save action answers: done (with the version it wrote, if it stays on the page), refused, or refused as
 * stale, with the object's current values (or word that it is gone).
 */
export type SaveOutcome<V> =
  | { ok: true; resourceVersion?: string }
  | { ok: false; message: string; hint?: string; fieldErrors?: FieldProblems; conflict?: { values: V; resourceVersion: string } | { deleted: true } };

/** What a save sends besides the values: where the edit started and the version it was loaded at. */
export interface EditBase<V> {
  values: V;
  base: V;
  resourceVersion: string;
}

/**
 * The state every edit form of a cluster object shares: the values, what the edit started from (`base`) and the
 * resourceVersion it was loaded at, so the server can patch only what the person changed and refuse a stale edit;
 * problems shown once a field is touched (or after a save was tried) next to the server's own field errors; and the
 * conflict, whose current values the person may start again from. Nothing is ever overwritten without them seeing it.
 */
export function useStaleEditForm<V>({ initial, resourceVersion: loadedVersion, problems: problemsOf, invalid }: {
  initial: V;
  resourceVersion?: string;
  /** The form's own checks of the values, the same ones the server action runs again. */
  problems?: (values: V) => FieldProblems;
  /** What a save blocked by those problems says, e.g. "Some values need fixing before the quota can be saved." */
  invalid?: string;
}) {
  const [values, setValues] = useState(initial);
  const [base, setBase] = useState(initial);
  const [resourceVersion, setResourceVersion] = useState(loadedVersion ?? '');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>();
  const [conflict, setConflict] = useState<StaleConflict<V>>();
  const [busy, startBusy] = useTransition();

  const problems = problemsOf?.(values) ?? {};
  const errorsOf = (key: string) => [...(submitted || touched.has(key) ? (problems[key] ?? []) : []), ...(failure?.fieldErrors?.[key] ?? [])];
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  /** Takes a change of some fields; the server's field errors go, as they spoke of the values before it. */
  const change = (next: Partial<V>) => {
    setValues((cur) => ({ ...cur, ...next }));
    if (failure?.fieldErrors) setFailure({ ...failure, fieldErrors: undefined });
  };

  /** What a text field of the form needs: its value and problems, and what typing in it and leaving it do. */
  const textField = (key: StringKey<V>) => ({
    value: values[key] as string,
    errors: errorsOf(key),
    onChange: (value: string) => change({ [key]: value } as Partial<V>),
    onTouch: () => touch(key),
  });

  /** Saves with `run` unless the form's own checks fail; `onSaved` gets the action's answer when it is done. */
  const save = <R extends SaveOutcome<V>>(run: (edit: EditBase<V>) => Promise<R>, onSaved?: (done: Extract<R, { ok: true }>) => void) => {
    setSubmitted(true);
    if (Object.keys(problems).length) {
      setFailure({ message: invalid ?? 'Some values need fixing before this can be saved.', hint: 'Each problem is shown next to its field.' });
      return;
    }
    // Cleared now, outside the transition: updates inside it would only show once the save is over.
    setFailure(undefined);
    setConflict(undefined);
    startBusy(async () => {
      const sent = values;
      const answer = await run({ values: sent, base, resourceVersion });
      const r: SaveOutcome<V> = answer;
      if (r.ok) {
        // Staying on the page: the next save starts from what was just written.
        if (r.resourceVersion) {
          setResourceVersion(r.resourceVersion);
          setBase(sent);
        }
        onSaved?.(answer as Extract<R, { ok: true }>);
        return;
      }
      if (r.conflict && 'values' in r.conflict) setConflict({ message: r.message, hint: r.hint ?? '', values: r.conflict.values, resourceVersion: r.conflict.resourceVersion });
      else setFailure({ message: r.message, hint: r.hint, fieldErrors: r.fieldErrors });
    });
  };

  /** Starts again from the cluster's current values (after a conflict); returns them for state the form keeps itself. */
  const reload = (): V | undefined => {
    if (!conflict) return undefined;
    setValues(conflict.values);
    setBase(conflict.values);
    setResourceVersion(conflict.resourceVersion);
    setConflict(undefined);
    return conflict.values;
  };

  return { values, setValues, change, base, resourceVersion, problems, errorsOf, touch, textField, failure, conflict, busy, save, reload };
}
