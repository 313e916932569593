/** Screen: the inspections on this device, newest first, with their sync state. */
import * as store from '../store.js';
import * as outbox from '../outbox.js';
import { h, mount, when } from './dom.js';
import { stateBadges } from './badge.js';
import { KIND } from './data.js';
import { storagePanel } from './storage-panel.js';

export async function render(view) {
  const [inspections, ops, photos, units, rounds, user] = await Promise.all([
    store.getAll('inspections'), outbox.all(), store.getAll('photos'), store.getAll('units'),
    store.getAll('rounds'), store.getMeta('user'),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const summary = outbox.summarize(ops, photos);
  inspections.sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)));

  const cards = inspections.map((rec) => {
    const unit = unitById.get(rec.unit_id);
    const round = roundById.get(rec.round_id);
    return h('li', {},
      h('a', { class: 'card inspection-card', href: `#/i/${rec.uuid}`, 'data-uuid': rec.uuid },
        h('strong', { class: 'unit' }, unit ? unit.name : `Đơn vị mã ${rec.unit_id}`),
        h('span', { class: 'muted' }, `${round ? round.name : KIND[rec.kind] || ''} · ${when(rec.started_at)}`),
        stateBadges(rec, summary.get(rec.uuid))));
  });

  mount(view,
    h('h1', {}, 'Phiếu kiểm tra'),
    user ? h('p', { class: 'muted' }, user.full_name) : h('p', { class: 'hint' },
      'Chưa tải dữ liệu về thiết bị. Hãy kết nối mạng rồi bấm “Đồng bộ”.'),
    h('a', { class: 'button primary block', href: '#/new', id: 'start-new' }, 'Bắt đầu kiểm tra mới'),
    cards.length
      ? h('ul', { class: 'inspection-list' }, cards)
      : h('p', { class: 'muted' }, 'Chưa có phiếu kiểm tra nào trên thiết bị này.'),
    storagePanel(),
  );
}
