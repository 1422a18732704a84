/** A bound on one request: the page offers at most one page of rows; more is a script, which can use kubectl. */
export const MAX_BULK_DELETE = 50;

/** What the person types to confirm deleting `count` spaces: the number, so a slip of the checkbox shows. */
export const bulkConfirmText = (count: number) => `delete ${count} ${count === 1 ? 'space' : 'spaces'}`;
