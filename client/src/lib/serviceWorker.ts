/**
 * The service worker (built by vite-plugin-pwa with Workbox: /sw.js) keeps the app shell for
 * fast and offline starts and makes the app installable; it never keeps an /api answer
 * (docs/adr/0025-installable-web-app.md). Only in a built app: the dev server has none.
 */
export function registerServiceWorker(
  container: ServiceWorkerContainer | undefined = navigator.serviceWorker,
  built: boolean = import.meta.env.PROD,
): void {
  if (!built || !container) return;
  const register = () => {
    container.register('/sw.js', { scope: '/' }).catch(() => {
      // Not kept (a private window, an http address other than localhost): the app works as before.
    });
  };
  // After the page's own loading, so the worker's downloads do not compete with it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
