/**
 * The offline app's entry: open the store, draw the screen the URL names, then start the service
 * worker and sync. The first screen is drawn from IndexedDB alone, before any network call, so
 * the app opens the same with or without signal.
 */
import * as store from './store.js';
import * as sync from './sync.js';
import * as status from './ui/status.js';
import * as update from './ui/update.js';
import * as storageWarning from './ui/storage-warning.js';
import { releaseUrls, toast, touching } from './ui/dom.js';
import { loadPreference } from './ui/photo-input.js';
import * as list from './ui/list.js';
import * as start from './ui/start.js';
import * as attendance from './ui/attendance.js';
import * as remediation from './ui/remediation.js';

const view = document.getElementById('view');

const ROUTES = [
  [/^#?\/?$/, list],
  [/^#\/new$/, start],
  // An inspection's screens and the checklist logic under them are loaded when first opened
  // (from the service worker's cache offline): the list, the first screen, does not need them.
  [/^#\/i\/([0-9a-f-]{36})$/, () => import('./ui/inspection.js')],
  [/^#\/i\/([0-9a-f-]{36})\/attendance$/, attendance],
  [/^#\/i\/([0-9a-f-]{36})\/remediation$/, remediation],
  // Opened by the lead once per inspection: loaded then (the service worker holds it offline).
  [/^#\/i\/([0-9a-f-]{36})\/minutes(?:\/(preview))?$/, () => import('./ui/minutes.js')],
  [/^#\/i\/([0-9a-f-]{36})\/c\/(\d+)\/(\d+)(?:\/(.+))?$/, () => import('./ui/section.js')],
];

function route() {
  for (const [pattern, screen] of ROUTES) {
    const m = pattern.exec(window.location.hash);
    if (m) return { screen, args: m.slice(1).map((a) => (a === undefined ? undefined : decodeURIComponent(a))) };
  }
  return { screen: list, args: [] };
}

let current = null;
let drawnHash = null;
let drawing = Promise.resolve();
let pending = false; // a redraw put off while the inspector was touching or typing

/** Draw the screen of the URL; `keepScroll` for redraws of the same screen after a sync. */
function draw(keepScroll = false) {
  pending = false; // whatever redraw was waiting, this draw does it
  drawing = drawing.then(async () => {
    // Judged when its turn comes, against the screen drawn by then: a redraw asked for, or a
    // hashchange arriving, while that very screen was being drawn must not replace a form the
    // inspector has started typing in (a sync ending as the minutes open did so).
    if ((keepScroll || window.location.hash === drawnHash) && held()) return;
    const y = window.scrollY;
    drawnHash = window.location.hash;
    current = route();
    if (typeof current.screen === 'function') current.screen = await current.screen();
    releaseUrls();
    try {
      await current.screen.render(view, ...current.args);
    } catch (err) {
      // Said on screen and logged; the chain of draws must go on for the next screen.
      view.textContent = `Lỗi hiển thị: ${err.message}`;
      console.error(err);
    }
    if (keepScroll) window.scrollTo(0, y);
    else if (!current.args[3]) window.scrollTo(0, 0);
  });
  return drawing;
}

// A redraw must not pull a button from under a finger or a field from under typing.
const typing = () => view.contains(document.activeElement)
  && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
/** True when a redraw must wait (pending) or not happen (the screen refuses it). */
function held() {
  if (current && current.screen.canRedraw && !current.screen.canRedraw()) return true;
  if (touching() || typing()) { pending = true; return true; }
  return false;
}
function redraw() {
  if (held()) return;
  draw(true);
}
const settle = () => setTimeout(() => { if (pending) redraw(); }, 50);
addEventListener('pointerup', settle, true);
addEventListener('pointercancel', settle, true);
addEventListener('focusout', settle, true);

async function main() {
  await store.open();
  if (!(await store.getMeta('device_id'))) await store.setMeta('device_id', `d-${crypto.randomUUID()}`);
  await loadPreference();
  await draw();
  document.documentElement.dataset.ready = 'true';
  performance.mark('app-interactive');

  addEventListener('hashchange', () => draw());
  addEventListener('data-changed', () => { redraw(); status.showPending(); });
  addEventListener('local-change', () => { if (!current.screen.live) redraw(); status.showPending(); });
  addEventListener('sync-status', (e) => {
    status.showSync(e.detail);
    if (e.detail.phase === 'done') update.check();
  });
  addEventListener('online', status.showNetwork);
  addEventListener('offline', status.showNetwork);
  addEventListener('store-outdated', update.outdated);
  document.getElementById('sync-now').addEventListener('click', () => sync.syncNow());
  status.showNetwork();
  status.showPending();
  status.showSync(sync.status);
  update.register().catch((err) => console.warn('service worker:', err));
  await sync.start();
  status.persistStorage().catch(() => {});
  storageWarning.start().catch((err) => console.warn('storage warning:', err));
}

// An action that could not be stored (storage full, database closed) must never fail silently.
addEventListener('unhandledrejection', (event) => {
  // A save the browser refused is said, with what to do, in the storage warning.
  if (event.reason instanceof store.WriteFailed) {
    storageWarning.showFailure(event.reason);
    return;
  }
  const reason = event.reason && event.reason.message ? event.reason.message : String(event.reason);
  toast(`Không thực hiện được: ${reason}`);
});
addEventListener('store-blocked', () => toast('Hãy đóng các thẻ khác của ứng dụng rồi tải lại trang này.'));

main().catch((err) => {
  view.textContent = `Không mở được dữ liệu trên thiết bị: ${err.message}`;
});
