import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte()],
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
