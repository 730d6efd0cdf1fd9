/**
 * Grafana caches plugin settings for the lifetime of the page, so the app pages only see new settings after a
 * full reload. Its own module so tests can replace it (jsdom cannot navigate).
 */
export function reloadPage(): void {
  window.location.reload();
}
