/** Screen: one inspection — its checklists by section with progress, attendance, remediation. */
import * as store from '../store.js';
import * as actions from '../actions.js';
import { progress, sections } from '../checklist.js';
import { h, mount, when } from './dom.js';
import { stateBadges } from './badge.js';
import { KIND, inspectionContext, unitName } from './data.js';
import { refusedList } from './refused.js';
import { supplementList } from './supplements.js';
import { minutesCard } from './minutes-card.js';
import { itemsOf, shownOf } from '../shown.js';
import { counter, tally } from '../rollcall.js';

export async function render(view, uuid) {
  const ctx = await inspectionContext(uuid);
  if (!ctx) {
    mount(view, h('p', { class: 'error' }, 'Thiết bị không còn phiếu này.'), h('a', { href: '#/' }, 'Về danh sách'));
    return;
  }
  const { record, unit, round, versions } = ctx;
  const [remediation, user, roster] = await Promise.all([
    store.getByIndex('remediation', 'unit_id', record.unit_id).then((rows) => rows.filter((r) => r.state !== 'verified')),
    store.getMeta('user'),
    store.getByIndex('staff', 'unit_id', record.unit_id).then((rows) => rows.filter((s) => s.active !== false)),
  ]);

  const checklists = versions.map((v) => {
    const shown = shownOf(v, record);
    return h('section', { class: 'card' },
    h('h2', {}, v.title),
    h('ul', { class: 'sections' }, sections(v.definition).map((s) => {
      const p = progress({ items: itemsOf(s, shown) }, v.id, record, shown);
      return h('li', {}, h('a', {
        class: `section-link${p.answered === p.total ? ' complete' : ''}`, href: `#/i/${uuid}/c/${v.id}/${s.index}`,
      }, h('span', {}, `${s.index + 1}. ${s.title}`),
      h('span', { class: 'progress' }, `${p.answered}/${p.total}`, p.failed ? h('span', { class: 'failed' }, ` · ${p.failed} không đạt`) : '')));
    })));
  });
  const missing = record.checklist_version_ids.length - versions.length;

  // "10/10 + 1" as the roll-call screen shows it: present of the whole list, met on site apart.
  const people = tally(Object.values(record.attendance));

  mount(view,
    h('p', {}, h('a', { href: '#/' }, '‹ Danh sách phiếu')),
    h('h1', {}, unitName(unit, record)),
    h('p', { class: 'muted' }, `${round ? round.name : KIND[record.kind]} · bắt đầu ${when(record.started_at)}`,
      record.location ? ` · ${record.location}` : ''),
    // The refusals are listed just below: the badge only counts them (each is shown once).
    stateBadges(record, ctx.summary, { brief: true }),
    refusedList(ctx.ops, ctx),
    supplementList(ctx),
    h('div', { class: 'tiles2' },
      h('a', { class: 'button block', href: `#/i/${uuid}/attendance` }, roster.length || people.expected || people.met_on_site
        ? `Điểm danh (${counter(people, Math.max(roster.length, people.expected))} có mặt)` : 'Điểm danh'),
      h('a', { class: 'button block', href: `#/i/${uuid}/remediation` },
        `Yêu cầu khắc phục từ đợt trước (${remediation.length})`)),
    missing ? h('p', { class: 'error' }, `Thiếu ${missing} bảng kiểm trên thiết bị: hãy đồng bộ khi có mạng.`) : null,
    checklists,
    ctx.locked ? null : finishButton(record),
    minutesCard(ctx, user),
  );
}

function finishButton(record) {
  if (record.status === 'completed') return h('p', { class: 'muted' }, `Đã kết thúc lúc ${when(record.ended_at)}.`);
  const confirm = h('button', {
    type: 'button', class: 'primary block', hidden: true,
    onclick: () => actions.finish(record.uuid).then(() => dispatchEvent(new CustomEvent('data-changed'))),
  }, 'Xác nhận kết thúc kiểm tra');
  const ask = h('button', {
    type: 'button', class: 'block', onclick: () => { ask.hidden = true; confirm.hidden = false; },
  }, 'Kết thúc kiểm tra');
  return h('div', { class: 'finish' }, ask, confirm);
}
