/**
 * The GitHub workflows cannot run here: their YAML is parsed and the parts the issue asks for are
 * checked (the matrix, the Electron e2e step, signing from secrets, artefacts, the release on tags);
 * electron-builder.yml is checked against electron-builder's own schema; the signing plan is run
 * with and without secrets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { signingPlan } from '../../scripts/ci-signing.mjs';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const workflow = (file: string) => load(read(file)) as Workflow;

describe('release workflow', () => {
  const release = workflow('.github/workflows/release.yml');
  const job = release.jobs.installers!;
  const step = (pattern: RegExp) => job.steps.find((s) => pattern.test(`${s.name ?? ''} ${s.run ?? ''} ${s.uses ?? ''}`));

  it('builds on Windows, macOS and Linux, on tags and by hand', () => {
    expect(job.strategy?.matrix.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(release.on).toMatchObject({ push: { tags: ['v*'] } });
    expect(release.on).toHaveProperty('workflow_dispatch');
  });

  it('installs with npm ci, runs the Electron e2e test (under xvfb on Linux) before building', () => {
    const order = (pattern: RegExp) => job.steps.indexOf(step(pattern)!);
    expect(step(/^npm ci/)?.run).toBe('npm ci');
    const e2e = step(/electron\.spec\.ts/)!;
    expect(e2e.run).toMatch(/xvfb-run -a/);
    expect(e2e.run).toMatch(/RUNNER_OS" = "Linux"/);
    // A skipped Electron test fails the job on the runners.
    expect(e2e.run).toMatch(/s\.skipped/);
    expect(step(/electron-native\.mjs/)).toBeDefined();
    expect(order(/npm ci/)).toBeLessThan(order(/electron\.spec\.ts/));
    expect(order(/electron\.spec\.ts/)).toBeLessThan(order(/electron-builder --publish never/));
  });

  it('signs from secrets through scripts/ci-signing.mjs before electron-builder, and uploads the installers', () => {
    const signing = step(/ci-signing\.mjs/)!;
    for (const secret of [
      'WINDOWS_CSC_LINK',
      'WINDOWS_CSC_KEY_PASSWORD',
      'MACOS_CSC_LINK',
      'MACOS_CSC_KEY_PASSWORD',
      'APPLE_API_KEY_P8',
      'APPLE_API_KEY_ID',
      'APPLE_API_ISSUER',
    ]) {
      expect(signing.env?.[secret]).toBe(`\${{ secrets.${secret} }}`);
      // Each is documented where people look for it.
      expect(read('README.md')).toContain(secret);
    }
    const upload = step(/upload-artifact/)!;
    expect(String(upload.with?.path)).toMatch(/\*\.exe[\s\S]*\*\.dmg[\s\S]*\*\.AppImage[\s\S]*\*\.deb[\s\S]*latest\*\.yml/);
  });

  it('drafts a release from every system’s installers on a tag only', () => {
    const draft = release.jobs.release!;
    expect(draft.needs).toBe('installers');
    expect(draft.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(draft.permissions).toEqual({ contents: 'write' });
    expect(draft.steps.some((s) => /gh release create .*--draft/.test(s.run ?? ''))).toBe(true);
    expect(release.jobs.installers!.permissions).toBeUndefined();
  });
});

describe('test workflow', () => {
  it('runs npm test on pull requests', () => {
    const test = workflow('.github/workflows/test.yml');
    expect(test.on).toHaveProperty('pull_request');
    expect(test.jobs.test!.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test', 'node scripts/electronegativity.mjs']);
  });
});

describe('electron-builder.yml', () => {
  it("is valid for electron-builder's schema, with zip for macOS updates and the Ministry's server file", async () => {
    const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js' as string)) as {
      getConfig(dir: string, file: null, extra: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util' as string)) as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      mac: { target: ['dmg', 'zip'] },
      publish: { provider: 'generic' },
      extraResources: [{ from: 'resources/update', filter: ['update-server.json'] }],
    });
    await expect(validateConfiguration({ ...config, extraResources: [{ from: 'x', bogus: 1 }] }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });
});

describe('code signing on the runners', () => {
  it('without secrets: nothing set but the keychain lookup off, and the reason for each system', () => {
    expect(signingPlan('win32', {}, '/tmp')).toEqual({
      set: {},
      files: [],
      skipped: [expect.stringMatching(/Windows installer NOT code-signed: secret\(s\) WINDOWS_CSC_LINK, WINDOWS_CSC_KEY_PASSWORD not set/)],
    });
    expect(signingPlan('darwin', {}, '/tmp')).toEqual({
      set: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      files: [],
      skipped: [expect.stringMatching(/macOS app NOT signed and NOT notarised/)],
    });
    expect(signingPlan('linux', {}, '/tmp').skipped).toEqual([expect.stringMatching(/not code-signed/)]);
  });

  it('with secrets: electron-builder’s variables, and the API key written for notarytool', () => {
    expect(signingPlan('win32', { WINDOWS_CSC_LINK: 'cGZ4', WINDOWS_CSC_KEY_PASSWORD: 'pw' }, '/tmp').set).toEqual({
      WIN_CSC_LINK: 'cGZ4',
      WIN_CSC_KEY_PASSWORD: 'pw',
    });
    const mac = signingPlan(
      'darwin',
      {
        MACOS_CSC_LINK: 'cDEy',
        MACOS_CSC_KEY_PASSWORD: 'pw',
        APPLE_API_KEY_P8: '-----BEGIN PRIVATE KEY-----',
        APPLE_API_KEY_ID: 'ABC123',
        APPLE_API_ISSUER: 'uuid',
      },
      '/tmp',
    );
    expect(mac).toEqual({
      set: {
        CSC_LINK: 'cDEy',
        CSC_KEY_PASSWORD: 'pw',
        APPLE_API_KEY: path.join('/tmp', 'AuthKey_ABC123.p8'),
        APPLE_API_KEY_ID: 'ABC123',
        APPLE_API_ISSUER: 'uuid',
      },
      files: [{ path: path.join('/tmp', 'AuthKey_ABC123.p8'), content: '-----BEGIN PRIVATE KEY-----' }],
      skipped: [],
    });
    expect(signingPlan('darwin', { MACOS_CSC_LINK: 'cDEy', MACOS_CSC_KEY_PASSWORD: 'pw' }, '/tmp').skipped).toEqual([
      expect.stringMatching(/signed but NOT notarised.*APPLE_API_KEY_P8, APPLE_API_KEY_ID, APPLE_API_ISSUER/),
    ]);
  });
});
