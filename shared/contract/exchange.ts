import { z } from 'zod';
import { BatchFileInput } from '../domain/exchange';
import type { ConflictView, DeviceIdentity, ExportResult, ImportReport, KnownDevice, ReceiverInfo } from '../domain/exchange';
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
  'exchange.devices': channel(None).returns<KnownDevice[]>(),
  /** Trusts a device after a person compared its fingerprint (or the device that wrote a batch file). */
  'exchange.trust': channel(z.union([z.object({ fingerprint: z.string().min(1) }), z.object({ file: BatchFileInput })])).returns<KnownDevice>(),
  /** Revokes a device (by id or fingerprint): its later batches and lines are refused; what was applied keeps counting. */
  'exchange.revoke': channel(z.object({ device: z.string().trim().min(1).max(100), reason: requiredText(500) })).returns<KnownDevice>(),
  /** A replaced laptop: trusts the new device (by fingerprint, seen here) for the old one's mission and revokes the old one. */
  'exchange.replace': channel(z.object({ device: z.string().trim().min(1).max(100), by: z.string().trim().min(1).max(100) })).returns<{ revoked: KnownDevice; trusted: KnownDevice }>(),
  'exchange.conflicts': channel(z.object({ includeResolved: z.boolean().default(false) })).returns<ConflictView[]>(),
  'exchange.resolve': channel(z.object({ id: z.number().int().min(1), keep: z.enum(['winner', 'other']) })).returns<ConflictView>(),
};
