/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://localhost:5001';

export default defineConfig({
  plugins: [react()],
  // A script per page (src/pages/lazyPages.ts); the charts' library, the largest (~390 kB,
  // ~110 kB gzipped), comes only with the pages that draw charts.
  build: { chunkSizeWarningLimit: 400 },
  server: {
    port: 3001,
    proxy: {
      '/api': server,
      '/plaid-emulator': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
