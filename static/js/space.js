/**
 * Room on the device: photos the server holds for good give their full bytes back (a 1600 px
 * JPEG is ~300 KB; its 160 px thumbnail ~5 KB), so the inspector can go on taking photos when
 * the storage is full. Unsynced photos are never touched (store.freeablePhotos says which).
 */
import * as store from './store.js';
import { shrink } from './photos.js';

export const THUMB_SIDE = 160;

/** What freeing would give back now: {count, bytes} (bytes before the thumbnails are kept). */
export async function freeable() {
  const rows = await store.freeablePhotos();
  return { count: rows.length, bytes: rows.reduce((n, row) => n + row.blob.size, 0) };
}

/**
 * Free every synced photo's full bytes, keeping a small thumbnail (or none, if the image can no
 * longer be decoded: the screen then shows a placeholder). Resolves to {count, bytes} freed.
 */
export async function freeSyncedPhotos() {
  const thumbs = new Map();
  for (const row of await store.freeablePhotos()) {
    try {
      thumbs.set(row.uuid, (await shrink(row.blob, THUMB_SIDE, 0.7)).blob);
    } catch {
      thumbs.set(row.uuid, null);
    }
  }
  const freed = await store.freePhotos(thumbs);
  // Kept for the storage card, which may be drawn again before the inspector has read the result.
  await store.setMeta('last_freed', { at: new Date().toISOString(), ...freed }).catch(() => {});
  return freed;
}
