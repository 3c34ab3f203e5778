#!/usr/bin/env node
// Runs the built CLI; builds it first on a fresh checkout.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const cli = path.join(__dirname, '..', 'dist', 'cli', 'main.cjs');
if (!fs.existsSync(cli)) {
  const build = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.mjs'), '--main-only'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
require(cli);
