/** Looks for known record text in every file of a data folder (database, WAL, backups...). */
import fs from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Files (relative names) that contain any of the texts, in UTF-8 or UTF-16. */
export function filesContaining(dataDir: string, texts: string[]): string[] {
  const needles = texts.flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
  return filesUnder(dataDir)
    .filter((file) => {
      const bytes = fs.readFileSync(file);
      return needles.some((n) => bytes.includes(n));
    })
    .map((file) => path.relative(dataDir, file));
}
