/** Every error code the main process or shared code raises has a text in both languages. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';

function raisedCodes(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) raisedCodes(file, found);
    else if (file.endsWith('.ts')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/new AppError\(\s*'([A-Z_]+)'/g)) found.add(m[1]!);
  }
  return found;
}

describe('error texts', () => {
  const codes = [...raisedCodes('electron'), ...raisedCodes('shared')];

  it('finds the codes raised, the new bounds among them', () => {
    expect(codes).toEqual(expect.arrayContaining(['BATCH_TOO_LARGE', 'IMPORT_FILE_TOO_COMPLEX', 'IMPORT_TOO_MANY_COLUMNS', 'IMPORT_CELL_TOO_LONG']));
  });

  it.each(['vi', 'en'] as const)('has a %s text for each', (language) => {
    expect(codes.filter((code) => translate(language, `errors.${code}`) === `errors.${code}`)).toEqual([]);
  });
});
