/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://localhost:5001';

export default defineConfig({
  plugins: [react()],
  // One bundle (~250 kB gzipped, most of it recharts) is fine for a self-hosted app.
  build: { chunkSizeWarningLimit: 1000 },
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
