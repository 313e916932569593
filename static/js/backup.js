/**
 * The device backup (docs/backup-format.md, format 1): everything not yet synced as one ZIP, for
 * the office to import when the phone's data may be lost before it syncs.
 *
 * Importing is safe however often it happens, and before or after the device syncs: the ops keep
 * the ids the device gave them (the server answers "duplicate" to one it has) and images are
 * named by their hash. So a backup never needs to be "consumed": the outbox stays as it is.
 */
import * as store from './store.js';
import { wire } from './outbox.js';
import { zip } from './zip.js';

export const FORMAT = 'inspect_app-backup';
export const VERSION = 1;

const encoder = new TextEncoder();
const json = (value) => encoder.encode(JSON.stringify(value, null, 1));

async function sha256(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The readable copy for people (not imported): each inspection with its unit's name. */
function readable(snapshot, imageFiles) {
  const units = new Map(snapshot.units.map((u) => [u.id, u.name]));
  return snapshot.inspections.map((rec) => ({
    uuid: rec.uuid, unit: units.get(rec.unit_id) || null, unit_id: rec.unit_id, kind: rec.kind,
    status: rec.status, started_at: rec.started_at, ended_at: rec.ended_at, location: rec.location,
    responses: rec.responses, attendance: Object.values(rec.attendance || {}),
    photos: Object.values(rec.photos || {}).map((p) => ({ ...p, file: imageFiles.get(p.sha256) || null })),
  }));
}

/** "sao-luu-kiemtra1-20261122-1100.zip" (the device's local time: what the inspector reads). */
function fileName(username, at) {
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `sao-luu-${String(username).replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.zip`;
}

/**
 * Build the backup of this device now. Resolves to {blob, name, manifest, ops, images} (counts);
 * throws with a Vietnamese message when the device has never synced (no user to name).
 */
export async function buildBackup(now = new Date()) {
  const snapshot = await store.backupSnapshot();
  if (!snapshot.user) throw new Error('Thiết bị chưa đồng bộ lần nào nên chưa biết tài khoản của bạn: chưa tạo được bản sao lưu.');
  const entries = [{ name: 'ops.json', data: json(snapshot.ops.map(wire)) }];
  const images = [];
  const imageFiles = new Map();
  for (const row of snapshot.images) {
    const data = new Uint8Array(await row.blob.arrayBuffer());
    // Named by the hash of the bytes themselves: the server checks each name against its content.
    const digest = await sha256(data);
    if (imageFiles.has(digest)) continue; // the same bytes on two items: stored once
    const png = (row.type || row.blob.type) === 'image/png';
    const file = `images/${digest}.${png ? 'png' : 'jpg'}`;
    imageFiles.set(digest, file);
    entries.push({ name: file, data });
    images.push({ file, sha256: digest, content_type: png ? 'image/png' : 'image/jpeg' });
  }
  entries.push({ name: 'inspections.json', data: json(readable(snapshot, imageFiles)) });
  const files = {};
  for (const entry of entries) files[entry.name] = await sha256(entry.data);
  const manifest = {
    format: FORMAT, version: VERSION, created_at: now.toISOString(), device_id: snapshot.deviceId || null,
    user: { id: snapshot.user.id, username: snapshot.user.username }, files, images,
  };
  const blob = zip([{ name: 'manifest.json', data: json(manifest) }, ...entries], now);
  return { blob, name: fileName(snapshot.user.username, now), manifest, ops: snapshot.ops.length, images: images.length };
}
