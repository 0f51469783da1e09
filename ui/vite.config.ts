import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Test builds only (`vite build --mode mock`): loads the mocked backend before the app's entry,
 * so the real index.html and app run unchanged against an in-memory IPC stand-in.
 */
function mockBackend(): Plugin {
  return {
    name: 'anbindungscheck-mock-backend',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const entry = '<script type="module" src="/src/main.ts"></script>';
        if (!html.includes(entry)) {
          throw new Error('mock-backend: app entry script not found in index.html');
        }
        return html.replace(
          entry,
          `<script type="module" src="/tests/mock-backend.ts"></script>\n    ${entry}`,
        );
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte(), ...(mode === 'mock' ? [mockBackend()] : [])],
  // Test builds only (`vite build --mode bridge`): the app talks to the real core through the UI
  // test bridge (`bridge/`) instead of Tauri; everything else runs unchanged.
  resolve:
    mode === 'bridge'
      ? {
          alias: {
            '@tauri-apps/api/core': fileURLToPath(new URL('./tests/bridge-transport.ts', import.meta.url)),
          },
        }
      : {},
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Everything is bundled; no source maps or remote resources in the shipped UI.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
}));
