/**
 * Saving the backup (docs/backup-format.md): built on the device, saved as a download, and
 * offered to the phone's share sheet (Zalo, e-mail…) where the browser can share files.
 */
import * as store from '../store.js';
import { buildBackup } from '../backup.js';
import { bytes, h } from './dom.js';

/** Start a download of `file` through a Blob URL (works offline: nothing leaves the device). */
function download(file) {
  const url = URL.createObjectURL(file);
  const link = h('a', { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers read the URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Share `file` through the phone's share sheet; false where the browser cannot share files. */
const canShare = (file) => Boolean(navigator.canShare && navigator.share && navigator.canShare({ files: [file] }));

/** Build and save the backup; report under `button` what was saved, or why it was not. */
export async function exportBackup(button) {
  const label = button.textContent;
  const next = button.nextElementSibling;
  if (next && next.classList.contains('backup-result')) next.remove();
  button.disabled = true;
  button.textContent = 'Đang tạo bản sao lưu…';
  let result;
  try {
    const backup = await buildBackup();
    const file = new File([backup.blob], backup.name, { type: 'application/zip' });
    download(file);
    // Only a note for the screens: with the storage full it may fail, and the file is saved anyway.
    await store.setMeta('last_backup', { at: backup.manifest.created_at, ops: backup.ops, images: backup.images })
      .catch(() => {});
    // Sharing needs a fresh tap: the one that started the export has expired by now.
    const share = canShare(file) ? h('button', {
      type: 'button', class: 'backup-share',
      onclick: () => navigator.share({ files: [file], title: file.name }).catch(() => {}),
    }, 'Gửi tệp sao lưu…') : null;
    result = h('p', { class: 'backup-result ok', role: 'status' },
      `Đã lưu tệp ${backup.name} (${backup.ops} thao tác, ${backup.images} ảnh, ${bytes(backup.blob.size)}). `,
      'Hãy gửi tệp cho văn phòng để nhập vào máy chủ nếu thiết bị không đồng bộ được; '
      + 'nhập nhiều lần hay đồng bộ sau đó đều không tạo dữ liệu trùng.', share ? ' ' : null, share);
  } catch (err) {
    console.error(err);
    result = h('p', { class: 'backup-result error', role: 'alert' }, `Chưa tạo được bản sao lưu: ${err.message}`);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
  button.after(result);
}
