import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/** `npm run bench:view`: the viewer's speed in Debian Chromium; not part of `npm test`. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts$/,
  outputDir: '../../test-results/bench',
  timeout: 600_000,
});
