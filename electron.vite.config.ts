import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-main/csp';
import { roleChannels } from './scripts/roleChannels.mjs';

/** Writes the one CSP into every window's HTML, so a page is protected even where no header is set (file://). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'swabdesk-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // index: the Electron main process; station: the same core served to a browser; start: picks one;
          index: resolve(__dirname, 'src-main/index.ts'),
          station: resolve(__dirname, 'src-main/station/main.ts'),
          start: resolve(__dirname, 'src-main/start.ts'),
          // cli: the headless commands (export, verify-audit, backup); demo: a simulated station driven through a tube.
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          demo: resolve(__dirname, 'src-main/demo/main.ts'),
          // hub: what a district runs on PostgreSQL to collect its stations' uploads and share each site's facts.
          hub: resolve(__dirname, 'src-main/hub/main.ts'),
          // backgroundWorker: the thread where backups, retention, exports and checkpoints run, off the desks' thread.
          backgroundWorker: resolve(__dirname, 'src-main/core/background/worker.ts'),
        },
        // Shared chunks sit beside the entries, so __dirname is out/main in every module (paths to ../renderer hold).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Each window role's channels, from the contract, written into the preload (see scripts/roleChannels.mjs).
    plugins: [roleChannels()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        // index: every role window's bridge; unlock: the passphrase window's, which has no other.
        input: { index: resolve(__dirname, 'src-main/preload.ts'), unlock: resolve(__dirname, 'src-main/unlockPreload.ts') },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      // The largest chunk is bwip-js (barcodes, about 0.9 MB), loaded only when a manifest is shown.
      chunkSizeWarningLimit: 1000,
      rollupOptions: {
        // One entry per window (role).
        input: {
          clerk: resolve(__dirname, 'src-renderer/clerk/index.html'),
          manager: resolve(__dirname, 'src-renderer/manager/index.html'),
          guide: resolve(__dirname, 'src-renderer/guide/index.html'),
          // The desktop app's passphrase window, where no key store can keep the database key.
          unlock: resolve(__dirname, 'src-renderer/unlock/index.html'),
          // The district console, which the hub serves to a browser at /console/.
          console: resolve(__dirname, 'src-renderer/console/index.html'),
        },
      },
    },
  },
});
