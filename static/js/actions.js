/**
 * What an inspector does, as ops. Each action reads the inspection, applies its op and queues it
 * in one transaction (store.recordAction), then tells the page something changed.
 */
import * as store from './store.js';
import { applyOp, attendanceKey, responseKey } from './records.js';
import { makeOp, refusedFor } from './outbox.js';
import { isLocked } from './minutes/state.js';

/** Said when an edit reaches an inspection whose minutes are signed. */
export const LOCKED = 'Biên bản đã ký: phiếu này không sửa được nữa.';

/**
 * `what` names the action in Vietnamese ("ảnh cho mục KL-01"): when the browser refuses the
 * write (storage full), the inspector is told exactly what was not saved (a `write-failed` event
 * the storage warning shows), and the error goes on to the caller.
 */
async function act(uuid, build, what = 'thay đổi vừa rồi', afterSigning = false) {
  // Screens disable their controls once signed; this is the rule itself (docs/minutes.md, 3).
  const [stored, minutes] = await Promise.all([store.get('inspections', uuid), store.get('minutes', uuid)]);
  if (stored && isLocked(stored, minutes) && !afterSigning) throw new Error(LOCKED);
  let record;
  try {
    record = await store.recordAction(uuid, (current, waiting) => {
      const change = build(current, waiting);
      return { ...change, inspection: change.ops.reduce(applyOp, current) };
    });
  } catch (err) {
    if (err instanceof store.WriteFailed) {
      err.what = what;
      err.message = `Chưa lưu được ${what}: ${err.message}`;
      dispatchEvent(new CustomEvent('write-failed', { detail: err }));
    }
    throw err;
  }
  dispatchEvent(new CustomEvent('local-change', { detail: { inspection: uuid } }));
  return record;
}

/** Start an inspection (planned in a round, or a surprise visit); resolves to its record. */
export function startInspection({ unitId, roundId, teamId, kind, versionIds, location, members }) {
  const uuid = crypto.randomUUID();
  // The team as the pull listed it: the minutes can then be signed before the first sync.
  const team = (members || []).map((m) => ({
    user_id: m.user_id, full_name: m.full_name, position: m.position || null, team_role: m.team_role,
  }));
  return act(uuid, () => ({
    ops: [makeOp('inspection.create', uuid, {
      unit_id: unitId, round_id: roundId, team_id: teamId, kind, started_at: new Date().toISOString(),
      checklist_version_ids: versionIds, location: location || null, ...(team.length ? { members: team } : {}),
    })],
  }), 'phiếu kiểm tra mới');
}

/**
 * Answer one item: value null clears it; value or note undefined keeps what is stored (read in
 * the same transaction, so a note typed beside a fresh answer never undoes it). A refused answer
 * to the same item is replaced: the inspector saw its reason beside the item and answered again.
 */
export function answer(uuid, versionId, itemId, value, note) {
  return act(uuid, (current, waiting) => {
    const previous = current.responses[responseKey(versionId, itemId)] || { value: null, note: null };
    return {
      ops: [makeOp('response.set', uuid, {
        checklist_version_id: versionId, item_id: itemId, value: value === undefined ? previous.value : value,
        note: note === undefined ? previous.note : note, answered_at: new Date().toISOString(),
        // The answer this one replaces as the device showed it: the server tells a race from a change.
        base: previous.op_id || null,
      })],
      dropOps: refusedFor(waiting, versionId, itemId).filter((o) => o.type === 'response.set').map((o) => o.seq),
    };
  }, `${value === undefined ? 'ghi chú' : 'câu trả lời'} mục ${itemId}`);
}

/** The team lead's choice between the answers two devices gave to one item (`chosen`: an op id). */
export function settleConflict(uuid, versionId, itemId, chosen) {
  return act(uuid, () => ({
    ops: [makeOp('conflict.settle', uuid, { checklist_version_id: versionId, item_id: itemId, chosen })],
  }), `lựa chọn câu trả lời mục ${itemId}`);
}

/**
 * An edit refused because the minutes were signed goes to the team lead as a supplement
 * (`supplement.add`): the answer and note of the refused `ops` about one item, and their photos.
 * The refused ops go with it: what they held now travels in the supplement.
 */
export function sendToLead(uuid, ops) {
  const answer = ops.filter((o) => o.type === 'response.set').pop();
  const first = ops[0];
  const photos = ops.filter((o) => o.type === 'photo.add').map((o) => o.data.sha256);
  return act(uuid, () => ({
    ops: [makeOp('supplement.add', uuid, {
      uuid: crypto.randomUUID(), checklist_version_id: first.data.checklist_version_id ?? null,
      item_id: first.data.item_id ?? null, value: answer ? answer.data.value : null,
      note: answer ? answer.data.note : null, photos, reason: first.reason || null, recorded_at: first.at,
    })],
    dropOps: ops.map((o) => o.seq),
  }), 'nội dung gửi trưởng đoàn', true);
}

/** Record one person's attendance (a roster member, or someone met on site when staffId is null). */
export function setAttendance(uuid, { staffId = null, rowUuid = null, fullName, position = null, status, note = null }) {
  return act(uuid, (current) => {
    const existing = staffId != null ? current.attendance[attendanceKey({ staff_member_id: staffId })] : null;
    return {
      ops: [makeOp('attendance.set', uuid, {
        uuid: rowUuid || (existing ? existing.uuid : crypto.randomUUID()), staff_member_id: staffId,
        full_name: fullName, position, status, note,
      })],
    };
  }, `điểm danh của ${fullName}`);
}

/** Attach a captured photo (see photos.js) to an item, or to the inspection when itemId is null. */
export function addPhoto(uuid, { versionId = null, itemId = null }, photo) {
  return act(uuid, () => ({
    ops: [makeOp('photo.add', uuid, {
      uuid: photo.uuid, sha256: photo.sha256, checklist_version_id: versionId, item_id: itemId,
      caption: photo.caption || null, captured_at: photo.captured_at, latitude: photo.latitude,
      longitude: photo.longitude, width: photo.width, height: photo.height, size_bytes: photo.size_bytes,
      // A marked-up copy (ui/markup.js) names its original; other photos leave the key out.
      ...(photo.markup_of ? { markup_of: photo.markup_of } : {}),
    })],
    photos: [{ ...photo, inspection: uuid, checklist_version_id: versionId, item_id: itemId, uploaded: false, failed: null }],
  }), photo.markup_of ? `ảnh đã đánh dấu cho mục ${itemId}` : itemId ? `ảnh cho mục ${itemId}` : 'ảnh chung của phiếu');
}

/** Take a photo off the inspection (and off the device). */
export function removePhoto(uuid, photoUuid) {
  return act(uuid, () => ({ ops: [makeOp('photo.remove', uuid, { uuid: photoUuid })], removePhotos: [photoUuid] }));
}

/** The inspector's verdict on an earlier round's remediation item, with an optional photo. */
export function checkRemediation(uuid, remediationId, result, note, photo = null) {
  return act(uuid, () => ({
    ops: [makeOp('remediation.check', uuid, {
      remediation_id: remediationId, result, note: note || null, photo_sha256: photo ? photo.sha256 : null,
    })],
    photos: photo ? [{ ...photo, inspection: uuid, remediation_id: remediationId, uploaded: false, failed: null }] : [],
  }), photo ? 'kết quả kiểm tra khắc phục và ảnh kèm theo' : 'kết quả kiểm tra khắc phục');
}

/** Close the inspection on site (status completed, end time now). */
export function finish(uuid) {
  return act(uuid, () => ({
    ops: [makeOp('inspection.update', uuid, { status: 'completed', ended_at: new Date().toISOString() })],
  }));
}

/** Send a refused op again (after its cause was fixed elsewhere). */
export async function retryRefused(op) {
  await store.requeueOp(op.seq);
  dispatchEvent(new CustomEvent('local-change', { detail: { inspection: op.inspection } }));
  return store.get('inspections', op.inspection);
}

/** Give up a refused op: the inspector saw the reason and chose to drop it. */
export async function discardRefused(op) {
  await store.discardOp(op.seq);
  dispatchEvent(new CustomEvent('local-change', { detail: { inspection: op.inspection } }));
  return store.get('inspections', op.inspection);
}
