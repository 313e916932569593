/** The draft form: representatives, assessment, remediation requests, the unit's opinion. */
import { h } from './dom.js';
import { blankRequest } from '../minutes/draft.js';

// Kept as typed (input, not change): a field left without leaving it is still in the draft.
const text = (value, onchange, attrs = {}) => h(attrs.rows ? 'textarea' : 'input', {
  type: attrs.rows ? null : 'text', value: value || '', oninput: (e) => onchange(e.target.value), ...attrs,
});

/**
 * The form over `draft` (edited in place); `save()` is called after each change, `redraw()`
 * after a row is added or removed. `missing` are requests for failed items the draft lacks;
 * `written` {strengths, shortcomings} what the minutes print for an assessment left blank.
 */
export function draftForm(draft, { save, redraw, missing, record, written = {} }) {
  const set = (obj, key) => (v) => { obj[key] = v.trim() === '' ? null : v; save(); };
  const rows = (list, make) => list.map((x, i) => make(x, () => { list.splice(i, 1); save(); redraw(); }));
  const remove = (drop) => h('button', { type: 'button', class: 'link remove', onclick: drop }, 'Xoá');
  const a = draft.assessment;
  return h('div', { class: 'minutes-draft' },
    h('section', { class: 'card' }, h('h2', {}, 'Đại diện đơn vị được kiểm tra'),
      rows(draft.representatives, (r, drop) => h('div', { class: 'rep' },
        text(r.full_name, set(r, 'full_name'), { class: 'rep-name', placeholder: 'Họ và tên', maxlength: 120 }),
        text(r.position, set(r, 'position'), { class: 'rep-position', placeholder: 'Chức vụ', maxlength: 120 }), remove(drop))),
      h('button', { type: 'button', id: 'add-rep', onclick: () => { draft.representatives.push({ full_name: '', position: '' }); save(); redraw(); } }, 'Thêm người')),
    h('section', { class: 'card' }, h('h2', {}, 'Đánh giá chung'),
      [['strengths', 'Ưu điểm'], ['shortcomings', 'Tồn tại, hạn chế'], ['causes', 'Nguyên nhân']].map(([key, label]) => h('label', { class: 'field' }, label,
        text(a[key], set(a, key), { rows: 3, id: `assess-${key}`, maxlength: 20000,
          placeholder: written[key] ? `Để trống, biên bản ghi: ${written[key]}` : '' })))),
    h('section', { class: 'card' }, h('h2', {}, `Yêu cầu khắc phục (${draft.remediation.length})`),
      rows(draft.remediation, (r, drop) => h('div', { class: 'request', 'data-item': r.item || '' },
        h('p', { class: 'muted small' }, r.item ? `Mục ${r.item}` : 'Yêu cầu thêm', ' ', remove(drop)),
        h('label', { class: 'field' }, 'Nội dung yêu cầu', text(r.action, set(r, 'action'), { rows: 2, class: 'req-action', maxlength: 2000 })),
        h('label', { class: 'field' }, 'Căn cứ', text(r.basis, set(r, 'basis'), { class: 'req-basis', maxlength: 1000 })),
        h('label', { class: 'field' }, 'Người chịu trách nhiệm', text(r.responsible, set(r, 'responsible'), { class: 'req-responsible', maxlength: 200 })),
        h('label', { class: 'field' }, 'Thời hạn', h('input', { type: 'date', class: 'req-deadline', value: r.deadline || '', onchange: (e) => { r.deadline = e.target.value || null; save(); } })))),
      missing.length ? h('button', { type: 'button', id: 'add-missing', onclick: () => { draft.remediation.push(...missing); save(); redraw(); } },
        `Thêm yêu cầu cho ${missing.length} mục không đạt chưa có`) : null,
      h('button', { type: 'button', id: 'add-request', onclick: () => { draft.remediation.push(blankRequest(record)); save(); redraw(); } }, 'Thêm yêu cầu khác')),
    h('section', { class: 'card' }, h('h2', {}, 'Ý kiến của đơn vị được kiểm tra'),
      text(draft.unit_opinion, set(draft, 'unit_opinion'), { rows: 3, id: 'unit-opinion', maxlength: 20000, 'aria-label': 'Ý kiến của đơn vị được kiểm tra' })));
}
