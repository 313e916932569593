/**
 * Sync with the server (docs/sync-protocol.md): pull, upload photo bytes the server lacks, push
 * queued ops in batches, then pull again so the device shows what the server decided.
 *
 * Runs on the `online` event, at start when online, on the "Đồng bộ" button, and shortly after a
 * change while online. A failure leaves every op queued and retries with exponential backoff;
 * replaying is safe because the server answers an op it already applied with "duplicate".
 */
import * as store from './store.js';
import * as outbox from './outbox.js';
import { merge } from './records.js';
import { Backoff } from './backoff.js';
import { AuthError, HttpError, Offline, call, failure } from './net.js';

const BATCH = 100;
const AFTER_CHANGE_MS = 1500;

/** The device holds another user's unsent work; it is neither sent under this account nor wiped. */
export class UserChanged extends Error {
  constructor(previous) {
    super(`Thiết bị còn dữ liệu chưa đồng bộ của ${previous.full_name}. Hãy đăng nhập lại bằng tài khoản đó khi có mạng để gửi trước.`);
    this.name = 'UserChanged';
  }
}

const backoff = new Backoff();
let running = null;
let again = false;
let soon = null;
export const status = { phase: 'idle', error: null, retryIn: null, lastSync: null };

function report(change) {
  Object.assign(status, change);
  dispatchEvent(new CustomEvent('sync-status', { detail: { ...status } }));
}

const dataChanged = () => dispatchEvent(new CustomEvent('data-changed'));

async function json(response) {
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Pull and store what changed; refuses to mix two users' data on one device. */
async function pull() {
  const cursor = await store.getMeta('cursor');
  const body = await json(await call('/api/sync/pull' + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : '')));
  const known = await store.getMeta('user');
  if (known && body.user && known.id !== body.user.id) {
    const [ops, photos] = await Promise.all([outbox.all(), store.getAll('photos')]);
    if (ops.length || photos.some((p) => !p.uploaded)) throw new UserChanged(known);
    await store.clearUserData(); // the server saw another user's cursor, so this pull is full
  }
  await store.applyPull(body, merge);
  dataChanged();
}

/** Hashes one `POST /api/photos/known` may list (the server's MAX_KNOWN). */
const KNOWN_BATCH = 500;

/** Which of these hashes the server already has: one request per 500, no 404 per new photo. */
async function knownHashes(hashes) {
  const known = new Set();
  for (let i = 0; i < hashes.length; i += KNOWN_BATCH) {
    const body = await json(await call('/api/photos/known', { method: 'POST', json: { sha256: hashes.slice(i, i + KNOWN_BATCH) } }));
    body.known.forEach((h) => known.add(h));
  }
  return known;
}

/**
 * Photos one `POST /api/photos/batch` carries at most, and their bytes together (the server takes
 * 20 and 25 MB): sharing a request's cost on the server, yet a few seconds of a weak uplink, so a
 * link that breaks costs at most one batch sent again.
 */
export const UPLOAD_PHOTOS = 10;
export const UPLOAD_BYTES = 2 * 1024 * 1024;

/** Photos in upload order, grouped into batches; one larger than UPLOAD_BYTES goes alone. */
export function uploadBatches(photos) {
  const batches = [];
  let current = [];
  let bytes = 0;
  for (const photo of photos) {
    if (current.length && (current.length === UPLOAD_PHOTOS || bytes + photo.blob.size > UPLOAD_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(photo);
    bytes += photo.blob.size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Send the bytes of every photo and drawn signature the server does not have yet (asked first
 * for all at once, then sent a batch at a time). Runs before the push, so a minutes.sign op never
 * names an image still on the phone. A photo the server will never take (413/415/422) is marked
 * failed with its reason and the rest go on; one damaged in transit is sent again at the retry.
 */
async function uploadPhotos() {
  const photos = await store.pendingUploads();
  if (!photos.length) return;
  const rows = new Map(); // sha256 → the rows holding those bytes (a photo and its copy alike)
  for (const photo of photos) rows.set(photo.sha256, [...(rows.get(photo.sha256) || []), photo]);
  const known = await knownHashes([...rows.keys()]);
  for (const sha256 of known) await store.markUploaded(sha256);
  if (known.size) dataChanged();
  let retry = null;
  for (const batch of uploadBatches([...rows.keys()].filter((h) => !known.has(h)).map((h) => rows.get(h)[0]))) {
    for (const [sha256, outcome] of await sendBatch(batch)) {
      if (outcome === true) await store.markUploaded(sha256);
      else if (outcome.status === 400 || outcome.retryable) retry = retry || outcome;
      else for (const row of rows.get(sha256)) await store.markUploadFailed(row, outcome.message);
    }
    dataChanged();
  }
  if (retry) throw retry;
}

/**
 * POST one batch; what became of each photo: true when stored, else the HttpError it met. A
 * batch over the server's request limit is sent again a photo at a time; a failure of the request
 * itself that is worth retrying (5xx, the CSRF 400, no answer) is thrown, keeping every photo.
 */
async function sendBatch(batch) {
  const form = new FormData();
  for (const photo of batch) form.append(photo.sha256, new Blob([photo.blob], { type: photo.blob.type || photo.type || 'image/jpeg' }), 'photo');
  const response = await call('/api/photos/batch', { method: 'POST', body: form });
  if (!response.ok) {
    const err = await failure(response);
    if (err.status === 413 && batch.length > 1) {
      const outcomes = new Map();
      for (const photo of batch) for (const [h, o] of await sendBatch([photo])) outcomes.set(h, o);
      return outcomes;
    }
    if (err.status === 400 || err.retryable) throw err;
    return new Map(batch.map((photo) => [photo.sha256, err]));
  }
  const { results } = await response.json();
  return new Map(results.map((r) => [r.sha256, r.stored || new HttpError(r.status, r.error)]));
}

/**
 * What to record for each op of a pushed batch. When an inspection's creation is refused, the
 * later ops of that inspection were refused only for want of it: they stay queued (and are held
 * back by outbox.sendable) so the one real reason is shown, not a pile of consequences.
 */
export function settlement(batch, results) {
  const byId = new Map(batch.map((op) => [op.op_id, op]));
  const known = results.filter((r) => byId.has(r.op_id));
  const lost = new Set(known.filter((r) => r.status === 'refused' && byId.get(r.op_id).type === 'inspection.create')
    .map((r) => byId.get(r.op_id).inspection));
  return known.map((r) => {
    const op = byId.get(r.op_id);
    const consequence = r.status === 'refused' && op.type !== 'inspection.create' && lost.has(op.inspection);
    return { seq: op.seq, status: consequence ? 'queued' : r.status, reason: r.reason };
  });
}

/** Push queued ops in order, in batches; returns how many ops the server answered. */
async function push() {
  const deviceId = await store.getMeta('device_id');
  let answered = 0;
  for (const batch of outbox.batches(outbox.sendable(await outbox.all()), BATCH)) {
    const body = await json(await call('/api/sync/push', {
      method: 'POST', json: { device_id: deviceId, ops: batch.map(outbox.wire) },
    }));
    await store.settleOps(settlement(batch, body.results));
    answered += batch.length;
    dataChanged();
  }
  return answered;
}

async function once() {
  if (!navigator.onLine) {
    report({ phase: 'offline', error: null, retryIn: null });
    return;
  }
  backoff.cancel();
  report({ phase: 'syncing', error: null, retryIn: null });
  try {
    await pull();
    await uploadPhotos();
    if (await push()) await pull();
    backoff.reset();
    const lastSync = new Date().toISOString();
    await store.setMeta('last_sync', lastSync);
    report({ phase: 'done', lastSync });
  } catch (err) {
    if (err instanceof AuthError || err instanceof UserChanged) {
      // Nothing to retry until the inspector signs in again; the next online event or tap tries.
      report({ phase: 'blocked', error: err.message });
    } else {
      const retryIn = backoff.schedule(syncNow);
      report({ phase: err instanceof Offline && !navigator.onLine ? 'offline' : 'retry', error: err.message, retryIn });
    }
  }
}

/** Run a sync now (or once more after the one running); resolves when it is over. */
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  const exclusive = (fn) => (navigator.locks ? navigator.locks.request('inspect-app-sync', fn) : fn());
  running = (async () => {
    try {
      do {
        again = false;
        await exclusive(once);
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Wire the triggers: online, start, changes. Call once per page. */
export async function start() {
  status.lastSync = (await store.getMeta('last_sync')) || null;
  addEventListener('online', () => { backoff.reset(); syncNow(); });
  addEventListener('offline', () => report({ phase: 'offline', error: null, retryIn: null }));
  addEventListener('local-change', () => {
    clearTimeout(soon);
    // While a retry waits out its backoff, a change does not hammer a server that is down.
    if (navigator.onLine && !backoff.timer) soon = setTimeout(syncNow, AFTER_CHANGE_MS);
  });
  if (navigator.onLine) syncNow();
  else report({ phase: 'offline' });
}
