/**
 * Merge rules, as pure functions over the change records of one field (the receiver's and
 * the batch's together), so the result does not depend on the order batches arrive in:
 * - the winner is the change with the greatest HLC (the HLC string ends with the device
 *   id, so equal times are decided by device id);
 * - a conflict is a losing change from another device, with another value, that the
 *   winner's writer had not seen (its HLC is above the winner's base: the value the winner
 *   replaced). Base approximates "since the last common state" without version vectors.
 */
export interface FieldChange {
  hlc: string;
  device: string;
  author: string;
  /** The value as JSON text ('null' for null). */
  value: string;
  /** HLC of the value the writer replaced; null when it saw none. */
  base: string | null;
}

/** A stored change record: local ones get their base from what preceded them in the log. */
export interface LoggedChange extends FieldChange {
  local: boolean;
}

/** Fills the base of local changes: the greatest HLC logged before them (rows in seq order). */
export function withBases(rowsInSeqOrder: readonly LoggedChange[]): FieldChange[] {
  let seen: string | null = null;
  return rowsInSeqOrder.map((row) => {
    const change: FieldChange = { hlc: row.hlc, device: row.device, author: row.author, value: row.value, base: row.local ? seen : row.base };
    if (seen === null || row.hlc > seen) seen = row.hlc;
    return change;
  });
}

export function winnerOf<T extends { hlc: string }>(changes: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of changes) if (!best || c.hlc > best.hlc) best = c;
  return best;
}

export interface Conflict {
  winner: FieldChange;
  other: FieldChange;
}

export function conflictOf(changes: readonly FieldChange[]): Conflict | null {
  const winner = winnerOf(changes);
  if (!winner) return null;
  const concurrent = changes.filter(
    (c) => c.hlc < winner.hlc && c.device !== winner.device && c.value !== winner.value && (winner.base === null || c.hlc > winner.base),
  );
  const other = winnerOf(concurrent);
  return other ? { winner, other } : null;
}
