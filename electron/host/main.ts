/**
 * Entry of the browser host: `node dist/host/main.cjs [--data-dir DIR] [--port N] [--no-open] [--json]`.
 * Used where no Electron binary exists, and by the e2e tests. Each line read on stdin (Enter in
 * the terminal) answers with a new one-time address: printed (and opened), or with --json one
 * JSON line `{"openUrl": …}` (the e2e fixtures ask for one per browser context).
 */
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { DataHost } from '../data-host/client';
import { READERS } from '../db/read-pool';
import { defaultDataDir } from '../paths';
import { APP_VERSION } from '../version';
import { translate } from '../../shared/i18n';
import { openInBrowser } from './open';
import { startHost } from './server';
import { CODE_LIFETIME_MS } from './session';

/** Vietnamese first, English under it. */
const say = (key: string, params?: Record<string, string | number>) => console.log(`${translate('vi', key, params)}\n  ${translate('en', key, params)}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      json: { type: 'boolean' },
      reason: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const data = new DataHost({ options: { dataDir, transport: 'browser', appVersion: APP_VERSION, readers: READERS }, background: true });
  const host = await startHost({
    dispatch: (channel, input, onProgress) => data.call(channel, input, onProgress),
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  const announce = (openUrl: string) => {
    if (values.json) return void process.stdout.write(`${JSON.stringify({ openUrl })}\n`);
    say('host.open', { seconds: CODE_LIFETIME_MS / 1000 });
    console.log(`  ${openUrl}`);
    say('host.keys');
    if (!values['no-open'] && !process.env.CI) openInBrowser(openUrl);
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, openUrl: host.openUrl, dataDir })}\n`);
  } else {
    if (values.reason) console.log(values.reason);
    say('host.running', { dataDir });
    announce(host.openUrl);
  }
  readline.createInterface({ input: process.stdin }).on('line', () => announce(host.newOpenUrl()));
  const stop = () => {
    void host
      .close()
      .then(() => data.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error & { code?: string }) => {
  console.error(`cau-noi host: ${error.code ? `${error.code}: ` : ''}${error.message}`);
  process.exit(1);
});
