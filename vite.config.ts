/**
 * Vite: the client lives in client/, builds to dist/client (served by the server as
 * config.clientDir). In development /api and /collab are proxied to the server on :3000
 * (`npm run dev` starts both).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = process.env.DEV_SERVER_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api/': { target, changeOrigin: false },
      // Only the WebSocket upgrade goes to the server: plain GETs under /collab are this app's
      // own modules (client/collab/*.ts) and Vite serves them.
      '/collab/': { target: target.replace(/^http/, 'ws'), ws: true, changeOrigin: false, bypass: (req, res) => (res ? req.url : undefined) },
    },
  },
});
