/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const server = 'http://localhost:5001';

export default defineConfig({
  plugins: [
    react(),
    // Installable on a phone: the manifest, and a service worker (Workbox) that keeps the app
    // shell (index.html and the hashed scripts and styles) for fast and offline starts. It
    // never touches /api (financial data), socket.io or the emulator: those always go to the
    // network (docs/adr/0025-installable-web-app.md).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null, // registered by src/lib/serviceWorker.ts (the CSP allows no inline script)
      manifest: {
        name: 'Pattern',
        short_name: 'Pattern',
        description: 'Your bank accounts, spending and budget in one place.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0b1120',
        theme_color: '#111827',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['index.html', 'assets/**/*.{js,css}', 'theme.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/socket\.io\//, /^\/plaid-emulator\//],
        runtimeCaching: [],
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 1_000_000,
      },
    }),
  ],
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
