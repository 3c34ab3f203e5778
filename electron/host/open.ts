/**
 * Opens an address in the person's browser. Every local user can read an opener's command
 * line (`ps`), so what is passed here is only ever a one-time address (session.ts).
 */
import { spawn } from 'node:child_process';

export type Spawner = (
  command: string,
  args: string[],
  options: { stdio: 'ignore'; detached: true },
) => { on(event: 'error', listener: () => void): unknown; unref(): void };

export function openInBrowser(url: string, spawner: Spawner = spawn, platform: NodeJS.Platform = process.platform): void {
  const command = platform === 'win32' ? 'cmd' : platform === 'darwin' ? 'open' : 'xdg-open';
  const args = platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawner(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No desktop to open a browser on: the printed address is enough.
  }
}
