/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const server = 'http://localhost:5001';

// What the early start runs (src/firstLoad.ts and what it imports), built into one script.
const FIRST_LOAD_MODULES = /src\/(firstLoad|api\/client|auth\/remembered|transactions\/listPage|pages\/pageNames)\.ts$/;

/**
 * The early start (src/early.ts): a second entry, a few kilobytes, put first in the page's
 * head as an async script. It runs long before the app's own script has arrived and asks for
 * the opening page's scripts and rows (docs/adr/0033). Its tag lists each page's scripts
 * (those the app's entry does not preload already), which it finds by the page's name. In
 * development, Vite serves the source and each module itself.
 */
function earlyStart(): Plugin {
  const root = import.meta.dirname;
  return {
    name: 'pattern-early-start',
    config: () => ({
      build: {
        rolldownOptions: {
          input: { index: `${root}/index.html`, early: `${root}/src/early.ts` },
          // One request, not four.
          output: { advancedChunks: { groups: [{ name: 'firstLoad', test: FIRST_LOAD_MODULES }] } },
        },
      },
    }),
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) {
          return [
            { tag: 'script', attrs: { type: 'module', async: true, src: '/src/early.ts' }, injectTo: 'head-prepend' },
          ];
        }
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const withImports = (file: string, seen = new Set<string>()): Set<string> => {
          if (!seen.has(file)) {
            seen.add(file);
            byFile.get(file)?.imports.forEach((imported) => withImports(imported, seen));
          }
          return seen;
        };
        const index = chunks.find((chunk) => chunk.isEntry && chunk.name === 'index')!;
        const early = chunks.find((chunk) => chunk.isEntry && chunk.name === 'early')!;
        const shell = withImports(index.fileName);
        const pages: Record<string, string[]> = {};
        for (const chunk of chunks) {
          if (!chunk.isDynamicEntry || !chunk.facadeModuleId?.includes('/src/pages/')) continue;
          pages[chunk.name] = [...withImports(chunk.fileName)]
            .filter((file) => !shell.has(file))
            .map((file) => `/${file}`);
        }
        return [
          {
            tag: 'script',
            attrs: {
              type: 'module',
              async: true,
              crossorigin: true,
              src: `/${early.fileName}`,
              'data-page-scripts': JSON.stringify(pages),
            },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    earlyStart(),
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
