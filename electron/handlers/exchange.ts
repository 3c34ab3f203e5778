import fs from 'node:fs';
import path from 'node:path';
import type { BatchFileInput } from '../../shared/domain/exchange';
import type { AppContext } from '../context';
import { AppError } from '../../shared/errors';
import { listConflicts, resolveConflict } from '../services/exchange/conflicts';
import { identity, knownDevices, receivers, replaceDevice, revokeDevice, trustBatchFile, trustFingerprint } from '../services/exchange/devices';
import { exportBatch } from '../services/exchange/export';
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
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('EXCHANGE_FILE_UNREADABLE', `Not a folder: ${folder}`, { params: { file: folder } });
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.age'))
    .sort()
    .map((name) => ({ path: path.join(dir, name) }));
}

export const exchangeHandlers: HandlerMap<ChannelsOf<'exchange.'>> = {
  'exchange.identity': (_input, { app }) => identity(app),
  'exchange.receivers': (_input, { app }) => receivers(app),
  'exchange.export': async (input, { app, progress }) => {
    allowPaths(app, input.out !== undefined);
    let recipients = input.recipients;
    if (input.receiverId) {
      const saved = receivers(app).find((r) => r.id === input.receiverId);
      if (!saved) throw new AppError('NOT_FOUND', `No receiver ${input.receiverId}`);
      recipients = saved.recipients;
    }
    const result = await exportBatch(app, { recipients, label: input.label, out: input.out }, progress);
    return input.includeData ? { ...result, dataBase64: fs.readFileSync(result.path).toString('base64') } : result;
  },
  'exchange.import': (input, { app, progress }) => {
    allowPaths(app, input.folder !== undefined || input.files.some((f) => 'path' in f));
    const files = [...input.files, ...(input.folder ? folderFiles(input.folder) : [])].map(readBatchFile);
    if (files.length === 0) throw new AppError('EXCHANGE_NO_FILES', 'No batch files given (batch files end in .age)');
    return importBatches(app, files, { dryRun: input.dryRun }, progress);
  },
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
