import { z } from 'zod';

/**
 * All configuration of Atrium, parsed once. Nothing else reads process.env, so
 * every setting is listed, typed and validated here.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Kubeconfig of the console/controller identity; unset means in-cluster service account. */
  ATRIUM_KUBECONFIG: z.string().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid Atrium configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
