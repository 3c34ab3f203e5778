import { z } from 'zod';
import { BatchFileInput } from '../domain/exchange';
import type {
  AckResult,
  ConflictView,
  DeviceIdentity,
  ExportResult,
  ImportReport,
  KnownDevice,
  MissingBatches,
  OutboxView,
  ReceiverInfo,
  ResentBatch,
} from '../domain/exchange';
import { requiredText } from '../domain/validation';
import { channel } from './define';

const None = z.object({});

export const exchangeChannels = {
  'exchange.identity': channel(None).returns<DeviceIdentity>(),
  'exchange.receivers': channel(None).returns<ReceiverInfo[]>(),
  /** Writes a batch of everything not yet sent to these recipients (a receiver's id picks its saved recipients). */
  'exchange.export': channel(
    z.object({
      recipients: z.array(z.string().trim().min(1)).max(20).default([]),
      receiverId: z.string().optional(),
      label: z.string().trim().max(120).optional(),
      out: z.string().optional(),
      includeData: z.boolean().default(false),
    }),
    { long: true },
  ).returns<ExportResult>(),
  /** Files by path, uploaded (base64) or every batch file in a folder; dryRun only previews. */
  'exchange.import': channel(
    z.object({ files: z.array(BatchFileInput).max(1000).default([]), folder: z.string().optional(), dryRun: z.boolean().default(false) }),
    { long: true },
  ).returns<ImportReport[]>(),
  /**
   * Writes again batches a receiver reports missing (same manifest and hash), re-encrypted;
   * to the folder `out` (command line) or returned as data (the window).
   */
  'exchange.resend': channel(
    z.object({
      recipients: z.array(z.string().trim().min(1)).max(20).default([]),
      receiverId: z.string().optional(),
      sequences: z.array(z.number().int().min(1)).min(1).max(1000),
      stream: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      out: z.string().optional(),
    }),
    { long: true },
  ).returns<ResentBatch[]>(),
  /** Batches written per receiver: waiting in the outbox or acknowledged. */
  'exchange.outbox': channel(None).returns<OutboxView[]>(),
  /** The signed acknowledgement of every batch applied here (the text of an .ack.json file). */
  'exchange.ack': channel(None).returns<{ text: string; streams: number }>(),
  /** Reads a receiver's acknowledgement: acknowledged batches leave the outbox. */
  'exchange.ackImport': channel(z.object({ file: BatchFileInput })).returns<AckResult>(),
  /** What this computer lacks from each sender, per device and stream (to send back to the mission). */
  'exchange.missing': channel(None).returns<MissingBatches[]>(),
  'exchange.devices': channel(None).returns<KnownDevice[]>(),
  /** Trusts a device after a person compared its fingerprint (or the device that wrote a batch file). */
  'exchange.trust': channel(z.union([z.object({ fingerprint: z.string().min(1) }), z.object({ file: BatchFileInput })])).returns<KnownDevice>(),
  /** Revokes a device (by id or fingerprint): its later batches and lines are refused; what was applied keeps counting. */
  'exchange.revoke': channel(z.object({ device: z.string().trim().min(1).max(100), reason: requiredText(500) })).returns<KnownDevice>(),
  /** A replaced laptop: trusts the new device (by fingerprint, seen here) for the old one's mission and revokes the old one. */
  'exchange.replace': channel(z.object({ device: z.string().trim().min(1).max(100), by: z.string().trim().min(1).max(100) })).returns<{
    revoked: KnownDevice;
    trusted: KnownDevice;
  }>(),
  'exchange.conflicts': channel(z.object({ includeResolved: z.boolean().default(false) })).returns<ConflictView[]>(),
  'exchange.resolve': channel(z.object({ id: z.number().int().min(1), keep: z.enum(['winner', 'other']) })).returns<ConflictView>(),
};
