/** Screen: attendance from the unit's roster, one tap per person; add someone met on site. */
import * as store from '../store.js';
import * as actions from '../actions.js';
import { attendanceKey } from '../records.js';
import { counter, metOnSite, tally } from '../rollcall.js';
import { h, mount, toast, whenIdle } from './dom.js';
import { inspectionContext, unitName } from './data.js';

export const live = true;

const STATUSES = [
  ['present', 'Có mặt'], ['absent_excused', 'Vắng có phép'], ['absent_unexcused', 'Vắng không phép'], ['late', 'Đi muộn'],
];

export async function render(view, uuid) {
  const ctx = await inspectionContext(uuid);
  if (!ctx) {
    mount(view, h('p', { class: 'error' }, 'Thiết bị không còn phiếu này.'));
    return;
  }
  const roster = (await store.getByIndex('staff', 'unit_id', ctx.record.unit_id)).filter((s) => s.active !== false)
    .sort((a, b) => a.full_name.localeCompare(b.full_name, 'vi'));
  // "10/10 + 1": present of the whole list, people met on site apart (rollcall.js); kept in view.
  const big = h('p', { class: 'rollcall-counter', id: 'rollcall-counter', 'aria-live': 'polite' });
  const counts = h('p', { class: 'rollcall-figures' });
  const bar = h('div', { class: 'section-progress', role: 'status' }, big, counts);
  const list = h('ul', { class: 'people' });

  const drawCounts = () => {
    const rows = Object.values(ctx.record.attendance);
    const f = tally(rows);
    const marked = rows.length - f.met_on_site;
    const expected = Math.max(roster.length, marked);
    big.replaceChildren(h('strong', {}, counter(f, expected)),
      h('span', {}, f.met_on_site ? 'có mặt + gặp ngoài danh sách' : 'có mặt'));
    const figures = [['late', 'đi muộn'], ['absent_excused', 'vắng có phép'], ['absent_unexcused', 'vắng không phép']]
      .filter(([k]) => f[k]).map(([k, label]) => `${label} ${f[k]}`);
    counts.textContent = [`${marked}/${expected} đã điểm danh`, ...figures].join(' · ');
  };

  function row(person) {
    const key = person.staff_member_id != null ? attendanceKey(person) : person.uuid;
    const current = ctx.record.attendance[key];
    const save = async (status, note) => {
      ctx.record = await actions.setAttendance(uuid, {
        staffId: person.staff_member_id, rowUuid: current ? current.uuid : null,
        fullName: person.full_name, position: person.position, status, note,
      });
      whenIdle(() => {
        // The row as shown now (an earlier tap may have replaced the one this handler was made for).
        const shown = list.querySelector(`[data-person="${CSS.escape(key)}"]`);
        if (shown) shown.replaceWith(row({ ...person, ...ctx.record.attendance[key] }));
        drawCounts();
      });
    };
    const li = h('li', { class: 'person card', 'data-person': key },
      h('strong', {}, person.full_name), person.position ? h('span', { class: 'muted' }, ` · ${person.position}`) : null,
      current && current.recorded_by ? h('span', { class: 'muted small recorded-by' }, ` · ghi bởi ${current.recorded_by}`) : null,
      h('div', { class: 'answers four' }, STATUSES.map(([status, label]) => h('button', {
        type: 'button', class: 'answer', 'aria-pressed': String(Boolean(current && current.status === status)),
        'data-value': status, onclick: () => save(status, current ? current.note : null),
      }, label))),
      // A reason for an absence (công tác, nghỉ phép…) once a status is chosen.
      current ? h('input', {
        type: 'text', class: 'note', placeholder: 'Ghi chú (lý do vắng, giờ đến…)', maxlength: 500,
        value: current.note || '', onchange: (e) => save(current.status, e.target.value.trim() || null),
      }) : null);
    return li;
  }

  const fromRoster = roster.map((s) => ({ staff_member_id: s.id, full_name: s.full_name, position: s.position }));
  const met = Object.values(ctx.record.attendance).filter(metOnSite);
  list.replaceChildren(...fromRoster.map(row), ...met.map(row));

  const name = h('input', { type: 'text', id: 'met-name', placeholder: 'Họ và tên', maxlength: 120 });
  const position = h('input', { type: 'text', id: 'met-position', placeholder: 'Chức vụ', maxlength: 120 });
  const add = async () => {
    if (!name.value.trim()) return toast('Hãy nhập họ tên người gặp tại đơn vị.');
    const rowUuid = crypto.randomUUID();
    ctx.record = await actions.setAttendance(uuid, { rowUuid, fullName: name.value.trim(), position: position.value.trim() || null, status: 'present' });
    list.append(row(ctx.record.attendance[rowUuid]));
    name.value = '';
    position.value = '';
    return drawCounts();
  };

  drawCounts();
  mount(view,
    h('p', {}, h('a', { href: `#/i/${uuid}` }, `‹ ${unitName(ctx.unit, ctx.record)}`)),
    h('h1', {}, 'Điểm danh'),
    bar,
    roster.length ? null : h('p', { class: 'hint' }, 'Thiết bị chưa có danh sách cán bộ của đơn vị này.'),
    ctx.locked ? h('p', { class: 'locked-note' }, 'Biên bản đã ký: phiếu chỉ xem, không sửa được.') : null,
    h('fieldset', { class: 'items', disabled: ctx.locked }, list,
      h('section', { class: 'card' }, h('h2', {}, 'Thêm người gặp tại đơn vị'), name, position,
        h('button', { type: 'button', class: 'primary block', id: 'met-add', onclick: add }, 'Thêm (có mặt)'))),
  );
}
