// Runs in index.html's head, before the page is drawn: the colour scheme the person chose
// (remembered on this browser by src/lib/theme.ts), else the system's, so a dark page never
// flashes light while the app starts. Keep in step with src/lib/theme.ts.
(function () {
  var media = window.matchMedia('(prefers-color-scheme: dark)');
  function apply() {
    var chosen;
    try {
      chosen = window.localStorage.getItem('pattern.theme');
    } catch {
      chosen = null; // storage refused (private mode): the system's
    }
    var dark = chosen === 'dark' || (chosen !== 'light' && media.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }
  apply();
  media.addEventListener('change', apply);
})();
