/**
 * Where an inspection's minutes stand, from the device's working minutes, its outbox and the
 * pull's `inspections[].minutes`. Plain values in and out.
 */

/** Who signs (the unit's representative may refuse instead of drawing). */
export const ROLES = ['lead', 'unit_rep'];

/** Is this user the lead of the inspection's team (the pull's `user.teams[].team_role`)? */
export const isLead = (user, record) => Boolean(user && (user.teams || []).some((t) => t.id === record.team_id && t.team_role === 'lead'));

/** Has anyone signed the working minutes? */
export const anySigned = (local) => Boolean(local && local.signatures.length);

/**
 * Nothing of the inspection may change on the device from "Ký biên bản" on, nor while the
 * server holds signed minutes: the signed text must be the issued one. Locked from the freeze,
 * not the first signature, so the frozen text never goes stale; the lead may unfreeze it until
 * someone signs.
 */
export const isLocked = (record, local) => Boolean(local && local.content_hash) || ['signed', 'issued'].includes(record.status);

/**
 * {phase, server, op, reason}; phases as in PHASE: frozen = hashed, signatures being given;
 * queued = signed, waiting to sync; signed = on the server, images missing.
 */
export function minutesState(record, local, ops) {
  const server = record.minutes || [];
  const mine = local && server.find((m) => m.uuid === local.uuid);
  const op = (local && ops.find((o) => o.type === 'minutes.sign' && o.data.minutes === local.uuid))
    || ops.find((o) => o.type === 'minutes.amend' && o.status === 'refused');
  if (mine) return { phase: mine.status, server: mine };
  if (op) return { phase: op.status === 'refused' ? 'refused' : 'queued', op, reason: op.reason };
  if (local) return { phase: local.content_hash ? 'frozen' : 'draft' };
  const latest = server[server.length - 1];
  return { phase: latest ? latest.status : 'none', server: latest };
}

export const PHASE = {
  none: 'Chưa lập biên bản', draft: 'Chưa ký (đang soạn)', frozen: 'Chưa ký — nội dung đã khoá để ký',
  queued: 'Đã ký, chờ đồng bộ', refused: 'Bị từ chối', signed: 'Đã ký, chờ ban hành', issued: 'Đã ban hành',
};
