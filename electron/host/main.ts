/**
 * Entry of the browser host: `node dist/host/main.cjs [--data-dir DIR] [--port N] [--no-open] [--json]`.
 * Used where no Electron binary exists, and by the e2e tests.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppContext } from '../context';
import { defaultDataDir } from '../paths';
import { APP_VERSION } from '../version';
import { scheduleBackups } from '../services/backup';
import { startHost } from './server';

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No desktop to open a browser on: the printed address is enough.
  }
}

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
  const app = new AppContext({ dataDir, transport: 'browser', appVersion: APP_VERSION });
  scheduleBackups(app);
  const host = await startHost({ app, staticDir: path.join(__dirname, '..', 'renderer'), port: values.port ? Number(values.port) : 0 });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, openUrl: host.openUrl, token: host.token, dataDir })}\n`);
  } else {
    if (values.reason) console.log(values.reason);
    console.log(`Cầu Nối is running in your browser at ${host.url} (data: ${dataDir}).`);
    console.log(`Open: ${host.openUrl}`);
    console.log('Press Ctrl+C to stop.');
    if (!values['no-open'] && !process.env.CI) openInBrowser(host.openUrl);
  }
  const stop = () => {
    void host.close().then(() => {
      app.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error & { code?: string }) => {
  console.error(`cau-noi host: ${error.code ? `${error.code}: ` : ''}${error.message}`);
  process.exit(1);
});
