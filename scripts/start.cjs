#!/usr/bin/env node
// `npm start`: the desktop app. Where the Electron binary is missing (it cannot be downloaded
// on offline machines) say so and point to the browser mode instead of failing obscurely.
const { spawnSync } = require('node:child_process');
const { electronBinary } = require('./electron-binary.cjs');

if (!electronBinary()) {
  console.error(
    [
      'ECG Desk: the Electron binary is not installed on this machine (it is downloaded on first',
      'use and this machine is offline).',
      '  - Browser mode, same app and data:  npm run web',
      '  - Desktop app, on a machine with internet:  node node_modules/electron/install.js && npm start',
    ].join('\n'),
  );
  process.exit(1);
}
const r = spawnSync('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
