#!/usr/bin/env node
// `npm test`: build once, run the unit/integration suite (vitest) and the E2E suite
// (Playwright in Debian Chromium), then print one plain summary line for CI.
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function run(label, cmd, args, env = {}) {
  console.error(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let failedSteps = 0;
if (run('build', npx, ['electron-vite', 'build']) !== 0) {
  console.error('build failed');
  process.exit(1);
}
const unitJson = join(results, 'vitest.json');
failedSteps +=
  run('unit + integration', npx, [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${unitJson}`,
  ]) !== 0;
const e2eJson = join(results, 'playwright.json');
failedSteps +=
  run('e2e', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  }) !== 0;

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const v = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} catch {
  failed += 1;
}
try {
  const p = JSON.parse(readFileSync(e2eJson, 'utf8'));
  passed += p.stats.expected;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} catch {
  failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
