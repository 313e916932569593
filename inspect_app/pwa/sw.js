/* Service worker: precaches the app shell and serves it when the network is gone.
 *
 * Served by inspect_app/pwa/views.py, which fills in SHELL_CONFIG: the version (a hash of the
 * shell's files) and the URLs to precache. API calls are never cached here: the app keeps its
 * data in IndexedDB, and a stale API answer would be worse than an honest network error.
 */
const CONFIG = self.SHELL_CONFIG;
const CACHE = 'shell-' + CONFIG.version;
const PRECACHE = new Set(CONFIG.precache);

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the inspector chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(CONFIG.precache.map(async (url) => {
    // 'no-cache' so the browser's HTTP cache cannot hand back the previous version's file.
    const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    // A redirect to the sign-in page must never be stored as the shell.
    if (!response.ok || response.redirected) throw new Error(`precache ${url}: ${response.status}`);
    await cache.put(url, response);
  }))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('shell-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' && url.pathname === CONFIG.shell ? CONFIG.shell : url.pathname;
  if (!PRECACHE.has(key)) return; // API, photos, other pages: straight to the network
  // Cache first: the shell opens at once on a phone with no signal, or a weak one.
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key))
    .then((hit) => hit || fetch(request)));
});
