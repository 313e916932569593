/** The bar under the title: network, sync progress and errors; asking to keep storage. */
import * as store from '../store.js';
import * as outbox from '../outbox.js';
import { h, when } from './dom.js';

const $ = (id) => document.getElementById(id);
let completed = 0;

function describe(s) {
  switch (s.phase) {
    case 'syncing': return 'Đang đồng bộ…';
    case 'done': return `Đã đồng bộ lúc ${when(s.lastSync)}`;
    case 'offline': return 'Không có mạng — mọi thay đổi được lưu trên thiết bị và sẽ gửi khi có mạng';
    case 'retry': return `Đồng bộ chưa xong (${s.error}); thử lại sau ${Math.ceil(s.retryIn / 1000)} giây`;
    case 'blocked': return 'Chưa đồng bộ được';
    default: return s.lastSync ? `Lần đồng bộ gần nhất: ${when(s.lastSync)}` : 'Chưa đồng bộ lần nào';
  }
}

/** Show a sync status (the `sync-status` event's detail). */
export function showSync(s) {
  $('sync-status').textContent = describe(s);
  $('sync-status').dataset.phase = s.phase;
  if (s.phase === 'done') $('sync-status').dataset.done = String(++completed);
  const alert = $('alert');
  if (s.phase === 'blocked') {
    alert.replaceChildren(s.error, ' ', h('a', { href: '/login?next=/app' }, 'Đăng nhập'));
    alert.hidden = false;
  } else if (s.phase === 'done' || s.phase === 'syncing') {
    alert.hidden = true;
  }
}

/** The count of ops waiting, beside the sync button. */
export async function showPending() {
  const waiting = (await outbox.all()).filter((op) => op.status === 'queued').length;
  $('pending').textContent = waiting ? String(waiting) : '';
}

/** Network state in the title bar. */
export function showNetwork() {
  $('net').textContent = navigator.onLine ? '' : 'Mất mạng';
  $('net').dataset.online = String(navigator.onLine);
}

/**
 * Ask once for persistent storage (the browser then will not evict the inspections). The usage
 * is shown in one place, the list screen's storage card (storage-panel.js).
 */
export async function persistStorage() {
  if (!navigator.storage || !navigator.storage.persist || !navigator.storage.persisted) return;
  if ((await navigator.storage.persisted()) || (await store.getMeta('persist_asked'))) return;
  await navigator.storage.persist();
  await store.setMeta('persist_asked', true);
}
