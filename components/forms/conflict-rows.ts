// Pure: what a stale-edit notice compares, kept apart from the component so it can be tested without a browser.

/** One line of what a form edits, as people read it: the label and its value as text. */
export interface SummaryLine {
  label: string;
  text: string;
}

export interface ConflictRow {
  label: string;
  mine: string;
  current: string;
}

/** The person's values beside the cluster's, line by line; a line only one side has is empty on the other. */
export function conflictRows(mine: SummaryLine[], current: SummaryLine[]): ConflictRow[] {
  const labels = [...new Set([...mine, ...current].map((r) => r.label))];
  return labels.map((label) => ({
    label,
    mine: mine.find((r) => r.label === label)?.text ?? '',
    current: current.find((r) => r.label === label)?.text ?? '',
  }));
}
