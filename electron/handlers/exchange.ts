import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BATCH_SUFFIX, type BatchFileInput } from '../../shared/domain/exchange';
import type { AppContext } from '../context';
import { AppError } from '../../shared/errors';
import { listConflicts, resolveConflict } from '../services/exchange/conflicts';
import { identity, knownDevices, receivers, replaceDevice, revokeDevice, trustBatchFile, trustFingerprint } from '../services/exchange/devices';
import { exportBatch, resendBatches } from '../services/exchange/export';
import { importAck, writeAck } from '../services/exchange/ack';
import { missingBatches } from '../services/exchange/missions';
import { outbox } from '../services/exchange/outbox';
import { BATCH_LIMITS, batchTooLarge } from '../services/exchange/format';
import { importBatches, type BatchFile } from '../services/exchange/import';
import type { ChannelsOf, HandlerMap } from './types';

/**
 * Paths on this computer are taken from the command line only: the window hands files over
 * as contents, so a compromised page cannot read or write wherever it likes.
 */
function allowPaths(app: AppContext, given: boolean): void {
  if (given && app.options.transport !== 'cli') throw new AppError('FORBIDDEN', 'File paths are accepted from the command line only');
}

function readBatchFile(file: BatchFileInput): BatchFile {
  if ('path' in file) {
    // Measured before reading: a huge file is refused without being loaded.
    const size = fs.statSync(path.resolve(file.path), { throwIfNoEntry: false })?.size ?? 0;
    if (size > BATCH_LIMITS.fileBytes) throw batchTooLarge(`${file.path} has ${size} bytes`);
    try {
      return { name: path.basename(file.path), bytes: fs.readFileSync(path.resolve(file.path)) };
    } catch (error) {
      throw new AppError('EXCHANGE_FILE_UNREADABLE', `Cannot read ${file.path}: ${(error as Error).message}`, { params: { file: file.path } });
    }
  }
  return { name: file.name, bytes: Buffer.from(file.dataBase64, 'base64') };
}

/** The batch files (*.age) of a folder, in name order (which is sequence order for one sender). */
function folderFiles(folder: string): BatchFileInput[] {
  const dir = path.resolve(folder);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new AppError('EXCHANGE_FILE_UNREADABLE', `Not a folder: ${folder}`, { params: { file: folder } });
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(BATCH_SUFFIX))
    .sort()
    .map((name) => ({ path: path.join(dir, name) }));
}

function savedRecipients(app: AppContext, receiverId: string): string[] {
  const saved = receivers(app).find((r) => r.id === receiverId);
  if (!saved) throw new AppError('NOT_FOUND', `No receiver ${receiverId}`);
  return saved.recipients;
}

export const exchangeHandlers: HandlerMap<ChannelsOf<'exchange.'>> = {
  'exchange.identity': (_input, { app }) => identity(app),
  'exchange.receivers': (_input, { app }) => receivers(app),
  'exchange.export': async (input, { app, progress }) => {
    allowPaths(app, input.out !== undefined);
    const recipients = input.receiverId ? savedRecipients(app, input.receiverId) : input.recipients;
    const result = await exportBatch(app, { recipients, label: input.label, out: input.out }, progress);
    return input.includeData ? { ...result, dataBase64: fs.readFileSync(result.path).toString('base64') } : result;
  },
  'exchange.import': (input, { app, progress }) => {
    allowPaths(app, input.folder !== undefined || input.files.some((f) => 'path' in f));
    const files = [...input.files, ...(input.folder ? folderFiles(input.folder) : [])].map(readBatchFile);
    if (files.length === 0) throw new AppError('EXCHANGE_NO_FILES', 'No batch files given (batch files end in .age)');
    return importBatches(app, files, { dryRun: input.dryRun }, progress);
  },
  'exchange.resend': async (input, { app }) => {
    allowPaths(app, input.out !== undefined);
    const recipients = input.receiverId ? savedRecipients(app, input.receiverId) : input.recipients;
    // The window gets the files as data; they are written to a temporary folder first.
    const out = input.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cau-noi-resend-'));
    const resent = await resendBatches(app, { recipients, sequences: input.sequences, stream: input.stream, out });
    if (input.out !== undefined) return resent;
    const withData = resent.map((r) => ({ ...r, dataBase64: fs.readFileSync(r.path).toString('base64') }));
    fs.rmSync(out, { recursive: true, force: true });
    return withData;
  },
  'exchange.outbox': (_input, { app }) => outbox(app),
  'exchange.ack': (_input, { app }) => writeAck(app),
  'exchange.ackImport': (input, { app }) => {
    allowPaths(app, 'path' in input.file);
    return importAck(app, readBatchFile(input.file).bytes);
  },
  'exchange.missing': (_input, { app }) => missingBatches(app),
  'exchange.devices': (_input, { app }) => knownDevices(app),
  'exchange.trust': (input, { app }) => {
    if ('fingerprint' in input) return trustFingerprint(app, input.fingerprint);
    allowPaths(app, 'path' in input.file);
    return trustBatchFile(app, readBatchFile(input.file).bytes);
  },
  'exchange.revoke': (input, { app }) => revokeDevice(app, input.device, input.reason),
  'exchange.replace': (input, { app }) => replaceDevice(app, input.device, input.by),
  'exchange.conflicts': (input, { app }) => listConflicts(app, input.includeResolved),
  'exchange.resolve': (input, { app }) => resolveConflict(app, input.id, input.keep),
};
