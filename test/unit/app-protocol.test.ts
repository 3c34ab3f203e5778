/** Electron's app:// origin (issue 13): only the renderer's files, never a path outside them. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX, appRequestFile, isAppPage, isAppUrl, isExternalLink } from '../../electron/app-url';
import { pathSegments } from '../../electron/renderer-files';
import { tempDir } from '../support/context';

// The renderer folder, with a file beside it that no request may reach.
const root = path.join(tempDir('caunoi-app-'), 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
fs.writeFileSync(path.join(root, 'assets', 'index-1.js'), '');
fs.writeFileSync(path.join(root, '..', 'outside.txt'), 'secret');

describe('app:// requests', () => {
  it('serve the renderer files, the page at the root too', () => {
    expect(appRequestFile(root, APP_INDEX)).toEqual({ file: path.join(root, 'index.html') });
    expect(appRequestFile(root, 'app://cau-noi/')).toEqual({ file: path.join(root, 'index.html') });
    expect(appRequestFile(root, 'app://cau-noi/index.html#/activities?filter=x')).toEqual({ file: path.join(root, 'index.html') });
    expect(appRequestFile(root, 'app://cau-noi/assets/index-1.js?v=1')).toEqual({ file: path.join(root, 'assets', 'index-1.js') });
    expect(appRequestFile(root, 'app://cau-noi/assets/')).toEqual({ status: 404 });
    expect(appRequestFile(root, 'app://cau-noi/nothing.js')).toEqual({ status: 404 });
  });

  it.each([
    'app://cau-noi/../outside.txt',
    'app://cau-noi/assets/../../outside.txt',
    'app://cau-noi/%2e%2e/outside.txt',
    'app://cau-noi/..%2foutside.txt',
    'app://cau-noi/..%5coutside.txt',
    'app://cau-noi/%2fetc%2fpasswd',
    'app://cau-noi//etc/passwd',
    'app://cau-noi/index.html%00',
    'app://cau-noi/%',
    'app://cau-noi/C:%5cWindows%5cwin.ini',
    `app://cau-noi/${'a/'.repeat(1100)}`,
  ])('refuses %s as malformed', (url) => {
    expect(appRequestFile(root, url)).toEqual({ status: 400 });
  });

  it('answers nothing for another host or scheme', () => {
    for (const url of [
      'app://cau-noi.evil/index.html',
      'app://evil/index.html',
      'file:///etc/passwd',
      `https://cau-noi/index.html`,
      'app://cau-noi@evil/index.html',
    ]) {
      expect(appRequestFile(root, url), url).toEqual({ status: 404 });
    }
  });
});

describe('the app origin', () => {
  it('is what navigation may reach, and the page what IPC answers', () => {
    expect(isAppUrl('app://cau-noi/index.html#/partners')).toBe(true);
    for (const url of ['app://cau-noi.evil/', 'app://cau-noi@evil/', 'https://example.org/', 'file:///index.html', 'app://other/index.html', 'about:blank']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppPage('app://cau-noi/index.html#/activities')).toBe(true);
    expect(isAppPage('app://cau-noi/assets/evil.html')).toBe(false);
    expect(isAppPage('app://cau-noi/index.html.evil')).toBe(false);
  });

  it('hands only plain https addresses to the browser', () => {
    expect(isExternalLink('https://www.mofa.gov.vn/vi/tin-tuc?id=5#top')).toBe(true);
    for (const url of [
      'http://example.org/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://host/share',
      'ms-msdt:/id',
      'https://user:pw@example.org/',
      'https://exa mple.org/',
      'https://',
      'javascript:alert(1)',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('request path segments', () => {
  it('decode well-formed paths', () => {
    expect(pathSegments('/')).toEqual([]);
    expect(pathSegments('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    expect(pathSegments('/assets/')).toEqual(['assets']);
    expect(pathSegments('/Hà%20Nội')).toEqual(['Hà Nội']);
  });

  it('are null for what is not an origin-form path', () => {
    for (const raw of ['', 'index.html', '*', 'http://evil/']) expect(pathSegments(raw), raw).toBeNull();
  });
});
