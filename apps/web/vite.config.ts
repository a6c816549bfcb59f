import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @ritmo/web` serves the UI with hot reload and sends /api to a running server
// (RITMO_DEV_API, default http://127.0.0.1:8080).
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: { '/api': { target: process.env.RITMO_DEV_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
