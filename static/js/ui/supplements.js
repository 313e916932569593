/**
 * What inspectors sent the team lead after the minutes were signed (supplement.add): shown on
 * the inspection so the lead sees it, and the sender sees it went, until amended minutes take it in.
 */
import { answerLabel, itemOf } from './answer-label.js';
import { isLead } from '../minutes/state.js';
import { h, when } from './dom.js';


function entry(s, versions) {
  const photos = (s.photos || []).length;
  return h('li', { class: 'supplement', 'data-uuid': s.uuid },
    h('strong', {}, s.item_id ? `Mục ${s.item_id}` : 'Chung'),
    h('span', { class: 'muted small' }, ` · ${s.by || 'bạn (chưa đồng bộ)'} · ${when(s.recorded_at || s.created_at)}`),
    h('p', { class: 'supplement-body' },
      s.value != null ? answerLabel(itemOf(versions, s.checklist_version_id, s.item_id), s.value) : '',
      s.note ? `${s.value != null ? ' · ' : ''}Ghi chú: ${s.note}` : '',
      photos ? ` · ${photos} ảnh` : ''),
    h('p', { class: 'muted small' }, s.taken ? 'Đã đưa vào biên bản sửa đổi.' : 'Chờ trưởng đoàn đưa vào biên bản sửa đổi.'));
}

/**
 * The supplements amended minutes have not yet taken in, as one paragraph for the amendment's
 * reason (printed in the minutes): "Bổ sung sau khi ký: mục KL-01 (Lê Thị Thu Hà): Không đạt; …".
 */
export function supplementsText(record, versions) {
  const waiting = (record.supplements || []).filter((s) => !s.taken);
  if (!waiting.length) return '';
  return `Bổ sung sau khi ký: ${waiting.map((s) => {
    const parts = [];
    if (s.value != null) parts.push(answerLabel(itemOf(versions, s.checklist_version_id, s.item_id), s.value));
    if (s.note) parts.push(`ghi chú: ${s.note}`);
    if ((s.photos || []).length) parts.push(`${s.photos.length} ảnh`);
    return `${s.item_id ? `mục ${s.item_id}` : 'chung'} (${s.by || 'thành viên đoàn'}): ${parts.join('; ')}`;
  }).join('. ')}.`;
}

/** The inspection's supplements, or nothing. */
export function supplementList(ctx) {
  const list = ctx.record.supplements || [];
  if (!list.length) return null;
  const waiting = list.some((s) => !s.taken);
  return h('section', { class: 'card supplements' },
    h('h2', {}, 'Bổ sung gửi trưởng đoàn sau khi ký'),
    waiting && isLead(ctx.user, ctx.record) ? h('p', { class: 'hint' },
      'Lập biên bản sửa đổi để đưa các nội dung bổ sung này vào biên bản.') : null,
    h('ul', {}, list.map((s) => entry(s, ctx.versions))));
}
