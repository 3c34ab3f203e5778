/** Exchange batches as the UI and the CLI see them (docs/exchange-format.md has the file format). */
import { z } from 'zod';
import type { Entity } from './enums';

export interface EntitySummary {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}
export type ImportSummary = Partial<Record<Entity, EntitySummary>>;

export type ImportStatus = 'applied' | 'preview' | 'duplicate' | 'held' | 'refused';

export interface BatchInfo {
  missionCode: string;
  missionName: string;
  deviceId: string;
  fingerprint: string;
  author: string;
  sequence: number;
  changeCount: number;
  counts: Partial<Record<Entity, number>>;
  createdAt: string;
  sha256: string;
}

export interface ImportReport {
  file: string;
  /** A batch held earlier, applied now that the batch before it arrived. */
  released?: boolean;
  status: ImportStatus;
  /** Why a batch was refused or held: code (errors.<code>), English message, parameters. */
  error?: { code: string; message: string; params?: Record<string, string | number> };
  batch?: BatchInfo;
  summary: ImportSummary;
}

export interface ExportResult {
  path: string;
  fileName: string;
  sequence: number;
  changeCount: number;
  /** Changes left for the next batch (a batch stays within the format's limits). */
  remaining: number;
  counts: Partial<Record<Entity, number>>;
  sha256: string;
  stream: string;
  /** The file itself, base64, when asked for (the renderer offers it as a download). */
  dataBase64?: string;
}

export interface DeviceIdentity {
  deviceId: string;
  fingerprint: string;
  /** The age recipient others encrypt batches to (age1…). */
  recipient: string;
  publicKey: string;
}

export interface KnownDevice {
  deviceId: string;
  fingerprint: string;
  missionCode: string;
  missionName: string;
  firstSeen: string;
  trustedAt: string | null;
  trustedBy: string | null;
}

export interface ReceiverInfo {
  id: string;
  label: string;
  recipients: string[];
  lastBatchSeq: number;
  lastSentAt: string | null;
  /** Change records written since the last batch to this receiver. */
  pending: number;
}

export interface ConflictView {
  id: number;
  entity: Entity;
  recordId: string;
  /** The record's title or name, for a person to recognise it. */
  recordLabel: string;
  field: string;
  winner: { value: unknown; hlc: string; device: string; author: string };
  other: { value: unknown; hlc: string; device: string; author: string };
  detectedAt: string;
  resolvedAt: string | null;
  resolution: 'winner' | 'other' | 'superseded' | null;
}

export interface StreamGap {
  deviceId: string;
  /** Sequence numbers not received although later ones were. */
  missing: number[];
}

export interface HqMission {
  missionId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  country: string;
  /** The newest applied batch. */
  lastBatch: { sequence: number; deviceId: string; createdAt: string; receivedAt: string } | null;
  batchesApplied: number;
  batchesHeld: number;
  batchesRefused: number;
  gaps: StreamGap[];
  /** Whole days since the newest applied batch was written. */
  lagDays: number | null;
  devices: number;
}

export const BatchFileInput = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ name: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
]);
export type BatchFileInput = z.input<typeof BatchFileInput>;
