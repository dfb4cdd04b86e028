#!/usr/bin/env node
// Runs after `npm ci` / `npm install` in a checkout: builds the app so that `npx ecg-desk`,
// `npm run web` and the tests find `out/`. Skipped when installed as a dependency (no sources).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'electron.vite.config.ts')) || process.env.ECG_DESK_SKIP_BUILD) {
  process.exit(0);
}
const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) console.error('ECG Desk: the build failed; see above.');
process.exit(r.status ?? 1);
