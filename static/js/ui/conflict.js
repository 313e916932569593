/**
 * Two devices' differing answers to one item (docs/sync-protocol.md, "Conflicts"): both answers,
 * who gave each and when; the team lead chooses one with one tap, the others wait for that choice.
 */
import * as actions from '../actions.js';
import { openConflict, settledConflict } from '../records.js';
import { isLead } from '../minutes/state.js';
import { answerLabel } from './answer-label.js';
import { h, when } from './dom.js';

function choice(entry, item, settle) {
  return h('li', { class: 'conflict-answer', 'data-op': entry.op_id },
    h('strong', { class: 'value' }, answerLabel(item, entry.value)),
    entry.note ? h('span', { class: 'note-text' }, ` · Ghi chú: ${entry.note}`) : null,
    h('span', { class: 'who muted small' }, `${entry.by || 'Không rõ người trả lời'} · ${when(entry.at)}`),
    settle ? h('button', { type: 'button', class: 'primary settle', onclick: () => settle(entry.op_id) }, 'Chọn câu trả lời này') : null);
}

/** The item's conflict (open: both answers; settled: the lead's choice), or null. */
export function conflictBox(ctx, version, item, act) {
  const { record } = ctx;
  const open = openConflict(record, version.id, item.id);
  if (open) {
    const lead = isLead(ctx.user, record);
    const settle = lead ? (op) => act(actions.settleConflict(record.uuid, version.id, item.id, op)) : null;
    return h('section', { class: 'conflict', role: 'alert' },
      h('strong', {}, 'Hai người trả lời khác nhau'),
      h('ul', {}, open.answers.map((entry) => choice(entry, item, settle))),
      h('p', { class: 'muted small' }, lead ? 'Chọn một câu trả lời: mục này chưa xong và biên bản chưa ký được cho đến khi chọn.'
        : 'Trưởng đoàn sẽ chọn một câu trả lời; đến lúc đó mục này chưa xong và biên bản chưa ký được.'));
  }
  const settled = settledConflict(record, version.id, item.id);
  const chosen = settled && settled.answers.find((entry) => entry.op_id === settled.chosen);
  if (!chosen) return null;
  return h('p', { class: 'conflict-settled muted small' },
    `${settled.settled_by || 'Trưởng đoàn'} đã chọn câu trả lời của ${chosen.by || 'một thành viên'} (${answerLabel(item, chosen.value)}) lúc ${when(settled.settled_at)}.`);
}
