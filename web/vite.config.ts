import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API the dev server forwards to: a node started with `npm start` (PORT 8080 by default).
const api = process.env.KIZUNA_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // The indicator form checks patterns with the server's own parser (pure TypeScript on antlr4ng).
      '@kizuna/stix-pattern': fileURLToPath(new URL('../src/modules/intel/pattern/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the console: separate files stay cached across releases.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router', '@tanstack/react-query', 'i18next', 'react-i18next'],
          mantine: ['@mantine/core', '@mantine/hooks', '@mantine/notifications'],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/taxii2': { target: api, changeOrigin: false },
    },
  },
});
