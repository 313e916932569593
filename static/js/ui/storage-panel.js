/**
 * The list screen's card about the device's data: storage used, whether the browser keeps it
 * for good (navigator.storage.persisted), what is not synced yet and since when, the last
 * backup; with "Xuất bản sao lưu" and "Giải phóng ảnh đã đồng bộ".
 */
import * as store from '../store.js';
import * as outbox from '../outbox.js';
import { bytes, h, when } from './dom.js';
import { backupButton, freePhotosButton } from './storage-actions.js';
import { oldestWaiting } from './storage-warning.js';

async function storageLine() {
  if (!navigator.storage || !navigator.storage.estimate) return 'Trình duyệt không cho biết dung lượng đã dùng.';
  const [{ usage, quota }, persisted] = await Promise.all([
    navigator.storage.estimate(), navigator.storage.persisted ? navigator.storage.persisted() : false]);
  return `Đã dùng ${bytes(usage)} / ${bytes(quota)} · `
    + (persisted ? 'lưu trữ bền vững (trình duyệt không tự xoá)' : 'chưa bền vững: trình duyệt có thể xoá khi máy thiếu chỗ');
}

/** The card; its figures are filled in as they are read. */
export function storagePanel() {
  const usage = h('p', { class: 'muted small storage-usage' });
  const waiting = h('p', { class: 'unsynced' });
  const last = h('p', { class: 'muted small last-backup' });
  const freed = h('p', { class: 'muted small last-freed' });
  storageLine().then((text) => { usage.textContent = text; }).catch(() => {});
  Promise.all([outbox.all(), store.getMeta('last_backup'), store.getMeta('last_freed')]).then(([ops, backup, room]) => {
    const oldest = oldestWaiting(ops);
    waiting.textContent = oldest ? `${ops.length} thay đổi chưa đồng bộ, cũ nhất từ ${when(oldest.at)}.`
      : 'Mọi thay đổi trên thiết bị đã được đồng bộ.';
    last.textContent = backup ? `Bản sao lưu gần nhất: ${when(backup.at)} (${backup.ops} thao tác, ${backup.images} ảnh).` : '';
    freed.textContent = room && room.count
      ? `Đã giải phóng ${room.count} ảnh đã đồng bộ lúc ${when(room.at)}, được ${bytes(room.bytes)}.` : '';
  }).catch(() => {});
  return h('section', { class: 'card storage-panel' },
    h('h2', {}, 'Dữ liệu trên thiết bị'), usage, waiting, last, freed,
    h('div', { class: 'actions' }, backupButton(), freePhotosButton()));
}
