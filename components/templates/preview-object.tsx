import { Badge } from '@/components/ui/badge';
import type { ObjectCheck } from '@/server/queries/template-preview';

/** One rendered object of a template preview, with the API server's dry-run answer when it was asked. */
export function PreviewObject({ label, yaml, verdict }: { label: string; yaml: string; verdict?: ObjectCheck }) {
  return (
    <details open className="rounded-md border border-border" data-testid="preview-object">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2">
        <span className="font-mono text-[0.8125rem]">{label}</span>
        {verdict && (
          <Badge tone={verdict.accepted ? 'success' : 'danger'} data-testid="preview-verdict">
            {verdict.accepted ? 'Accepted by the API server (dry run)' : 'Refused by the API server'}
          </Badge>
        )}
      </summary>
      {verdict?.message && (
        <p className="border-t border-border bg-danger-soft px-3 py-2 text-sm text-danger-soft-fg" data-testid="preview-refusal">
          {verdict.message}
        </p>
      )}
      <pre tabIndex={0} aria-label={`Rendered ${label}`} className="overflow-auto border-t border-border bg-surface-muted p-3 font-mono text-xs">
        {yaml}
      </pre>
    </details>
  );
}
