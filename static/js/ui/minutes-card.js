/** The minutes' card on the inspection screen, kept apart so the first screen does not load the
 * minutes screen itself (draft, signing, preview): that is imported when the lead opens it. */
import { PHASE, isLead, minutesState } from '../minutes/state.js';
import { h } from './dom.js';

/** Phase, the server's refusal, the issued PDF's links: for every member of the team. */
export function minutesStatus(ctx) {
  const s = minutesState(ctx.record, ctx.minutes, ctx.ops);
  const m = s.server;
  return h('div', { class: 'minutes-status', 'data-phase': s.phase },
    h('p', {}, h('strong', {}, PHASE[s.phase]), m && m.number ? ` · Số: ${m.number}` : ''),
    s.reason ? h('p', { class: 'error minutes-reason' }, s.reason) : null,
    m && m.pdf_url ? h('p', { class: 'actions' },
      h('a', { class: 'button', href: m.pdf_url, download: '', id: 'minutes-pdf' }, 'Tải biên bản (PDF)'),
      h('a', { class: 'button', href: m.verify_url, target: '_blank', id: 'minutes-verify' }, 'Kiểm tra tính xác thực')) : null);
}

/** The card on the inspection screen; only the team's lead gets the way in. */
export function minutesCard(ctx, user) {
  const none = minutesState(ctx.record, ctx.minutes, ctx.ops).phase === 'none';
  return h('section', { class: 'card' }, h('h2', {}, 'Biên bản kiểm tra'), minutesStatus(ctx),
    isLead(user, ctx.record) ? h('a', { class: `button block${none ? ' primary' : ''}`, href: `#/i/${ctx.record.uuid}/minutes`, id: 'open-minutes' },
      none ? 'Lập biên bản' : 'Mở biên bản') : null);
}
