import { startEarly } from './firstLoad';

// The app's second entry, a few kilobytes that arrive long before the app's own script
// (vite.config.ts puts it in the page's head, async): on a slow phone the opening page's
// script and rows are then asked for about a second sooner (docs/adr/0033).
startEarly(window.location);
