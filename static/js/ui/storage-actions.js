/**
 * The two things an inspector can do about the device's storage, offered on the list screen and
 * beside every storage warning: save a backup of what is not synced, and free synced photos.
 */
import { freeSyncedPhotos, freeable } from '../space.js';
import { bytes, h, toast } from './dom.js';

/**
 * "Xuất bản sao lưu": builds and saves the backup; its result is shown right after the button.
 * The export (ZIP writer, hashing) is loaded on the first tap: it is not in the first screen.
 */
export function backupButton() {
  const button = h('button', { type: 'button', class: 'backup-export' }, 'Xuất bản sao lưu');
  button.addEventListener('click', async () => {
    const { exportBackup } = await import('./backup-export.js');
    await exportBackup(button);
  });
  return button;
}

/**
 * "Giải phóng ảnh đã đồng bộ (1,2 MB)": hidden until there is something to free; says how much
 * it freed. Photos not yet on the server are never freed.
 */
export function freePhotosButton() {
  const button = h('button', { type: 'button', class: 'free-photos', hidden: true });
  freeable().then(({ count, bytes: size }) => {
    button.textContent = `Giải phóng ${count} ảnh đã đồng bộ (${bytes(size)})`;
    button.hidden = count === 0;
  }).catch(() => {});
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const freed = await freeSyncedPhotos();
      const done = `Đã giải phóng ${freed.count} ảnh đã đồng bộ, được ${bytes(freed.bytes)}; `
        + 'ảnh vẫn xem được trên máy chủ và ảnh nhỏ vẫn hiện trên phiếu.';
      button.replaceWith(h('span', { class: 'freed ok', role: 'status' }, done));
    } catch (err) {
      button.disabled = false;
      toast(`Chưa giải phóng được ảnh: ${err.message}`);
    }
  });
  return button;
}
