import { z } from 'zod';

const commaList = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * All configuration of Atrium, parsed once. Nothing else reads process.env, so
 * every setting is listed, typed and validated here.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Kubeconfig of the console/controller identity; unset means in-cluster service account. */
  ATRIUM_KUBECONFIG: z.string().min(1).optional(),
  /** Namespace Atrium is installed in (leader Lease, webhook Service). */
  ATRIUM_NAMESPACE: z.string().min(1).default('kiosk'),
  /** This replica's name in leader election; the pod name in a cluster. */
  ATRIUM_POD_NAME: z.string().min(1).optional(),
  /** Plain-HTTP port for /healthz, /readyz and /metrics. */
  ATRIUM_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** HTTPS port for admission webhooks and the tenancy.kiosk.sh API. */
  ATRIUM_SERVING_PORT: z.coerce.number().int().min(0).max(65535).default(9443),
  /** Address the HTTPS listener binds; in a cluster the pod IP (downward API), never every address. */
  ATRIUM_SERVING_HOST: z.string().default('0.0.0.0'),
  ATRIUM_TLS_CERT_FILE: z.string().min(1).optional(),
  ATRIUM_TLS_KEY_FILE: z.string().min(1).optional(),
  /**
   * CA bundle (PEM file) of the client certificate the kube-apiserver presents to admission webhooks
   * (AdmissionConfiguration kubeConfigFile). Unset: webhook callers are not authenticated, and only the network
   * (the chart's NetworkPolicy, webhook.controlPlaneCIDRs) keeps others from the webhook port.
   */
  ATRIUM_WEBHOOK_CLIENT_CA_FILE: z.string().min(1).optional(),
  /** Allowed CNs of that client certificate, comma-separated; required with ATRIUM_WEBHOOK_CLIENT_CA_FILE. */
  ATRIUM_WEBHOOK_CLIENT_NAMES: z.string().default('').transform(commaList),
  /** Largest AdmissionReview a webhook accepts (413 beyond): two objects at etcd's 1.5 MiB limit plus the review. */
  ATRIUM_ADMISSION_MAX_BODY_BYTES: z.coerce.number().int().positive().default(6 * 1024 * 1024),
  /**
   * Label and annotation keys tenants may set on every account's spaces (chart values spaces.allowedLabels and
   * spaces.allowedAnnotations), comma-separated exact keys or `prefix*` patterns; an Account adds its own in
   * spec.space.allowedLabels/allowedAnnotations. Keys of kubernetes.io, k8s.io and kiosk.sh are never allowed.
   */
  ATRIUM_SPACE_ALLOWED_LABELS: z.string().default('').transform(commaList),
  ATRIUM_SPACE_ALLOWED_ANNOTATIONS: z.string().default('').transform(commaList),
  /** Name of the leader-election Lease; replicas that share it elect one leader. */
  ATRIUM_LEASE_NAME: z.string().min(1).default('atrium-controller'),
  /** Off only for a single replica in development. */
  ATRIUM_LEADER_ELECTION: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * AccountQuota: how long a charge admitted for an object waits to see that object before the controller looks it up
   * and, if it was never created (a later admission step denied it), releases it. Longer than any webhook timeout.
   */
  ATRIUM_QUOTA_PENDING_TTL_SECONDS: z.coerce.number().positive().default(30),
  /**
   * AccountQuota: how old a charge must be before the controller asks the API server for its object early, releasing
   * it at once when the object does not exist. At least the longest timeout of the cluster's validating webhooks
   * (Kubernetes' default is 10 s): an object is persisted only after every webhook answered.
   */
  ATRIUM_QUOTA_PENDING_CHECK_SECONDS: z.coerce.number().positive().default(10),
  /** AccountQuota: how long admission keeps retrying a usage write that conflicts before it refuses (retriable). */
  ATRIUM_QUOTA_ADMISSION_DEADLINE_MS: z.coerce.number().int().positive().default(3000),
  /**
   * AccountQuota escrow: how long a replica may admit from headroom it reserved in the usage record (its grant)
   * before renewing it; 0 turns escrow off (every charged admission is a compare-and-swap write). A replica that
   * stops renewing loses its grant this long plus ATRIUM_QUOTA_PENDING_CHECK_SECONDS after its last renewal.
   */
  ATRIUM_QUOTA_GRANT_SECONDS: z.coerce.number().min(0).default(4),
  /** AccountQuota: least time between the controller's writes of one quota's usage record, and of its status. */
  ATRIUM_QUOTA_RECORD_INTERVAL_MS: z.coerce.number().int().min(0).default(200),
  ATRIUM_QUOTA_STATUS_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** AccountQuota: how often the leader recounts every quota to find drift in the incremental usage. */
  ATRIUM_QUOTA_RECOUNT_SECONDS: z.coerce.number().positive().default(300),
  /**
   * The helm client that renders Helm templates (`helm template`). Defaults to `helm` on the PATH in production (the
   * controller image has it at /usr/local/bin/helm, which the chart sets) and to the dev cluster's client
   * (`.atrium/bin/helm`, relative to the working directory) otherwise.
   */
  ATRIUM_HELM_BIN: z.string().min(1).default(() => (process.env.NODE_ENV === 'production' ? 'helm' : '.atrium/bin/helm')),
  /**
   * Where the controller writes scratch files (each helm run's repository cache and values). Must be writable: the
   * chart mounts an emptyDir at /tmp because the image's root filesystem is read-only. Defaults to the OS temp dir.
   */
  ATRIUM_TMP_DIR: z.string().min(1).optional(),

  // ---- Console: sign-in and acting as the person (docs/identity-providers.md, ADR 0005) ----
  /** The console's public base URL; next-auth builds its callback URLs from it. */
  AUTH_URL: z.url().optional(),
  /** Encrypts the session cookie (JWE). At least 32 random characters; rotate by restarting with a new one. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters: generate one with `openssl rand -base64 32`').optional(),
  /** OpenID Connect issuer, exactly as it appears in the ID token's `iss` (and in the API server's authentication config). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Name of the provider on the sign-in button, e.g. "Okta" or "Company SSO". */
  OIDC_DISPLAY_NAME: z.string().min(1).default('Single sign-on'),
  OIDC_SCOPES: z.string().min(1).default('openid profile email groups offline_access'),
  /** The same four knobs as an EKS OIDC identity provider, so a person is the same Kubernetes user in kubectl and here. */
  OIDC_USERNAME_CLAIM: z.string().min(1).default('sub'),
  OIDC_USERNAME_PREFIX: z.string().default(''),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  OIDC_GROUPS_PREFIX: z.string().default(''),
  /**
   * How the console calls Kubernetes for a person. `passthrough` (default): the person's own ID token or pasted
   * bearer token, verified by the API server. `impersonation`: the console's ServiceAccount sends Impersonate-User
   * and Impersonate-Group headers, for API servers that do not trust the identity provider.
   */
  ATRIUM_KUBE_AUTH_MODE: z.enum(['passthrough', 'impersonation']).default('passthrough'),
  /** Longest a pasted bearer token is used when it carries no readable expiry (opaque tokens). */
  ATRIUM_TOKEN_SESSION_MAX_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  /**
   * The Service in ATRIUM_NAMESPACE in front of the controllers' health port (the chart's atrium-controller-metrics):
   * the Health page reads /metrics through the API server's service proxy as the person, so RBAC
   * (`get services/proxy`) decides who sees them.
   */
  ATRIUM_CONTROLLER_METRICS_SERVICE: z.string().min(1).default('atrium-controller-metrics'),
  /**
   * Development only: the controller runs on the host, where the API server cannot proxy (it refuses loopback
   * addresses). The console then reads this URL itself — after the same RBAC question, asked as the person.
   */
  ATRIUM_CONTROLLER_METRICS_URL: z.url().optional(),

  // --- Audit trail and usage history (server/audit; docs/adr/0005-audit-trail.md) ---
  /**
   * PostgreSQL of the audit trail, as the application role (INSERT and SELECT on audit rows only). Unset: every
   * change that must be audited is refused with a message saying so. The dev stack writes it to .atrium/stack.env.
   */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Folder of the audit schema's migrations, for `npm run db:migrate`; the controller image sets /app/prisma/migrations. */
  ATRIUM_MIGRATIONS_DIR: z.string().min(1).optional(),
  /** The schema owner's URL, for `npm run db:migrate`; defaults to DATABASE_URL. */
  DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections per process to the audit database. */
  ATRIUM_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Where audit events wait, fsync'd, when the database fails after a change was made; a flusher writes them later.
   * Put it on a volume that outlives the pod.
   */
  ATRIUM_AUDIT_SPOOL_DIR: z.string().min(1).default(() => (process.env.NODE_ENV === 'production' ? '/var/lib/atrium/audit-spool' : '.atrium/audit-spool')),
  /** How often the flusher retries events in the spool. */
  ATRIUM_AUDIT_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  /** How long to wait for the database before refusing a change as unaudited. */
  ATRIUM_AUDIT_DB_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** A change journalled by a process that stopped before its outcome is recorded as `unknown` after this long. */
  ATRIUM_AUDIT_ORPHAN_SECONDS: z.coerce.number().min(0).default(600),
  /** Usage samples older than this are pruned; audit rows are never deleted by Atrium. */
  ATRIUM_USAGE_RETENTION_DAYS: z.coerce.number().positive().default(90),
  // --- end audit ---
}).refine((e) => !e.ATRIUM_WEBHOOK_CLIENT_CA_FILE || e.ATRIUM_WEBHOOK_CLIENT_NAMES.length > 0, {
  path: ['ATRIUM_WEBHOOK_CLIENT_NAMES'],
  message: 'set the CN(s) of the kube-apiserver\'s webhook client certificate (e.g. kube-apiserver-webhook-client): a CA alone may also sign other clients',
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/**
 * The environment of a child process (helm): this process's own, so settings such as HTTPS_PROXY and NO_PROXY reach
 * it, plus `extra`. Here because nothing else reads process.env.
 */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

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
