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
    // No source maps in the served build: they would publish the whole source (server/http/static.ts
    // refuses *.map as well). `npm run dev` still has maps. Without them: 5.57 MB -> 1.00 MB on disk,
    // the served .js files only lose their sourceMappingURL comment.
    sourcemap: false,
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
