import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = __dirname;
const alias = { '@common': resolve(root, 'common') };

// One build produces everything: the Electron main process, the plain-Node entry points
// that share its code (CLI and worker threads), the sandboxed CommonJS preload and the
// Svelte renderer. `dependencies` (better-sqlite3, tfjs, zod) stay external in main.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          cli: resolve(root, 'main/cli/index.ts'),
          'import.worker': resolve(root, 'main/workers/import.worker.ts'),
          'analysis.worker': resolve(root, 'main/workers/analysis.worker.ts'),
          'finetune.worker': resolve(root, 'main/workers/finetune.worker.ts'),
          'probe.worker': resolve(root, 'main/workers/probe.worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    resolve: { alias },
    plugins: [svelte()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
