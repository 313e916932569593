/**
 * Inspection records as the device shows them: plain objects, no storage, no DOM.
 *
 * A record is the server's state with the device's queued ops applied over it (`merge`), so an
 * answer typed offline never disappears when a pull brings the server's older view. The same
 * `applyOp` builds the record when the inspector acts, so both paths agree by construction.
 */

/** The key of one item's answer inside `record.responses`. */
export const responseKey = (versionId, itemId) => `${versionId}/${itemId}`;

/** The key of one attendance row: a roster member has one row, whoever recorded it. */
export const attendanceKey = (row) => (row.staff_member_id != null ? `staff:${row.staff_member_id}` : row.uuid);

/** Does answer `a` (answered_at, op_id) win over `b`, by the server's rule? */
export function laterWins(a, b) {
  if (!b) return true;
  const ta = Date.parse(a.answered_at);
  const tb = Date.parse(b.answered_at);
  if (ta !== tb) return ta > tb;
  return String(a.op_id || '') >= String(b.op_id || '');
}

function blank(uuid) {
  return {
    uuid, unit_id: null, round_id: null, team_id: null, kind: 'surprise', status: 'in_progress',
    started_at: null, ended_at: null, location: null, checklist_version_ids: [], members: [],
    responses: {}, attendance: {}, photos: {}, remediation_checks: {}, on_server: false,
    conflicts: [], supplements: [],
  };
}

/** The item's conflict waiting for the team lead (docs/sync-protocol.md, "Conflicts"), or null. */
export const openConflict = (record, versionId, itemId) => (record.conflicts || []).find((c) => !c.settled_at
  && c.checklist_version_id === versionId && c.item_id === itemId) || null;

/** The item's last settled conflict, or null (shown so the other inspector sees the lead's choice). */
export const settledConflict = (record, versionId, itemId) => (record.conflicts || []).filter((c) => c.settled_at
  && c.checklist_version_id === versionId && c.item_id === itemId).pop() || null;

/** Items with a conflict waiting for the lead: signing is refused while any is left. */
export const openConflictItems = (record) => [...new Set((record.conflicts || []).filter((c) => !c.settled_at)
  .map((c) => c.item_id))].sort();

/** A copy of `record` (or a new one) with `op` applied, as the server will apply it. */
export function applyOp(record, op) {
  const rec = structuredClone(record || blank(op.inspection));
  const d = op.data || {};
  switch (op.type) {
    case 'inspection.create':
      Object.assign(rec, {
        unit_id: d.unit_id, round_id: d.round_id, team_id: d.team_id, kind: d.kind,
        started_at: d.started_at, location: d.location || null,
        checklist_version_ids: [...d.checklist_version_ids], members: [...(d.members || [])],
      });
      break;
    case 'inspection.update':
      for (const key of ['location', 'ended_at', 'status']) if (key in d) rec[key] = d[key];
      break;
    case 'attendance.set': {
      const key = attendanceKey(d);
      const before = rec.attendance[key];
      rec.attendance[key] = { ...d, uuid: before ? before.uuid : d.uuid, recorded_at: op.at };
      break;
    }
    case 'response.set': {
      const key = responseKey(d.checklist_version_id, d.item_id);
      const answer = { value: d.value ?? null, note: d.note ?? null, answered_at: d.answered_at || op.at, op_id: op.op_id };
      const shown = rec.responses[key];
      // Given over the answer the device showed (`base`): it replaces it whatever the clocks say.
      if ((d.base && shown && d.base === shown.op_id) || laterWins(answer, shown)) rec.responses[key] = answer;
      break;
    }
    case 'conflict.settle': {
      // As the server does: the chosen answer becomes current, by its author; the conflict closes.
      const conflict = openConflict(rec, d.checklist_version_id, d.item_id);
      const chosen = conflict && conflict.answers.find((a) => a.op_id === d.chosen);
      if (!chosen) break;
      Object.assign(conflict, { settled_at: op.at, chosen: d.chosen, settled_by: d.settled_by || null });
      rec.responses[responseKey(d.checklist_version_id, d.item_id)] = {
        value: chosen.value, note: chosen.note, answered_at: chosen.at, answered_by: chosen.by, op_id: op.op_id,
      };
      break;
    }
    case 'supplement.add':
      rec.supplements = [...(rec.supplements || []), { ...d, taken: false, by: d.by || null }];
      break;
    case 'photo.add':
      rec.photos[d.uuid] = { ...d, stored: false };
      break;
    case 'photo.remove':
      delete rec.photos[d.uuid];
      break;
    case 'remediation.check':
      rec.remediation_checks[d.remediation_id] = { ...d, at: op.at };
      break;
    // As the server does: signing closes the inspection, an amendment opens it again.
    case 'minutes.sign':
      rec.status = 'signed';
      break;
    case 'minutes.amend':
      rec.status = 'in_progress';
      break;
    default:
      break;
  }
  return rec;
}

/** A record from the server's view of an inspection (pull). */
export function fromServer(s) {
  const rec = blank(s.uuid);
  Object.assign(rec, {
    unit_id: s.unit_id, round_id: s.round_id, team_id: s.team_id, kind: s.kind, status: s.status,
    started_at: s.started_at, ended_at: s.ended_at, location: s.location,
    checklist_version_ids: s.checklist_version_ids || [], members: s.members || [], on_server: true,
    minutes: s.minutes || [], conflicts: s.conflicts || [], supplements: s.supplements || [],
  });
  for (const r of s.responses || []) {
    rec.responses[responseKey(r.checklist_version_id, r.item_id)] = {
      value: r.value, note: r.note, answered_at: r.answered_at, answered_by: r.answered_by, op_id: r.op_id || null,
    };
  }
  for (const a of s.attendance || []) rec.attendance[attendanceKey(a)] = a;
  for (const p of s.photos || []) rec.photos[p.uuid] = p;
  return rec;
}

/**
 * The record to keep after a pull: the server's state, then the device's still-queued ops over it.
 * Refused ops are not applied: the server does not hold them; they show beside the item instead.
 */
export function merge(server, local, ops) {
  let rec = fromServer(server);
  if (local) rec.remediation_checks = { ...local.remediation_checks };
  for (const op of ops) if (op.status === 'queued') rec = applyOp(rec, op);
  rec.on_server = true;
  return rec;
}

