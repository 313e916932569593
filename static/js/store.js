/**
 * The only module that touches IndexedDB.
 *
 * Guarantees: every user action is written by `recordAction` in ONE transaction (the inspection,
 * its queued op, the photo blob), so a killed tab leaves either all of it or none; an op leaves the
 * outbox only through `settleOps` (the server applied it or already had it) or an explicit choice
 * of the inspector (`discardOp`).
 */
const DB_NAME = 'inspect_app';

/** Bump by one and append a step to UPGRADES whenever a store or index changes. */
export const SCHEMA_VERSION = 2;

const REFERENCE = ['units', 'staff', 'checklists', 'rounds', 'remediation'];

/** UPGRADES[n] takes the database from version n to n + 1; each step runs once, in order. */
const UPGRADES = [
  // 0 → 1: the first schema.
  //   meta         {key, value}: user, settings, cursor, csrf, device_id, last_sync, persist_asked
  //   units, staff, checklists (by checklist version id), rounds, remediation: as the pull sends them
  //   inspections  by uuid: the server's record with the device's queued ops applied over it
  //   outbox       by seq (order of the inspector's actions): {op_id, type, inspection, at, data,
  //                status: 'queued' | 'refused', reason}
  //   photos       by uuid: {sha256, blob, inspection, checklist_version_id, item_id,
  //                remediation_id, uploaded, failed}
  (db) => {
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('units', { keyPath: 'id' });
    db.createObjectStore('staff', { keyPath: 'id' }).createIndex('unit_id', 'unit_id');
    db.createObjectStore('checklists', { keyPath: 'id' });
    db.createObjectStore('rounds', { keyPath: 'id' });
    db.createObjectStore('remediation', { keyPath: 'id' }).createIndex('unit_id', 'unit_id');
    db.createObjectStore('inspections', { keyPath: 'uuid' });
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('op_id', 'op_id', { unique: true });
    outbox.createIndex('inspection', 'inspection');
    const photos = db.createObjectStore('photos', { keyPath: 'uuid' });
    photos.createIndex('sha256', 'sha256');
    photos.createIndex('inspection', 'inspection');
  },
  // 1 → 2: the minutes (docs/minutes.md). New stores only: every version-1 record is kept as is.
  //   minutes      by inspection uuid: the lead's working minutes {inspection, uuid, amends,
  //                amendment_reason, draft, content_hash, record (frozen at "Ký biên bản"),
  //                signatures: [as the minutes.sign op sends them]}
  //   signatures   by uuid: a drawn signature's PNG {uuid, inspection, minutes, sha256, blob,
  //                type, uploaded, failed}, uploaded like photos before the minutes.sign op
  (db) => {
    db.createObjectStore('minutes', { keyPath: 'inspection' });
    const signatures = db.createObjectStore('signatures', { keyPath: 'uuid' });
    signatures.createIndex('sha256', 'sha256');
    signatures.createIndex('inspection', 'inspection');
  },
];

/** Stores holding image bytes to upload through POST /api/photos/batch. */
const UPLOADS = ['photos', 'signatures'];

let opening = null;

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/** Resolves when the transaction commits; must reject if it aborts (quota, constraint). */
const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error || new DOMException('Giao dịch bị huỷ', 'AbortError'));
});

/** The open database (opened once per page). */
export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, SCHEMA_VERSION);
      req.onupgradeneeded = (event) => {
        for (let v = event.oldVersion; v < SCHEMA_VERSION; v += 1) UPGRADES[v](req.result, req.transaction);
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer version of the app (another tab) wants to upgrade: let it, and say this tab is old.
        db.onversionchange = () => {
          db.close();
          opening = null;
          dispatchEvent(new CustomEvent('store-outdated'));
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => dispatchEvent(new CustomEvent('store-blocked'));
    });
  }
  return opening;
}

/** Run `fn(stores)` in one transaction; resolves once it has committed, and if `fn` throws,
 * aborts it so nothing of it is written. */
async function run(names, mode, fn, options = undefined) {
  const db = await open();
  const tx = db.transaction(names, mode, options);
  const committed = done(tx);
  const stores = Object.fromEntries([].concat(names).map((n) => [n, tx.objectStore(n)]));
  let result;
  try {
    result = await fn(stores, tx);
  } catch (err) {
    committed.catch(() => {});
    try { tx.abort(); } catch { /* already finished */ }
    throw mode === 'readwrite' ? writeFailure(err) : err;
  }
  try {
    await committed;
  } catch (err) {
    throw mode === 'readwrite' ? writeFailure(err) : err;
  }
  return result;
}

/**
 * A write the browser refused (storage full, disk error, database closed). Its transaction was
 * aborted whole, so nothing of it was stored and everything stored before is as it was.
 * `quota` says the storage is full; the caller may set `what` (Vietnamese: what was not saved).
 */
export class WriteFailed extends Error {
  constructor(cause) {
    const quota = Boolean(cause) && cause.name === 'QuotaExceededError';
    super(quota ? 'bộ nhớ của trình duyệt đã đầy' : `trình duyệt không ghi được dữ liệu (${cause && cause.name})`);
    this.name = 'WriteFailed';
    this.quota = quota;
    this.cause = cause;
    this.what = null;
  }
}

// The browser's own failures (DOMException) become WriteFailed; an Error thrown on purpose by a
// build step (a locked inspection…) is a refusal with its own message and passes through.
const writeFailure = (err) => (err instanceof DOMException ? new WriteFailed(err) : err);

/** One value from the meta store (undefined when never set). */
export async function getMeta(key) {
  const row = await run('meta', 'readonly', (s) => request(s.meta.get(key)));
  return row ? row.value : undefined;
}

/** Set one value in the meta store. */
export function setMeta(key, value) {
  return run('meta', 'readwrite', (s) => request(s.meta.put({ key, value })));
}

/** Every record of a store, in key order. */
export function getAll(name) {
  return run(name, 'readonly', (s) => request(s[name].getAll()));
}

/** One record by key. */
export function get(name, key) {
  return run(name, 'readonly', (s) => request(s[name].get(key)));
}

/** Records of a store whose index equals `value`. */
export function getByIndex(name, index, value) {
  return run(name, 'readonly', (s) => request(s[name].index(index).getAll(value)));
}

/**
 * Write one user action atomically. `build(current, opsOfIt)` gets the inspection as stored now and
 * its outbox ops, inside the transaction (so two quick taps, or two tabs, never overwrite each
 * other), and returns {inspection, ops, photos, removePhotos, dropOps}. Resolves to the new record.
 */
export function recordAction(uuid, build) {
  return run(['inspections', 'outbox', 'photos'], 'readwrite', async (s) => {
    const current = await request(s.inspections.get(uuid));
    const waiting = await request(s.outbox.index('inspection').getAll(uuid));
    const { inspection, ops = [], photos = [], removePhotos = [], dropOps = [] } = build(current, waiting);
    s.inspections.put(inspection);
    for (const photo of photos) s.photos.put(photo);
    for (const key of removePhotos) s.photos.delete(key);
    for (const seq of dropOps) s.outbox.delete(seq);
    for (const op of ops) s.outbox.add({ ...op, status: 'queued' });
    return inspection;
  }, { durability: 'strict' }); // on disk before the inspector is told it is saved
}

/**
 * Record what the server answered for pushed ops: applied and duplicate leave, refused stay with
 * their reason, queued stay as they are. An inspection whose creation the server holds is marked
 * so, even if the pull that follows never comes.
 */
export function settleOps(results) {
  return run(['outbox', 'inspections'], 'readwrite', async (s) => {
    for (const { seq, status, reason } of results) {
      if (status === 'applied' || status === 'duplicate') {
        const op = await request(s.outbox.get(seq));
        s.outbox.delete(seq);
        const rec = op && op.type === 'inspection.create' ? await request(s.inspections.get(op.inspection)) : null;
        if (rec) s.inspections.put({ ...rec, on_server: true });
      } else if (status === 'refused') {
        const op = await request(s.outbox.get(seq));
        if (op) s.outbox.put({ ...op, status: 'refused', reason: reason || 'Máy chủ từ chối thao tác.' });
      }
    }
  });
}

/** Put a refused op back in the queue (the inspector asked to send it again). */
export function requeueOp(seq) {
  return run('outbox', 'readwrite', async (s) => {
    const op = await request(s.outbox.get(seq));
    if (op) s.outbox.put({ ...op, status: 'queued', reason: null });
  });
}

/** Remove one refused op, on the inspector's explicit request only. */
export function discardOp(seq) {
  return run('outbox', 'readwrite', (s) => request(s.outbox.delete(seq)));
}

/** Mark every local photo with these bytes as being on the server. */
export function markUploaded(sha256) {
  return run(UPLOADS, 'readwrite', async (s) => {
    for (const name of UPLOADS) {
      for (const row of await request(s[name].index('sha256').getAll(sha256))) {
        s[name].put({ ...row, uploaded: true, failed: null });
      }
    }
  });
}

/** Photos and drawn signatures not yet on the server, each tagged with its store. */
export function pendingUploads() {
  return run(UPLOADS, 'readonly', async (s) => {
    const rows = [];
    for (const name of UPLOADS) {
      for (const row of await request(s[name].getAll())) if (!row.uploaded && !row.failed) rows.push({ ...row, store: name });
    }
    return rows;
  });
}

/** Record that the server will never take these bytes (415, 422…), with its reason. */
export function markUploadFailed(row, message) {
  return run(row.store, 'readwrite', async (s) => {
    const kept = await request(s[row.store].get(row.uuid));
    if (kept) s[row.store].put({ ...kept, failed: message });
  });
}

/**
 * Write one step of the minutes atomically: `build(minutes, opsOfIt)` gets the stored working
 * minutes of the inspection and returns {minutes, ops, signatures, dropSignatures, dropOps}.
 */
export function recordMinutes(uuid, build) {
  return run(['minutes', 'signatures', 'outbox'], 'readwrite', async (s) => {
    const current = await request(s.minutes.get(uuid));
    const { minutes, ops = [], signatures = [], dropSignatures = [], dropOps = [] } = build(current, await request(s.outbox.index('inspection').getAll(uuid)));
    s.minutes.put(minutes);
    for (const row of signatures) s.signatures.put(row);
    for (const key of dropSignatures) s.signatures.delete(key);
    for (const seq of dropOps) s.outbox.delete(seq);
    for (const op of ops) s.outbox.add({ ...op, status: 'queued' });
    return minutes;
  }, { durability: 'strict' }); // a signature given on site must survive a killed tab
}

/**
 * Store a pull answer in one transaction. `merge(serverInspection, localRecord, opsOfIt)` returns
 * the record to keep; inspections the server no longer shows go unless ops of theirs wait, and
 * their photos with them once the server has the bytes (bytes it lacks stay until uploaded).
 */
export function applyPull(pull, merge) {
  const names = ['meta', ...REFERENCE, 'inspections', 'outbox', ...UPLOADS, 'minutes'];
  return run(names, 'readwrite', async (s) => {
    const ops = await request(s.outbox.getAll());
    const waiting = new Set(ops.map((op) => op.inspection));
    if (pull.full) {
      // Everything is sent again; checklists stay, as local inspections may use older versions.
      for (const name of ['units', 'staff', 'rounds', 'remediation']) s[name].clear();
    }
    for (const name of REFERENCE) for (const row of pull[name] || []) s[name].put(row);
    const removed = pull.removed || {};
    for (const id of removed.rounds || []) s.rounds.delete(id);
    for (const id of removed.remediation || []) s.remediation.delete(id);
    const seen = new Set();
    for (const incoming of pull.inspections || []) {
      seen.add(incoming.uuid);
      const local = await request(s.inspections.get(incoming.uuid));
      s.inspections.put(merge(incoming, local, ops.filter((op) => op.inspection === incoming.uuid)));
    }
    const gone = new Set(removed.inspections || []);
    if (pull.full) {
      for (const rec of await request(s.inspections.getAll())) {
        if (rec.on_server && !seen.has(rec.uuid)) gone.add(rec.uuid);
      }
    }
    for (const uuid of gone) {
      if (waiting.has(uuid)) continue;
      s.inspections.delete(uuid);
      for (const name of UPLOADS) {
        for (const row of await request(s[name].index('inspection').getAll(uuid))) {
          if (row.uploaded) s[name].delete(row.uuid);
        }
      }
      s.minutes.delete(uuid);
    }
    s.meta.put({ key: 'cursor', value: pull.cursor });
    s.meta.put({ key: 'user', value: pull.user });
    if (pull.settings) s.meta.put({ key: 'settings', value: pull.settings });
    if (pull.csrf_token) s.meta.put({ key: 'csrf', value: pull.csrf_token });
    s.meta.put({ key: 'last_pull', value: new Date().toISOString() });
  });
}

/** Forget everything a previous user left (only called when nothing of theirs waits to be sent). */
export function clearUserData() {
  const names = [...REFERENCE, 'inspections', 'outbox', ...UPLOADS, 'minutes', 'meta'];
  return run(names, 'readwrite', async (s) => {
    for (const name of names) if (name !== 'meta') s[name].clear();
    s.meta.delete('cursor');
    s.meta.delete('user');
  });
}

/** Keys in op data that name image bytes (photos, remediation evidence, drawn signatures). */
const IMAGE_KEYS = /(^|_)sha256$/;

/** Every sha256 an op's data names, at any depth (minutes.sign names signatures and photos). */
function imagesNamed(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => imagesNamed(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (IMAGE_KEYS.test(key) && typeof v === 'string') found.add(v);
      else imagesNamed(v, found);
    }
  }
  return found;
}

/**
 * What a backup holds (docs/backup-format.md), read in ONE transaction so the ops and the images
 * agree: the outbox in push order, the image rows (with their blobs) those ops name or that the
 * server does not have yet, the inspections they belong to, and who and which device made them.
 */
export function backupSnapshot() {
  const names = ['meta', 'outbox', 'inspections', 'units', ...UPLOADS];
  return run(names, 'readonly', async (s) => {
    const ops = await request(s.outbox.getAll()); // key order = seq = the order they are pushed
    const named = new Set();
    for (const op of ops) imagesNamed(op.data, named);
    const images = [];
    for (const name of UPLOADS) {
      for (const row of await request(s[name].getAll())) {
        if (row.blob && (named.has(row.sha256) || !row.uploaded)) images.push({ ...row, store: name });
      }
    }
    const uuids = new Set([...ops.map((op) => op.inspection), ...images.map((row) => row.inspection)]);
    const inspections = [];
    for (const uuid of uuids) {
      const rec = uuid ? await request(s.inspections.get(uuid)) : null;
      if (rec) inspections.push(rec);
    }
    const meta = async (key) => ((await request(s.meta.get(key))) || {}).value;
    return {
      ops, images, inspections, units: await request(s.units.getAll()),
      user: await meta('user'), deviceId: await meta('device_id'),
    };
  });
}

/**
 * Photos the server holds for good: bytes uploaded, no op in the outbox names them, and the
 * server's record lists them (remediation evidence: its check op has left the outbox). Their
 * full bytes may leave the device. Drawn signatures are a few KB and are never freed.
 */
export function freeablePhotos() {
  return run(['outbox', 'inspections', 'photos'], 'readonly', (s) => freeable(s));
}

async function freeable(s) {
  const named = new Set();
  for (const op of await request(s.outbox.getAll())) {
    named.add(op.data && op.data.uuid);
    imagesNamed(op.data, named);
  }
  const held = [];
  for (const row of await request(s.photos.getAll())) {
    if (!row.blob || !row.uploaded || row.failed || named.has(row.uuid) || named.has(row.sha256)) continue;
    const rec = row.inspection ? await request(s.inspections.get(row.inspection)) : null;
    const onServer = row.remediation_id != null || (rec && rec.photos[row.uuid] && rec.photos[row.uuid].stored);
    if (onServer) held.push(row);
  }
  return held;
}

/**
 * Drop the full bytes of synced photos, keeping a small thumbnail: `thumbs` maps a photo's uuid
 * to a thumbnail Blob (or null: the screen shows a placeholder). Each photo is checked again
 * inside the transaction, so one queued meanwhile is never freed. Resolves to the freed rows'
 * {count, bytes}. A freed photo keeps its row as {…, blob: null, thumb, freed_at}.
 *
 * With the storage already over its quota even a smaller row is a write the browser refuses;
 * then the rows are deleted (a transaction that only deletes is always allowed) and their
 * thumbnails put back as far as there is room (the screen falls back on the server's).
 */
export async function freePhotos(thumbs) {
  const kept = (row) => ({ ...row, blob: null, thumb: thumbs.get(row.uuid), freed_at: new Date().toISOString() });
  const tally = (rows) => ({ count: rows.length, bytes: rows.reduce((n, row) => n + row.blob.size, 0) });
  const chosen = async (s) => (await freeable(s)).filter((row) => thumbs.has(row.uuid));
  try {
    return tally(await run(['outbox', 'inspections', 'photos'], 'readwrite', async (s) => {
      const rows = await chosen(s);
      for (const row of rows) s.photos.put(kept(row));
      return rows;
    }));
  } catch (err) {
    if (!(err instanceof WriteFailed)) throw err;
  }
  const dropped = await run(['outbox', 'inspections', 'photos'], 'readwrite', async (s) => {
    const rows = await chosen(s);
    for (const row of rows) s.photos.delete(row.uuid);
    return rows;
  });
  await run('photos', 'readwrite', async (s) => {
    for (const row of dropped) {
      if (!(await request(s.photos.get(row.uuid)))) s.photos.put(kept(row));
    }
  }).catch(() => {});
  return tally(dropped);
}
