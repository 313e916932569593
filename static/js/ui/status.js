/** The bar under the title: network, sync progress and errors; asking to keep storage. */
import * as store from '../store.js';
import * as outbox from '../outbox.js';
import { h, when } from './dom.js';

const $ = (id) => document.getElementById(id);
let completed = 0;

/**
 * After a sync: all synced only when nothing waits and nothing was refused
 * ("Đã đồng bộ lúc …, 2 thao tác bị từ chối"; "Chưa đồng bộ hết: còn 3 thao tác chờ gửi").
 */
function afterSync(s, { queued, refused }) {
  const problems = refused ? `, ${refused} thao tác bị từ chối` : '';
  if (queued) return `Chưa đồng bộ hết: còn ${queued} thao tác chờ gửi${problems}`;
  return `Đã đồng bộ lúc ${when(s.lastSync)}${problems}`;
}

async function counts() {
  const ops = await outbox.all();
  return { queued: ops.filter((op) => op.status === 'queued').length, refused: ops.filter((op) => op.status === 'refused').length };
}

let shown = null; // the last sync status shown, to say again when the outbox changes

function describe(s) {
  switch (s.phase) {
    case 'syncing': return 'Đang đồng bộ…';
    case 'offline': return 'Không có mạng — mọi thay đổi được lưu trên thiết bị và sẽ gửi khi có mạng';
    case 'retry': return `Đồng bộ chưa xong (${s.error}); thử lại sau ${Math.ceil(s.retryIn / 1000)} giây`;
    case 'blocked': return 'Chưa đồng bộ được';
    default: return s.lastSync ? `Lần đồng bộ gần nhất: ${when(s.lastSync)}` : 'Chưa đồng bộ lần nào';
  }
}

/** Show a sync status (the `sync-status` event's detail). */
export async function showSync(s) {
  shown = s;
  // Counted before a completed sync is marked done, so what it says is already right then.
  const waiting = s.phase === 'done' ? await counts() : null;
  if (shown !== s) { // a later status came meanwhile: its text stands, this sync still completed
    $('sync-status').dataset.done = String(++completed);
    return;
  }
  $('sync-status').textContent = waiting ? afterSync(s, waiting) : describe(s);
  $('sync-status').dataset.phase = s.phase;
  if (s.phase === 'done') {
    $('sync-status').dataset.refused = String(waiting.refused);
    $('sync-status').dataset.done = String(++completed);
  }
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
  const waiting = await counts();
  $('pending').textContent = waiting.queued ? String(waiting.queued) : '';
  // A refusal dealt with, or a change made, since the last sync: the sync line says so too.
  if (shown && shown.phase === 'done') $('sync-status').textContent = afterSync(shown, waiting);
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
