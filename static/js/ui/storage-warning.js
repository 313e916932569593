/**
 * Warnings about losing work on the device, under the sync status, each with what to do beside
 * it: unsynced work older than staleAfterMs() (the browser may clear its data: "Xóa dữ liệu
 * duyệt web", eviction when the phone is short of space, a reset), and a save the browser
 * refused (storage full). Shown at start, after every sync and after every change.
 */
import * as outbox from '../outbox.js';
import * as store from '../store.js';
import { syncNow } from '../sync.js';
import { h, when } from './dom.js';
import { backupButton, freePhotosButton } from './storage-actions.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Unsynced work older than this is warned about (the office's UNSYNCED_WARNING_DAYS, sent with
 * each pull; 2 days until the first one). */
export async function staleAfterMs() {
  const settings = await store.getMeta('settings');
  const days = settings && Number(settings.unsynced_warning_days);
  return (days > 0 ? days : 2) * DAY_MS;
}

let failure = null; // the last refused save, until dismissed or a later save succeeds
let stale = null; // {count, oldest, persisted}

function banner() {
  let el = document.getElementById('storage-warning');
  if (!el) {
    el = h('div', { id: 'storage-warning', class: 'banner storage-warning', role: 'alert', hidden: true });
    document.getElementById('sync-status').after(el);
  }
  return el;
}

/** The oldest waiting op ({at}) among `ops` (queued or refused: both are unsynced), or null. */
export function oldestWaiting(ops) {
  return ops.reduce((old, op) => (!old || String(op.at) < String(old.at) ? op : old), null);
}

function failureText(err) {
  const what = err.what ? `Chưa lưu được ${err.what}` : 'Một thay đổi chưa được lưu';
  return `${what}: ${err.quota ? 'bộ nhớ của trình duyệt đã đầy' : 'trình duyệt không ghi được dữ liệu'}. `
    + 'Những gì đã lưu trước đó vẫn còn nguyên. Hãy đồng bộ khi có mạng, xuất bản sao lưu, '
    + 'hoặc giải phóng ảnh đã đồng bộ, rồi làm lại thao tác này.';
}

function staleText({ count, oldest, persisted }) {
  const days = Math.floor((Date.now() - Date.parse(oldest)) / DAY_MS);
  return `Có ${count} thay đổi chưa đồng bộ, cũ nhất từ ${when(oldest)} (${days} ngày trước). `
    + 'Nếu dữ liệu của trình duyệt bị xoá, những thay đổi này sẽ mất: hãy đồng bộ khi có mạng, '
    + 'hoặc xuất bản sao lưu và gửi cho văn phòng.'
    + (persisted ? '' : ' Trình duyệt chưa cho ứng dụng lưu trữ bền vững nên có thể tự xoá dữ liệu khi máy thiếu chỗ.');
}

let shown = '';

function draw() {
  const el = banner();
  // Redrawn only when what it says changes: an export's result beside its button must stay.
  const key = JSON.stringify([failure && failure.message, stale]);
  if (key === shown) return;
  shown = key;
  if (!failure && !stale) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  el.replaceChildren(
    failure ? h('p', { class: 'write-failed' }, failureText(failure)) : null,
    stale ? h('p', { class: 'stale-work' }, staleText(stale)) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => syncNow() }, 'Đồng bộ ngay'),
      backupButton(),
      freePhotosButton(),
      failure ? h('button', { type: 'button', class: 'link', onclick: () => { failure = null; draw(); } }, 'Đóng') : null));
  el.hidden = false;
}

/** Look again at the oldest unsynced op and the storage's persistence; redraw the warning. */
export async function check() {
  const waiting = await outbox.all();
  const oldest = oldestWaiting(waiting);
  if (oldest && Date.now() - Date.parse(oldest.at) > await staleAfterMs()) {
    const persisted = navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : false;
    stale = { count: waiting.length, oldest: oldest.at, persisted };
  } else {
    stale = null;
  }
  draw();
}

/** Say that a save was refused (a store.WriteFailed, with `what` when the action named it). */
export function showFailure(err) {
  failure = err;
  draw();
}

/** Wire the warning: refused saves, changes and syncs. Call once per page. */
export function start() {
  addEventListener('write-failed', (e) => showFailure(e.detail));
  // A later save that succeeded means there is room again.
  addEventListener('local-change', () => { failure = null; check().catch(() => {}); });
  addEventListener('sync-status', (e) => { if (e.detail.phase !== 'syncing') check().catch(() => {}); });
  return check();
}
