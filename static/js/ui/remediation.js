/** Screen: the unit's open remediation items from earlier rounds, checked on site (with a photo). */
import * as store from '../store.js';
import * as actions from '../actions.js';
import { day, h, mount, when, whenIdle } from './dom.js';
import { inspectionContext, unitName } from './data.js';
import { photoInputs, thumbnail } from './photo-input.js';
import { refusedOp } from './refused.js';

export const live = true;

// Photos taken but not yet saved with a verdict, kept across redraws of the screen.
const chosen = new Map();

const STATE = { open: 'đang mở', reported: 'đơn vị đã báo cáo', reopened: 'mở lại', overdue: 'quá hạn', verified: 'đã xác minh' };

export async function render(view, uuid) {
  const ctx = await inspectionContext(uuid);
  if (!ctx) {
    mount(view, h('p', { class: 'error' }, 'Thiết bị không còn phiếu này.'));
    return;
  }
  const items = (await store.getByIndex('remediation', 'unit_id', ctx.record.unit_id))
    .filter((r) => r.state !== 'verified').sort((a, b) => a.deadline.localeCompare(b.deadline));

  const user = await store.getMeta('user');
  const verifier = !!user && (user.role === 'admin' || user.role === 'lead');

  function card(item) {
    const check = ctx.record.remediation_checks[item.id];
    const preview = h('div', { class: 'thumbs' }, chosen.has(item.id) ? thumbnail(chosen.get(item.id), chosen.get(item.id), null) : null);
    const note = h('textarea', { class: 'note', rows: 2, placeholder: 'Ghi chú kết quả kiểm tra', value: check ? check.note || '' : '' });
    const refused = ctx.ops.filter((op) => op.status === 'refused' && op.type === 'remediation.check' && op.data.remediation_id === item.id);
    const el = h('article', { class: 'item card', 'data-remediation': item.id },
      h('h3', {}, item.action),
      h('p', { class: 'muted' }, `Hạn ${day(item.deadline)} · ${STATE[item.display_state] || STATE[item.state] || item.state}`,
        item.responsible ? ` · ${item.responsible}` : ''),
      item.finding ? h('p', { class: 'hint' }, `${item.finding.item_id}: ${item.finding.description || ''}`) : null,
      check ? h('p', { class: check.result === 'verified' ? 'ok' : 'error' },
        `${check.result === 'verified' ? 'Đã khắc phục' : 'Chưa khắc phục'} (ghi lúc ${when(check.at)})`) : null,
      note, preview,
      photoInputs(async (p) => { chosen.set(item.id, p); preview.replaceChildren(thumbnail(p, p, null)); }),
      h('div', { class: 'answers' },
        verifier && item.state === 'reported'
          ? h('button', { type: 'button', class: 'answer ok', 'data-value': 'verified', onclick: () => save('verified') }, 'Đã khắc phục') : null,
        h('button', { type: 'button', class: 'answer fail', 'data-value': 'still_open', onclick: () => save('still_open') }, 'Chưa khắc phục')),
      // The server's rule (remediation/rules.py), said before the inspector taps: no refusal later.
      verifier && item.state === 'reported' ? null : h('p', { class: 'hint why-no-verify' }, verifier
        ? 'Đơn vị chưa báo cáo khắc phục nội dung này nên chưa xác minh được.'
        : 'Chỉ trưởng đoàn xác minh “Đã khắc phục”; thành viên ghi nhận tình trạng và ghi chú.'),
      refused.length ? h('ul', { class: 'refused-box' }, refused.map((op) => refusedOp(op, ctx))) : null);

    async function save(result) {
      ctx.record = await actions.checkRemediation(uuid, item.id, result, note.value.trim(), chosen.get(item.id));
      chosen.delete(item.id);
      ctx.ops = await store.getByIndex('outbox', 'inspection', uuid);
      whenIdle(() => {
        const shown = view.querySelector(`[data-remediation="${item.id}"]`);
        if (shown) shown.replaceWith(card(item));
      });
    }
    return el;
  }

  mount(view,
    h('p', {}, h('a', { href: `#/i/${uuid}` }, `‹ ${unitName(ctx.unit, ctx.record)}`)),
    h('h1', {}, 'Yêu cầu khắc phục từ đợt trước'),
    ctx.locked ? h('p', { class: 'locked-note' }, 'Biên bản đã ký: phiếu chỉ xem, không sửa được.') : null,
    items.length ? h('fieldset', { class: 'items', disabled: ctx.locked }, items.map(card))
      : h('p', { class: 'muted' }, 'Đơn vị không có yêu cầu khắc phục nào đang mở.'),
  );
}
