/** Where data lives by default; the same folder for Electron, the browser host and the CLI. */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'CauNoi';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CAU_NOI_DATA_DIR) return path.resolve(env.CAU_NOI_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_FOLDER);
}
