/**
 * Electronegativity (Doyensec) over the Electron side, through scripts/electronegativity.mjs
 * (also a CI step of its own): no medium or higher finding without a reviewed reason in
 * scripts/electronegativity-allow.json, and the fuses that close Node's entry points.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, auditProject, judge, readAllowList, type Finding } from '../../scripts/electronegativity.mjs';
import { tempDir } from '../support/context';

const ROOT = path.resolve(__dirname, '..', '..');
const summary = (issues: Finding[]) => issues.map((i) => `${i.id} ${i.severity} ${i.file}:${i.line}`);

describe('Electron security audit', () => {
  it('leaves no medium or higher finding unexplained in the main process, preload and page', { timeout: 120_000 }, async () => {
    const verdict = judge(await auditProject(), readAllowList());
    expect(summary(verdict.unexplained)).toEqual([]);
    expect(verdict.stale).toEqual([]);
    expect(verdict.accepted.filter((i) => ['HIGH', 'CRITICAL'].includes(i.severity))).toEqual([]);
  });

  it('packages with the fuses that close Node entry points, pin the ASAR and drop file:// privileges', () => {
    const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const section = /^electronFuses:\n((?: {2}.*\n?)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries([...section.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    expect(yml).toMatch(/^asar: true$/m);
  });

  it('does find the classic mistakes, and fails them unless allowed with a reason', { timeout: 120_000 }, async () => {
    const dir = tempDir('caunoi-audit-bad-');
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      `const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n`,
    );
    const issues = await audit(dir);
    expect(issues.filter((i) => i.severity === 'HIGH').map((i) => i.id)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
    expect(issues.map((i) => i.id)).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
    const verdict = judge(issues, [
      { id: 'SANDBOX_JS_CHECK', file: 'main.js', reason: 'x'.repeat(40) },
      { id: 'NOT_FOUND_CHECK', file: 'main.js', reason: 'x'.repeat(40) },
    ]);
    expect(verdict.unexplained.map((i) => i.id)).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(verdict.unexplained.map((i) => i.id)).not.toContain('SANDBOX_JS_CHECK');
    expect(verdict.stale.map((a) => a.id)).toEqual(['NOT_FOUND_CHECK']);
  });

  it('refuses an allowance without a reason', () => {
    const file = path.join(tempDir('caunoi-allow-'), 'allow.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 'PRELOAD_JS_CHECK', file: 'electron/main.ts', reason: 'ok' }]));
    expect(() => readAllowList(file)).toThrow(/reason/);
  });
});
