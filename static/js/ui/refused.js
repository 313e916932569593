/** Refused ops, shown with the server's reason and two explicit choices: send again, or drop. */
import * as actions from '../actions.js';
import { h } from './dom.js';

const LABEL = {
  'inspection.create': 'Tạo phiếu', 'inspection.update': 'Cập nhật phiếu', 'attendance.set': 'Điểm danh',
  'response.set': 'Câu trả lời', 'photo.add': 'Ảnh', 'photo.remove': 'Xoá ảnh', 'remediation.check': 'Kiểm tra khắc phục',
  'minutes.sign': 'Ký biên bản', 'minutes.amend': 'Lập biên bản sửa đổi',
};

/** One refused op: what it was, why it was refused, and what the inspector may do. */
export function refusedOp(op) {
  const item = op.data && op.data.item_id ? ` mục ${op.data.item_id}` : '';
  return h('li', { class: 'refused-op', 'data-op': op.op_id },
    h('strong', {}, `${LABEL[op.type] || op.type}${item} bị từ chối: `),
    h('span', { class: 'reason' }, op.reason),
    // Signed minutes are redone on their own screen ("Sửa và ký lại"), never silently dropped.
    op.type.startsWith('minutes.') ? h('a', { class: 'button', href: `#/i/${op.inspection}/minutes` }, 'Mở biên bản')
      : h('span', { class: 'actions' },
        h('button', { type: 'button', onclick: () => actions.retryRefused(op) }, 'Gửi lại'),
        h('button', { type: 'button', onclick: () => actions.discardRefused(op) }, 'Bỏ thao tác này')));
}

/** Every refused op among `ops`, or nothing. */
export function refusedList(ops) {
  const refused = ops.filter((op) => op.status === 'refused');
  if (!refused.length) return null;
  return h('section', { class: 'card refused-box', role: 'alert' },
    h('h2', {}, 'Máy chủ từ chối một số thao tác'),
    h('p', { class: 'muted small' }, 'Các thao tác này vẫn ở trên thiết bị. Làm theo hướng dẫn trong từng dòng, '
      + 'rồi bấm "Gửi lại"; "Bỏ thao tác này" xoá hẳn thao tác khỏi thiết bị, không gửi lên máy chủ.'),
    h('ul', {}, refused.map(refusedOp)));
}
