/** Camera and gallery buttons, the "ghi vị trí" choice, and photo thumbnails. */
import * as store from '../store.js';
import { PhotoProblem, capture } from '../photos.js';
import { blobUrl, h } from './dom.js';

let withLocation = false;

/** Read the inspector's "ghi vị trí" choice once at start. */
export async function loadPreference() {
  withLocation = Boolean(await store.getMeta('record_location'));
}

/**
 * What the phone could not use, by item (`key`): kept here, not in the item's elements, because
 * the item is drawn again when a photo of the same batch is stored. Cleared by the next choice.
 */
const problemsByKey = new Map();

/**
 * Two file inputs (camera with `capture`, gallery without) that shrink and hash each chosen file,
 * then hand the photo records to `onPhoto`, one at a time, in the order chosen. A file the phone
 * cannot use is said under the inputs of `key` (one line per file) and does not stop the others.
 */
export function photoInputs(onPhoto, key = null) {
  const busy = h('span', { class: 'muted busy', hidden: true }, 'Đang xử lý ảnh…');
  const problems = h('ul', { class: 'photo-problems error', role: 'alert' });
  const show = () => {
    const list = problemsByKey.get(key) || [];
    // The live element of this item: it may have been drawn again since the choice began.
    const el = (key && document.querySelector(`.photo-problems[data-key="${CSS.escape(key)}"]`)) || problems;
    el.replaceChildren(...list.map((text) => h('li', {}, text)));
    el.hidden = list.length === 0;
  };
  if (key) problems.dataset.key = key;
  const shown = problemsByKey.get(key) || [];
  problems.replaceChildren(...shown.map((text) => h('li', {}, text)));
  problems.hidden = shown.length === 0;
  async function take(event) {
    const files = [...event.target.files];
    event.target.value = '';
    busy.hidden = false;
    const list = [];
    problemsByKey.set(key, list);
    show();
    try {
      for (const file of files) {
        let photo;
        try {
          photo = await capture(file, { withLocation });
        } catch (err) {
          list.push(err instanceof PhotoProblem ? err.message : `Không dùng được tệp ${file.name}: ${err.message}`);
          show();
          continue;
        }
        await onPhoto(photo);
      }
    } catch (err) {
      console.error(err);
      // A refused save (storage full) is said with what to do by the storage warning.
      if (!(err instanceof store.WriteFailed)) list.push(`Chưa lưu được ảnh: ${err.message}`);
    } finally {
      busy.hidden = true;
      show();
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
    busy, problems);
}

/**
 * A thumbnail: the local blob if this device holds it (or the small copy kept when a synced
 * photo was freed, space.js), else the server's thumbnail.
 */
export function thumbnail(meta, local, onRemove, onMarkUp = null) {
  const kept = local && (local.blob || local.thumb);
  const src = kept ? blobUrl(kept) : `/api/photos/${meta.sha256}/thumb`;
  return h('figure', { class: `thumb${meta.markup_of ? ' marked-up' : ''}`, 'data-photo': meta.uuid },
    h('img', { src, alt: meta.markup_of ? 'Ảnh đã đánh dấu' : 'Ảnh minh chứng', loading: 'lazy', width: 96, height: 72 }),
    meta.markup_of ? h('figcaption', { class: 'muted small' }, 'đã đánh dấu') : null,
    onMarkUp ? h('button', { type: 'button', class: 'link markup-open', onclick: onMarkUp }, 'Đánh dấu') : null,
    // The server's reason (Vietnamese), and what to do: this photo will never be accepted as is.
    local && local.failed ? h('figcaption', { class: 'error' },
      `Máy chủ không nhận ảnh này: ${local.failed} Ảnh vẫn ở trên thiết bị; hãy xoá và chụp lại.`) : null,
    local && !local.uploaded && !local.failed ? h('figcaption', { class: 'muted' }, 'chưa gửi') : null,
    onRemove ? h('button', { type: 'button', class: 'link', onclick: onRemove }, 'Xoá') : null);
}
