/**
 * What the exchange needs from every entity store: apply field values that won the
 * last-writer-wins comparison (decided by the exchange service), creating the record
 * when it is new here, and keeping links and the search index in step.
 */
import type { Entity } from '../../shared/domain/enums';

export interface RemoteMeta {
  /** ISO time of the import. */
  now: string;
  /** Author and device of the winning change. */
  author: string;
  deviceId: string;
  /** The mission the batch comes from (records belong to it at HQ). */
  missionId: string;
}

export interface RemoteApplicable {
  readonly entity: Entity;
  /**
   * Writes `fields` (field name -> value, `_deleted` for the tombstone) onto record `id`.
   * Runs inside the exchange's transaction; must not record changes itself (the exchange
   * appends the received change records).
   */
  applyRemote(id: string, fields: Record<string, unknown>, meta: RemoteMeta): void;
  /** The id of the mission record `id` belongs to (a mission belongs to itself); null when it is not here. */
  ownerMission(id: string): string | null;
  /**
   * The values record `id` would hold once `fields` are applied (what applyRemote would write),
   * for validation before anything is written; null when applying writes no record.
   */
  mergedValues(id: string, fields: Record<string, unknown>): Record<string, unknown> | null;
}
