import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npx vite` serves the renderer on its own; /api goes to a core started separately (IOC_CORE_URL).
const coreUrl = process.env.IOC_CORE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: coreUrl, ws: true, changeOrigin: false },
    },
  },
});
