/**
 * `status.reason` of a Failed TemplateInstance. Kiosk's CamelCase reasons where Kiosk had one
 * (templateinstance_controller.go), so scripts that matched on them keep working; `TemplateTooLarge` and `Forbidden` are Atrium's.
 */
export type TemplateFailureReason =
  | 'TemplateNotFound'
  | 'ErrorValidatingParameters'
  | 'ErrorReplaceParameters'
  | 'ErrorHelm'
  | 'ErrorConvertingManifest'
  | 'TemplateTooLarge'
  | 'FindObjectMapping'
  | 'ApplyManifests'
  | 'DecompressOldManifests'
  | 'Forbidden';

/** Why a TemplateInstance could not be deployed, as written to `status.reason` and `status.message`. */
export interface TemplateFailure {
  reason: TemplateFailureReason;
  message: string;
}

/** A value or the failure that stopped it; expected failures are values, not exceptions (bugs still throw). */
export type TemplateStep<T> = ({ ok: true } & T) | { ok: false; failure: TemplateFailure };

/** Shorthand for a failed {@link TemplateStep}. */
export const failed = (reason: TemplateFailureReason, message: string): { ok: false; failure: TemplateFailure } => ({ ok: false, failure: { reason, message } });
