/**
 * Service worker registration and updates. A new version waits; the inspector sees
 * "Có phiên bản mới — Tải lại" and the page reloads only after that tap, so an inspection being
 * filled in is never swept away (every answer is already stored, and the route is in the URL).
 */
const banner = () => document.getElementById('update');
let requested = false;

function offer(worker) {
  const el = banner();
  el.hidden = false;
  el.querySelector('button').onclick = () => {
    requested = true;
    worker.postMessage({ type: 'SKIP_WAITING' });
  };
}

/** Register /sw.js (scope /) and watch for waiting versions. */
export async function register() {
  if (!('serviceWorker' in navigator)) return null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only the tab whose inspector asked reloads; other tabs keep working until they choose to.
    if (requested) {
      requested = false;
      window.location.reload();
    }
  });
  const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  return reg;
}

const CHECK_EVERY_MS = 10 * 60 * 1000;
let lastCheck = 0;

/**
 * Ask the browser to look for a new version (after a sync, when the network is known to work),
 * at most every ten minutes: syncs follow every answer while online.
 */
export async function check() {
  if (!('serviceWorker' in navigator) || Date.now() - lastCheck < CHECK_EVERY_MS) return;
  lastCheck = Date.now();
  const reg = await navigator.serviceWorker.getRegistration('/');
  if (reg) reg.update().catch(() => { /* offline: the next sync tries again */ });
}

/** Another tab upgraded the database: this one must reload before it can store anything. */
export function outdated() {
  const el = banner();
  el.querySelector('span').textContent = 'Ứng dụng đã được cập nhật ở thẻ khác — ';
  el.hidden = false;
  el.querySelector('button').onclick = () => window.location.reload();
}
