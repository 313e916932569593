/**
 * What the lead does with the minutes, each step stored atomically with its op
 * (store.recordMinutes): draft, freeze ("Ký biên bản"), sign, sign again after a refusal, amend.
 */
import * as store from '../store.js';
import { makeOp } from '../outbox.js';
import { sha256Hex } from '../photos.js';
import { buildRecord } from './record.js';
import { minutesHash } from './canonical.js';
import { forOp } from './draft.js';
import { ROLES, anySigned } from './state.js';

async function step(uuid, build) {
  const minutes = await store.recordMinutes(uuid, build);
  dispatchEvent(new CustomEvent('local-change', { detail: { inspection: uuid } }));
  return minutes;
}

const fresh = (m) => ({ ...m, uuid: crypto.randomUUID(), content_hash: null, record: null, signatures: [] });

/** The record of working minutes `local` from what the device holds (ui/data.js's context). */
export function recordOf(ctx, user, local) {
  const team = ((user && user.teams) || []).find((t) => t.id === ctx.record.team_id) || null;
  return buildRecord({
    inspection: ctx.record, checklists: ctx.versions, unit: ctx.unit, team, round: ctx.round,
    draft: forOp(local.draft), minutes: local.uuid, amends: local.amends, amendment_reason: local.amendment_reason,
  });
}

/** Start working minutes with a pre-filled draft (kept when they exist already). */
export const startDraft = (uuid, draft) => step(uuid, (current) => ({
  minutes: current || fresh({ inspection: uuid, amends: null, amendment_reason: null, draft }),
}));

/** Store the edited draft; refused once the text is frozen. */
export const saveDraft = (uuid, draft) => step(uuid, (current) => {
  if (!current || current.content_hash) throw new Error('Biên bản đã khoá để ký: không sửa được bản nháp.');
  return { minutes: { ...current, draft } };
});

/** "Ký biên bản": fix the end time, hash the record and freeze it; from here it is what is signed. */
export async function freeze(ctx, user) {
  const local = ctx.minutes;
  const draft = { ...local.draft, ended_at: local.draft.ended_at || ctx.record.ended_at || new Date().toISOString() };
  const record = recordOf(ctx, user, { ...local, draft });
  const hash = await minutesHash(record);
  return step(ctx.record.uuid, (current) => {
    if (current.uuid !== local.uuid || current.content_hash) throw new Error('Biên bản đã thay đổi; hãy xem lại.');
    return { minutes: { ...current, draft, record, content_hash: hash } };
  });
}

/** Back to the draft while nobody has signed. */
export const unfreeze = (uuid) => step(uuid, (current) => {
  if (anySigned(current)) throw new Error('Đã có chữ ký: không sửa được biên bản.');
  return { minutes: { ...current, content_hash: null, record: null } };
});

/**
 * Add one signature (`png` a Blob; null for a refusal). The last one needed queues the
 * minutes.sign op (docs/minutes.md) in the same transaction.
 */
export async function sign(uuid, { role, fullName, title, refused, reason }, png) {
  const sha = png && await sha256Hex(png);
  const signature = {
    uuid: crypto.randomUUID(), role, full_name: fullName, title: title || null, image_sha256: sha || null,
    refused, refusal_reason: reason, signed_at: new Date().toISOString(),
  };
  return step(uuid, (m) => {
    if (!m || !m.content_hash) throw new Error('Biên bản chưa khoá để ký.');
    const signatures = [...m.signatures.filter((s) => s.role !== role), signature];
    const done = ROLES.every((r) => signatures.some((s) => s.role === r));
    return {
      minutes: { ...m, signatures },
      signatures: png ? [{ uuid: signature.uuid, inspection: uuid, minutes: m.uuid, sha256: sha, blob: png, type: 'image/png', uploaded: false, failed: null }] : [],
      ops: done ? [makeOp('minutes.sign', uuid, {
        minutes: m.uuid, amends: m.amends, amendment_reason: m.amendment_reason, draft: forOp(m.draft),
        content_hash: m.content_hash, signatures: ROLES.map((r) => signatures.find((s) => s.role === r)), record: m.record,
      })] : [],
    };
  });
}

/**
 * "Sửa và ký lại" after a refusal: the refused op goes (its reason was read), the text is
 * unfrozen under a new uuid, and every signature is given again.
 */
export const redo = (uuid) => step(uuid, (m, waiting) => ({
  minutes: fresh(m),
  dropOps: waiting.filter((o) => o.status === 'refused' && o.type === 'minutes.sign').map((o) => o.seq),
  dropSignatures: m.signatures.map((s) => s.uuid),
}));

/** "Lập biên bản sửa đổi": the minutes.amend op reopens the inspection; new minutes start from `draft`. */
export const amend = (uuid, amends, reason, draft) => step(uuid, () => {
  const minutes = fresh({ inspection: uuid, amends, amendment_reason: reason, draft: { ...draft, ended_at: null } });
  return { minutes, ops: [makeOp('minutes.amend', uuid, { minutes: minutes.uuid, amends, reason })] };
});
