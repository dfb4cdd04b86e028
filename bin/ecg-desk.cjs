#!/usr/bin/env node
'use strict';
// The `ecg-desk` command: a thin launcher for the built CLI (out/main/cli.js, from main/cli).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('ECG Desk is not built: run `npm run build`\n');
  process.exit(1);
}
// A reader that stops early (`ecg-desk analyze … | head`) is not an error of ours.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ecg-desk: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
