/**
 * The .docx writer (services/report-docx.ts) repeats each data table's row as the docx library
 * wrote it once, with each row's texts: the document must be the one the library writes when it
 * writes every row itself (fixtures/report-docx, made so before the change), byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildReportDocx } from '../../electron/services/report-docx';
import { everyBlock } from '../fixtures/report-docx/model';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/report-docx', name), 'utf8');

describe('the report .docx', () => {
  it('is, for every kind of block and text to escape, the document the docx library writes row by row', async () => {
    const files = unzipSync(await buildReportDocx(everyBlock));
    expect(strFromU8(files['word/document.xml']!)).toBe(fixture('document.xml'));
    expect(strFromU8(files['word/styles.xml']!)).toBe(fixture('styles.xml'));
  });
});
