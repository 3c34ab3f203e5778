/**
 * Worker entry (bundled to dist/electron/batch-worker.cjs): decodes received batches one at a
 * time for the main process (services/exchange/decoder.ts), so that decryption, inflation,
 * parsing and signature checks never hold up the window. Per batch: `open` answers with the
 * manifest; then `read` (with the author keys main looked up) answers with the lines in slices,
 * or `drop` forgets it. Any refusal is posted with its code.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { openBatch, readLines, type AuthorKeys, type OpenedContainer } from '../services/exchange/decode';
import { runInBackground } from './priority';

runInBackground();

export type DecodeRequest =
  { type: 'open'; bytes: Uint8Array; identities: string[] | null } | { type: 'read'; authors: AuthorKeys | null; now: number } | { type: 'drop' };

const port = parentPort!;
let current: OpenedContainer | null = null;

async function handle(request: DecodeRequest): Promise<void> {
  if (request.type === 'drop') {
    current = null;
  } else if (request.type === 'open') {
    current = null;
    const opened = await openBatch(request.bytes, request.identities);
    current = opened;
    port.postMessage({ type: 'opened', manifest: opened.manifest, sha256: opened.sha256 });
  } else {
    const opened = current!;
    current = null;
    const certificates = await readLines(opened.manifest, opened.changesGz, request.authors, request.now, (lines, stage, done) =>
      port.postMessage({ type: 'slice', lines, stage, done }),
    );
    port.postMessage({ type: 'read', certificates, inner: opened.inner });
  }
}

port.on('message', (request: DecodeRequest) => {
  handle(request).catch((error: unknown) => {
    current = null;
    const payload = error instanceof AppError ? error.toPayload() : { code: 'BATCH_CORRUPT', message: `The batch cannot be read: ${(error as Error).message}` };
    port.postMessage({ type: 'refused', error: payload });
  });
});
