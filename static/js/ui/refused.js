/**
 * Refused ops, each shown once: what the inspector recorded (answer, note, photo), the server's
 * reason, and what can be done. An edit refused because the minutes were signed can go to the
 * team lead as a supplement; "Gửi lại" is offered only where sending again can succeed.
 */
import * as actions from '../actions.js';
import { answerLabel, itemOf } from './answer-label.js';
import { blobUrl, h } from './dom.js';

const LABEL = {
  'inspection.create': 'Tạo phiếu', 'inspection.update': 'Cập nhật phiếu', 'attendance.set': 'Điểm danh',
  'response.set': 'Câu trả lời', 'photo.add': 'Ảnh', 'photo.remove': 'Xoá ảnh', 'remediation.check': 'Kiểm tra khắc phục',
  'minutes.sign': 'Ký biên bản', 'minutes.amend': 'Lập biên bản sửa đổi', 'conflict.settle': 'Chọn câu trả lời',
  'supplement.add': 'Gửi trưởng đoàn',
};

/** What an edit refused after signing can carry to the lead (docs/sync-protocol.md, supplement.add). */
const FOR_LEAD = new Set(['response.set', 'photo.add']);

const signed = (ctx) => Boolean(ctx && ['signed', 'issued'].includes(ctx.record.status));


/** What the inspector had recorded in `ops`: the answer and note, the photos (from the device). */
function recorded(ops, ctx) {
  const parts = [];
  // The last answer holds the note typed after it too (actions.answer keeps what is stored).
  const last = ops.filter((op) => op.type === 'response.set').pop();
  for (const op of ops) {
    if (op === last) {
      parts.push(h('p', { class: 'recorded' }, 'Bạn đã ghi: ',
        h('strong', {}, answerLabel(itemOf(ctx && ctx.versions, op.data.checklist_version_id, op.data.item_id), op.data.value)),
        op.data.note ? ` · Ghi chú: ${op.data.note}` : ''));
    } else if (op.type === 'photo.add') {
      const local = ctx && (ctx.photos || []).find((p) => p.uuid === op.data.uuid);
      const kept = local && (local.thumb || local.blob);
      parts.push(kept ? h('img', { class: 'recorded-photo', src: blobUrl(kept), alt: 'Ảnh bạn đã chụp', width: 96, height: 72 })
        : h('p', { class: 'recorded muted small' }, 'Ảnh bạn đã chụp'));
    }
  }
  return parts;
}

/**
 * One refused thing: all refused `ops` about one item (answer, note, photos) or a single op.
 * `ctx` (inspectionContext) gives the inspection's state, local photos and checklist versions.
 */
export function refusedGroup(ops, ctx = null, act = (promise) => promise) {
  const [first] = ops;
  const item = first.data && first.data.item_id ? ` mục ${first.data.item_id}` : '';
  const what = [...new Set(ops.map((op) => LABEL[op.type] || op.type))].join(', ');
  const reasons = [...new Set(ops.map((op) => op.reason))];
  const uuid = first.inspection;
  // Each action resolves to the stored record, so a screen that redraws one card can do so (`act`).
  const drop = () => act(Promise.all(ops.map(actions.discardRefused)).then((records) => records.pop()));
  let todo;
  if (first.type.startsWith('minutes.')) {
    // Signed minutes are redone on their own screen ("Sửa và ký lại"), never silently dropped.
    todo = h('a', { class: 'button', href: `#/i/${uuid}/minutes` }, 'Mở biên bản');
  } else if (signed(ctx)) {
    // Signed minutes stay frozen: sending again cannot succeed; the lead can take it in amended minutes.
    const forLead = ops.filter((op) => FOR_LEAD.has(op.type));
    todo = h('span', { class: 'actions' },
      forLead.length ? h('button', { type: 'button', class: 'primary send-lead', onclick: () => act(actions.sendToLead(uuid, forLead)) }, 'Gửi cho trưởng đoàn') : null,
      h('button', { type: 'button', onclick: drop }, 'Bỏ thao tác này'));
  } else {
    todo = h('span', { class: 'actions' },
      h('button', { type: 'button', onclick: () => act(Promise.all(ops.map(actions.retryRefused)).then((records) => records.pop())) }, 'Gửi lại'),
      h('button', { type: 'button', onclick: drop }, 'Bỏ thao tác này'));
  }
  return h('li', { class: 'refused-op', 'data-op': first.op_id },
    h('strong', {}, `${what}${item} bị từ chối: `),
    h('span', { class: 'reason' }, reasons.join(' ')),
    recorded(ops, ctx),
    signed(ctx) && !first.type.startsWith('minutes.') ? h('p', { class: 'muted small todo' },
      'Biên bản đã ký nên phiếu không sửa được. "Gửi cho trưởng đoàn" gửi nội dung này để trưởng đoàn đưa vào biên bản sửa đổi.') : null,
    todo);
}

/** One refused op (remediation checks and other single ops). */
export const refusedOp = (op, ctx = null, act = undefined) => refusedGroup([op], ctx, act);

/** Refused ops of one inspection, those about one item together, or nothing. */
export function refusedList(ops, ctx = null) {
  const groups = new Map();
  for (const op of ops.filter((o) => o.status === 'refused')) {
    const key = op.data && op.data.item_id && op.type !== 'remediation.check'
      ? `${op.data.checklist_version_id}/${op.data.item_id}` : op.op_id;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(op);
  }
  if (!groups.size) return null;
  return h('section', { class: 'card refused-box', role: 'alert' },
    h('h2', {}, 'Máy chủ từ chối một số thao tác'),
    h('p', { class: 'muted small' }, 'Các thao tác này vẫn ở trên thiết bị. Làm theo hướng dẫn trong từng dòng; '
      + '"Bỏ thao tác này" xoá hẳn thao tác khỏi thiết bị, không gửi lên máy chủ.'),
    h('ul', {}, [...groups.values()].map((group) => refusedGroup(group, ctx))));
}
