/** The sync state of an inspection as the inspector reads it, in badges. */
import { h } from './dom.js';

/**
 * Badges for one inspection, from its outbox summary (outbox.summarize) and record:
 * "chỉ trên thiết bị này", "đang chờ đồng bộ N câu trả lời, M ảnh", "đã đồng bộ", "bị từ chối: …"
 * (`brief`: "N thao tác bị từ chối", where the refusals are listed beside it).
 */
export function stateBadges(record, summary, { brief = false } = {}) {
  const s = summary || { answers: new Set(), photos: new Set(), others: 0, created: false, refused: [] };
  const badges = [];
  if (s.refused.length) {
    const first = s.refused[0];
    const more = s.refused.length > 1 ? ` (và ${s.refused.length - 1} thao tác khác)` : '';
    badges.push(h('span', { class: 'badge refused', 'data-state': 'refused' }, brief
      ? `${s.refused.length} thao tác bị từ chối` : `bị từ chối: ${first.reason}${more}`));
  }
  if (!record.on_server || s.created) {
    badges.push(h('span', { class: 'badge local', 'data-state': 'local' }, 'chỉ trên thiết bị này'));
  }
  const parts = [];
  if (s.answers.size) parts.push(`${s.answers.size} câu trả lời`);
  if (s.photos.size) parts.push(`${s.photos.size} ảnh`);
  if (s.others) parts.push(`${s.others} thay đổi khác`);
  if (parts.length) {
    badges.push(h('span', { class: 'badge pending', 'data-state': 'pending' }, `đang chờ đồng bộ ${parts.join(', ')}`));
  } else if (record.on_server && !s.created && !s.refused.length) {
    badges.push(h('span', { class: 'badge synced', 'data-state': 'synced' }, 'đã đồng bộ'));
  }
  if (record.status === 'completed') badges.push(h('span', { class: 'badge' }, 'đã kết thúc'));
  return h('span', { class: 'badges' }, badges);
}
