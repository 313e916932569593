/** Screen: the items of one section, with progress and "next unanswered / next failed" jumps. */
import * as store from '../store.js';
import { answerType, isFailed, progress, sections } from '../checklist.js';
import { responseKey } from '../records.js';
import { h, mount, toast, whenIdle } from './dom.js';
import { inspectionContext, unitName } from './data.js';
import { itemCard } from './item.js';
import { instanceKeys, itemsOf, newInstanceKey, shownOf } from '../shown.js';
import * as actions from '../actions.js';

/** This screen redraws its own cards after the inspector's actions. */
export const live = true;

export async function render(view, uuid, versionId, sectionIndex, focusItem) {
  const ctx = await inspectionContext(uuid);
  const version = ctx && ctx.versions.find((v) => v.id === Number(versionId));
  const all = version ? sections(version.definition) : [];
  const section = all[Number(sectionIndex)];
  if (!section) {
    mount(view, h('p', { class: 'error' }, 'Không tìm thấy phần này của bảng kiểm.'), h('a', { href: `#/i/${uuid}` }, 'Về phiếu'));
    return;
  }
  let focus = focusItem || null;
  let shown = shownOf(version, ctx.record);
  const head = h('p', { class: 'section-progress', role: 'status' });
  const drawHead = () => {
    const p = progress({ items: itemsOf(section, shown) }, version.id, ctx.record, shown);
    head.textContent = `Đã trả lời ${p.answered}/${p.total}${p.failed ? ` · ${p.failed} không đạt` : ''}`;
  };

  const cards = new Map();
  const draw = (item) => {
    const card = itemCard(ctx, version, item, (promise) => act(item, promise), shown);
    // Items whose condition does not hold are not asked (their answers stay, unreported).
    card.hidden = !shown.visible.has(item.id);
    if (cards.has(item.id)) cards.get(item.id).replaceWith(card);
    cards.set(item.id, card);
    return card;
  };
  async function act(item, promise) {
    ctx.record = await promise;
    focus = item.id;
    [ctx.ops, ctx.photos] = await Promise.all([
      store.getByIndex('outbox', 'inspection', uuid), store.getByIndex('photos', 'inspection', uuid)]);
    const before = shown;
    shown = shownOf(version, ctx.record);
    // This card, and the ones this answer showed, hid or recomputed.
    const touched = itemsOf(section, shown).filter((i) => i.id === item.id || answerType(i) === 'computed'
      || before.visible.has(i.id) !== shown.visible.has(i.id));
    whenIdle(() => { touched.forEach(draw); drawHead(); });
  }

  // A repeat group (one block per sampled dossier…): its instances, each with its fields, and
  // "Thêm". The group's own answer is the list of instance keys (shown.js); taking an instance
  // out keeps its answers in the record, unreported.
  const repeat = 'repeat' in section ? section.repeat || {} : null;
  const noun = repeat && repeat.label ? repeat.label : 'Lần';
  const items = h('fieldset', { class: 'items', disabled: ctx.locked });
  async function setInstances(keys) {
    ctx.record = await actions.answer(uuid, version.id, section.id, keys);
    shown = shownOf(version, ctx.record);
    fill();
    drawHead();
  }
  function removeButton(key) {
    const button = h('button', { type: 'button', class: 'link instance-remove' }, `Bỏ ${noun.toLowerCase()} này`);
    button.addEventListener('click', () => {
      // Two taps: a block of answers is not taken out by a stray touch.
      if (button.dataset.armed) {
        setInstances(instanceKeys(shown.stored[section.id]).filter((k) => k !== key));
        return;
      }
      button.dataset.armed = 'true';
      button.textContent = 'Bấm lần nữa để bỏ';
      setTimeout(() => { delete button.dataset.armed; button.textContent = `Bỏ ${noun.toLowerCase()} này`; }, 4000);
    });
    return button;
  }
  function fill() {
    cards.clear();
    if (!repeat) {
      items.replaceChildren(...section.items.map(draw));
      return;
    }
    const keys = instanceKeys(shown.stored[section.id]);
    const fields = itemsOf(section, shown);
    const full = repeat.max != null && keys.length >= repeat.max;
    items.replaceChildren(
      ...keys.map((key, n) => h('fieldset', { class: 'instance card', 'data-instance': key },
        h('legend', {}, `${noun} ${n + 1}`),
        ...fields.filter((f) => f.instance.key === key).map(draw),
        removeButton(key))),
      keys.length ? null : h('p', { class: 'muted' }, `Chưa có ${noun.toLowerCase()} nào.`),
      h('button', {
        type: 'button', class: 'instance-add', disabled: full,
        onclick: () => setInstances([...keys, newInstanceKey(keys)]),
      }, full ? `Đã đủ ${repeat.max} ${noun.toLowerCase()}` : `+ Thêm ${noun.toLowerCase()}`));
  }

  function jump(wanted) {
    const order = all.flatMap((s) => itemsOf(s, shown).map((item) => ({ s, item })))
      .filter((o) => shown.visible.has(o.item.id) && !(wanted === 'unanswered' && answerType(o.item) === 'computed'));
    const at = order.findIndex((o) => o.item.id === focus);
    for (let step = 1; step <= order.length; step += 1) {
      const { s, item } = order[(at + step + order.length) % order.length];
      const answer = ctx.record.responses[responseKey(version.id, item.id)];
      const value = answerType(item) === 'computed' ? shown.computed[item.id] : (answer ? answer.value : null);
      const hit = wanted === 'unanswered' ? value === null || value === undefined : isFailed(item, value);
      if (!hit) continue;
      if (s.index === section.index) show(item.id);
      else window.location.hash = `#/i/${uuid}/c/${version.id}/${s.index}/${encodeURIComponent(item.id)}`;
      return;
    }
    toast(wanted === 'unanswered' ? 'Đã trả lời hết các mục.' : 'Không có mục nào không đạt.');
  }

  function show(itemId) {
    focus = itemId;
    const card = cards.get(itemId);
    if (!card) return;
    card.scrollIntoView({ block: 'start' });
    card.classList.add('flash-focus');
    setTimeout(() => card.classList.remove('flash-focus'), 1200);
  }

  const prev = all[section.index - 1];
  const next = all[section.index + 1];
  const link = (s, label) => (s ? h('a', { class: 'button', href: `#/i/${uuid}/c/${version.id}/${s.index}` }, label) : h('span'));
  fill();
  drawHead();
  mount(view,
    h('p', {}, h('a', { href: `#/i/${uuid}` }, `‹ ${unitName(ctx.unit, ctx.record)}`)),
    h('h1', {}, `${section.index + 1}. ${section.title}`),
    h('p', { class: 'muted' }, version.title),
    // What the checklist says of the section as a whole (an XLSForm's notes, a group's title).
    section.guidance ? h('p', { class: 'section-guidance' }, section.guidance) : null,
    head,
    ctx.locked ? h('p', { class: 'locked-note' }, 'Biên bản đã ký: phiếu chỉ xem, không sửa được.') : null,
    // A disabled fieldset disables every control in it: signed minutes allow reading only.
    items,
    h('nav', { class: 'pager' }, link(prev, '‹ Phần trước'), link(next, 'Phần sau ›')),
    h('div', { class: 'jumpbar' },
      h('button', { type: 'button', id: 'next-unanswered', onclick: () => jump('unanswered') }, 'Mục chưa trả lời tiếp'),
      h('button', { type: 'button', id: 'next-failed', onclick: () => jump('failed') }, 'Mục không đạt tiếp')),
  );
  if (focusItem) show(focusItem);
}
