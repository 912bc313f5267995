/**
 * Build of the operator console: `vite build web` from the repo root (root web/, output web/dist).
 * `vite web` serves it in development and proxies the API and the WebSocket to `vigie serve`
 * (VIGIE_API, default http://127.0.0.1:8080).
 */
import { defineConfig } from 'vite';

const api = process.env.VIGIE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // zod ships comments Rollup cannot place; harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
