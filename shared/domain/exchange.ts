/** Exchange batches as the UI and the CLI see them (docs/exchange-format.md has the file format). */
import { z } from 'zod';
import type { Entity, MissionKind } from './enums';

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

export type DeviceState = 'waiting' | 'trusted' | 'revoked';

export interface KnownDevice {
  deviceId: string;
  /** Empty for a device known only from a head's revocation (no key seen here). */
  fingerprint: string;
  missionCode: string;
  missionName: string;
  firstSeen: string;
  state: DeviceState;
  /** Trusted by a person here (direct), vouched for by a trusted sender (certificate), or only revoked (revocation). */
  via: 'direct' | 'certificate' | 'revocation';
  trustedAt: string | null;
  /** The person who trusted it, or for a certificate the device that certified it. */
  trustedBy: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  /** The person who revoked it here, or the author of the head's batch that carried the revocation. */
  revokedBy: string | null;
  /** The device that replaced it (device replace). */
  replacedBy: string | null;
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
  /** The sender's stream (manifest.stream): the mission resends these sequences of it. */
  stream: string;
  /** Sequence numbers not received although later ones were. */
  missing: number[];
}

/** What HQ lacks from one mission's device, to send back to the mission (`batch missing`). */
export interface MissingBatches extends StreamGap {
  missionCode: string;
}

/** One batch written to a receiver, as the Send card shows it (outbox until acknowledged). */
export interface SentBatch {
  sequence: number;
  stream: string;
  fileName: string;
  createdAt: string;
  changeCount: number;
  acknowledgedAt: string | null;
  /** Can be written again (its signed container or its outbox copy is still kept). */
  resendable: boolean;
}

export interface OutboxView {
  receiverId: string;
  label: string;
  /** The stream new batches go to. */
  stream: string;
  /** Unacknowledged batches first, then the last acknowledged ones (newest first). */
  batches: SentBatch[];
  sent: number;
  acknowledged: number;
  waiting: number;
}

export interface ResentBatch {
  sequence: number;
  path: string;
  fileName: string;
  sha256: string;
  /** The file itself, base64, when asked for (the renderer offers it as a download). */
  dataBase64?: string;
}

/** File names the import takes: batches (…cnb.age) and acknowledgements, in the window as in `batch import`. */
export const BATCH_SUFFIX = '.age';
export const ACK_EXTENSION = '.ack.json';

export interface AckResult {
  /** Batches of this device newly marked acknowledged. */
  acknowledged: number;
  /** Which: per stream, the sequences newly acknowledged. */
  batches: { stream: string; sequences: number[] }[];
  /** Acknowledged outbox copies removed (a backup newer than their acknowledgement exists). */
  removedFiles: number;
  /** Acknowledged copies kept until a newer backup: restoring an older one reads them back. */
  keptFiles: number;
}

/**
 * A mission's state for a period at HQ (docs/cli.md#hq-missions): reported (a batch written
 * after the period ended was applied), due (not yet, but the grace days are not over), late
 * (it sent batches before, none since the period ended + grace), never (no batch applied, ever).
 */
export const REPORTING_STATES = ['reported', 'due', 'late', 'never'] as const;
export type ReportingState = (typeof REPORTING_STATES)[number];

export interface HqMission {
  code: string;
  /** The mission's record at HQ, created when its first batch was applied; null before. */
  missionId: string | null;
  nameVi: string;
  nameEn: string;
  /** Null for a mission known only from a batch or a device, not from the register or a record. */
  kind: MissionKind | null;
  country: string;
  /** Group of the consolidated figures (shared/regions.ts). */
  region: string;
  /** In HQ's register of expected missions; false for one that sent batches but is not listed. */
  registered: boolean;
  state: ReportingState;
  /** The newest applied batch. */
  lastBatch: { sequence: number; deviceId: string; createdAt: string; receivedAt: string } | null;
  batchesApplied: number;
  batchesHeld: number;
  batchesRefused: number;
  gaps: StreamGap[];
  /** Whole days since the newest applied batch was written. */
  lagDays: number | null;
  /** Trusted devices. */
  devices: number;
  /** Devices seen (a batch arrived) but not trusted yet. */
  devicesWaiting: number;
  /** Devices revoked here or by the mission's head. */
  devicesRevoked: number;
}

export const BatchFileInput = z.union([z.object({ path: z.string().min(1) }), z.object({ name: z.string().min(1).max(255), dataBase64: z.string().min(1) })]);
export type BatchFileInput = z.input<typeof BatchFileInput>;
