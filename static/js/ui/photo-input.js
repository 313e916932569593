/** Camera and gallery buttons, the "ghi vị trí" choice, and photo thumbnails. */
import * as store from '../store.js';
import { capture } from '../photos.js';
import { blobUrl, h, toast } from './dom.js';

let withLocation = false;

/** Read the inspector's "ghi vị trí" choice once at start. */
export async function loadPreference() {
  withLocation = Boolean(await store.getMeta('record_location'));
}

/**
 * Two file inputs (camera with `capture`, gallery without) that shrink and hash each chosen file,
 * then hand the photo records to `onPhoto`, one at a time, in the order chosen.
 */
export function photoInputs(onPhoto) {
  const busy = h('span', { class: 'muted busy', hidden: true }, 'Đang xử lý ảnh…');
  async function take(event) {
    const files = [...event.target.files];
    event.target.value = '';
    busy.hidden = false;
    try {
      for (const file of files) await onPhoto(await capture(file, { withLocation }));
    } catch (err) {
      console.error(err);
      // A refused save (storage full) is said with what to do by the storage warning.
      if (!(err instanceof store.WriteFailed)) toast(`Không đọc được ảnh: ${err.message}`);
    } finally {
      busy.hidden = true;
    }
  }
  const locate = h('input', {
    type: 'checkbox', class: 'locate', checked: withLocation,
    onchange: (e) => { withLocation = e.target.checked; store.setMeta('record_location', withLocation); },
  });
  return h('div', { class: 'photo-inputs' },
    h('label', { class: 'button' }, '📷 Chụp ảnh',
      h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'camera', onchange: take })),
    h('label', { class: 'button' }, 'Chọn ảnh có sẵn',
      h('input', { type: 'file', accept: 'image/*', multiple: true, class: 'gallery', onchange: take })),
    h('label', { class: 'option small' }, locate, 'ghi vị trí'),
    busy);
}

/**
 * A thumbnail: the local blob if this device holds it (or the small copy kept when a synced
 * photo was freed, space.js), else the server's thumbnail.
 */
export function thumbnail(meta, local, onRemove) {
  const kept = local && (local.blob || local.thumb);
  const src = kept ? blobUrl(kept) : `/api/photos/${meta.sha256}/thumb`;
  return h('figure', { class: 'thumb', 'data-photo': meta.uuid },
    h('img', { src, alt: 'Ảnh minh chứng', loading: 'lazy', width: 96, height: 72 }),
    local && local.failed ? h('figcaption', { class: 'error' }, `Không gửi được: ${local.failed}`) : null,
    local && !local.uploaded && !local.failed ? h('figcaption', { class: 'muted' }, 'chưa gửi') : null,
    onRemove ? h('button', { type: 'button', class: 'link', onclick: onRemove }, 'Xoá') : null);
}
