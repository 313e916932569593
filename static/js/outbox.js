/**
 * The outbox: ops the inspector made that the server has not yet confirmed.
 *
 * An op is {op_id, type, inspection, at, data} as docs/sync-protocol.md describes, plus the
 * device's `seq` (the order of actions) and `status` ('queued' or 'refused' with a `reason`).
 */
import * as store from './store.js';

/** A new op with its own client id and the device's clock. */
export function makeOp(type, inspection, data) {
  return { op_id: crypto.randomUUID(), type, inspection, at: new Date().toISOString(), data };
}

/** Every op of the outbox, in the order the inspector made them. */
export const all = () => store.getAll('outbox');

/** Only the fields the server reads. */
export const wire = ({ op_id, type, inspection, at, data }) => ({ op_id, type, inspection, at, data });

/**
 * The ops to send now, in order. Ops of an inspection whose creation was refused are held back:
 * the server would refuse each of them for want of the inspection, burying the one real reason.
 */
export function sendable(ops) {
  const held = new Set(ops.filter((op) => op.type === 'inspection.create' && op.status === 'refused').map((op) => op.inspection));
  return ops.filter((op) => op.status === 'queued' && !held.has(op.inspection));
}

/** `items` cut into lists of at most `size` (the server takes at most 500 ops per push). */
export function batches(items, size = 100) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What waits for each inspection: {answers, photos, others, created, refused: [ops]}. */
export function summarize(ops, photos) {
  const by = new Map();
  const of = (uuid) => {
    if (!by.has(uuid)) by.set(uuid, { answers: new Set(), photos: new Set(), others: 0, created: false, refused: [] });
    return by.get(uuid);
  };
  for (const op of ops) {
    if (!op.inspection) continue;
    const s = of(op.inspection);
    if (op.status === 'refused') s.refused.push(op);
    else if (op.type === 'response.set') s.answers.add(`${op.data.checklist_version_id}/${op.data.item_id}`);
    else if (op.type === 'photo.add') s.photos.add(op.data.uuid);
    else if (op.type === 'inspection.create') s.created = true;
    else s.others += 1;
  }
  for (const p of photos) if (p.inspection && !p.uploaded) of(p.inspection).photos.add(p.uuid);
  return by;
}

/** Refused ops about one item of one checklist version. */
export const refusedFor = (ops, versionId, itemId) => ops.filter((op) => op.status === 'refused'
  && op.data && op.data.item_id === itemId && op.data.checklist_version_id === versionId);

/** Queued (unsent) ops about one item. */
export const queuedFor = (ops, versionId, itemId) => ops.filter((op) => op.status === 'queued'
  && op.data && op.data.item_id === itemId && op.data.checklist_version_id === versionId);
