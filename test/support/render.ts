/** LibreOffice renders a generated .docx or .xlsx: the PDF's facts, and PNG pages under test-results/render/ to look at. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './context';

export const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const OUT = path.resolve('test-results/render');
/** A LibreOffice conversion takes seconds, more on a loaded machine. */
export const RENDER_TIMEOUT = 240_000;

/** Writes the file, converts it to PDF with LibreOffice, renders PNG pages; returns the PDF's facts. */
export function render(name: string, base64: string): { pages: number; width: number; height: number; text: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  // Its own profile, so a LibreOffice already running elsewhere does not take the job.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    stdio: 'pipe',
    timeout: 120000,
  });
  const pdf = file.replace(/\.\w+$/, '.pdf');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  fs.mkdirSync(OUT, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, name.replace(/\.\w+$/, ''))]);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    width: Math.round(Number(width)),
    height: Math.round(Number(height)),
    text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }),
  };
}
