/** One checklist item: one-tap answers by type, a note, photos, and what the server refused. */
import * as actions from '../actions.js';
import {
  answerType, basisText, choiceOf, inspectionDay, isFailed, photoOnFail, yesNoOptions,
} from '../checklist.js';
import { valueProblem } from '../answers.js';
import { queuedFor, refusedFor } from '../outbox.js';
import { responseKey } from '../records.js';
import { h, toast } from './dom.js';
import { refusedGroup } from './refused.js';
import { conflictBox } from './conflict.js';
import { photoInputs, thumbnail } from './photo-input.js';
import { isHeld, withUndo } from './undo.js';
import { contradiction, suggestion } from '../rollcall.js';

const present = (v) => v !== null && v !== undefined;

/** One button per option; a tap on the chosen one keeps it: taking an answer back is "Bỏ chọn". */
function buttons(options, current, save) {
  return [h('div', { class: 'answers', role: 'group' }, options.map((o) => h('button', {
    type: 'button', class: `answer ${o.tone || ''}`, 'aria-pressed': String(current === o.value),
    'data-value': o.value, onclick: () => { if (current !== o.value) save(o.value); },
  }, o.label))),
  present(current) ? h('button', { type: 'button', class: 'link clear-answer', onclick: () => save(null) }, 'Bỏ chọn') : null];
}

/** `save` for what is typed or picked: what the server would refuse is refused here, with its reason. */
function checked(item, save) {
  return (v) => {
    const problem = valueProblem(item, v ?? null);
    return problem ? toast(`Câu trả lời không hợp lệ: ${problem}.`) : save(v);
  };
}

// The phone's own pickers; their values are the answer's form ("YYYY-MM-DD", "HH:MM", both with a T).
const PICKERS = { date: 'date', time: 'time', datetime: 'datetime-local' };

function picker(kind, current, save, label) {
  return h('input', {
    type: PICKERS[kind], class: 'answer-moment', value: current ?? '', 'aria-label': label,
    onchange: (e) => save(e.target.value || null),
  });
}

/** Tick boxes, one per choice; the answer lists the ticked keys in the checklist's order. */
function ticks(item, current, save) {
  const chosen = new Set(Array.isArray(current) ? current : []);
  const choices = (item.choices || []).map(choiceOf);
  const boxes = choices.map((c) => h('input', { type: 'checkbox', value: c.key, checked: chosen.has(c.key) }));
  const changed = () => {
    const keys = choices.filter((_, n) => boxes[n].checked).map((c) => c.key);
    save(keys.length ? keys : null);
  };
  return h('fieldset', { class: 'answer-multiple' }, h('legend', { class: 'muted small' }, 'Chọn một hoặc nhiều'),
    choices.map((c, n) => {
      boxes[n].addEventListener('change', changed);
      return h('label', { class: `option${c.fails ? ' fails' : ''}` }, boxes[n], c.label);
    }));
}

function field(kind, current, save, unit) {
  if (kind === 'text') {
    return h('textarea', { class: 'answer-text', rows: 2, value: current ?? '', onchange: (e) => save(e.target.value || null) });
  }
  const integer = kind === 'count';
  const input = h('input', {
    type: 'number', class: 'answer-number', inputmode: integer ? 'numeric' : 'decimal', min: integer ? 0 : null,
    step: integer ? 1 : 'any', value: current ?? '', 'aria-label': unit ? `Số ${unit}` : 'Số',
    onchange: (e) => {
      const raw = e.target.value.trim();
      if (raw === '') return save(null);
      const n = Number(raw);
      if (!Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0))) {
        return toast(integer ? 'Hãy nhập một số nguyên không âm.' : 'Hãy nhập một số.');
      }
      return save(n);
    },
  });
  return unit ? h('label', { class: 'with-unit' }, input, h('span', {}, unit)) : input;
}

/**
 * Draw on a copy of a photo (ui/markup.js, loaded on the first use) and `save` the copy. The
 * image is the device's own, or the server's when the device has freed it (needs signal).
 */
async function markUp(meta, local, save) {
  let source = local && local.blob;
  if (!source) {
    const response = await fetch(`/api/photos/${meta.sha256}`).catch(() => null);
    if (!response || !response.ok) {
      toast('Ảnh gốc không còn trên thiết bị: cần có mạng để tải ảnh về rồi đánh dấu.');
      return;
    }
    source = await response.blob();
  }
  const { markUp: edit } = await import('./markup.js');
  const marked = await edit(meta, source);
  if (marked) save(marked);
}

/** A photo's thumbnail with who added it (the pull's `added_by`; the device's own have none yet). */
function addedBy(figure, meta) {
  if (meta.added_by) figure.append(h('figcaption', { class: 'muted small added-by' }, meta.added_by));
  return figure;
}

/** A computed item's value, read-only: "75 %", or what it still needs. */
function computedValue(item, value) {
  const text = value === null || value === undefined ? 'Chưa tính được: cần trả lời các mục liên quan.'
    : `${Number.isInteger(value) ? value : value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}${item.unit ? ` ${item.unit}` : ''}`;
  return h('p', { class: 'computed-value', 'aria-live': 'polite' },
    h('span', { class: 'muted small' }, 'Tự tính: '), h('output', {}, text));
}

/**
 * What the roll-call says for an item that counts from it (`roll_call`), a tap to answer so,
 * and the contradiction when the answer says otherwise (signing is refused until it agrees).
 */
function rollCallHint(ctx, item, value, save) {
  const rows = Object.values(ctx.record.attendance);
  const from = suggestion(item.roll_call, rows);
  const link = h('a', { href: `#/i/${ctx.record.uuid}/attendance` }, 'Theo điểm danh');
  if (from === null) {
    return h('p', { class: 'rollcall-hint muted small' }, link, ': chưa có người trong danh sách được điểm danh.');
  }
  const label = answerType(item) === 'yes_no' ? yesNoOptions(item).find((o) => o.value === from).label
    : typeof from === 'number' ? `${from} ${item.unit || 'người'}` : from.split('\n').join('; ');
  const conflict = contradiction(item.roll_call, value, rows);
  return h('div', { class: 'rollcall' },
    h('p', { class: 'rollcall-hint' }, h('span', {}, link, item.roll_call === 'late_or_left_early' ? ' (đi muộn): ' : ': '),
      h('strong', {}, label),
      value == null || conflict ? h('button', { type: 'button', class: 'rollcall-fill', onclick: () => save(from) }, 'Điền theo điểm danh') : null),
    conflict ? h('p', { class: 'error rollcall-conflict', role: 'alert' }, `Khác với điểm danh: ${conflict}. Biên bản chưa ký được khi còn mâu thuẫn.`) : null);
}

/**
 * The card of one item. `act(promise)` is called with each action's promise, so the screen can
 * redraw this card (and only this card) when it is stored.
 */
export function itemCard(ctx, version, item, act, shown = null) {
  const { record } = ctx;
  const uuid = record.uuid;
  const answer = record.responses[responseKey(version.id, item.id)];
  const kind = answerType(item);
  // A computed item shows what the app worked out from the others (shown.js); it takes no answer.
  const value = kind === 'computed' ? (shown ? shown.computed[item.id] ?? null : null) : (answer ? answer.value : null);
  const save = (v) => act(actions.answer(uuid, version.id, item.id, v));
  let control;
  if (kind === 'computed') control = computedValue(item, value);
  else if (kind === 'yes_no') control = buttons(yesNoOptions(item), value, save);
  else if (kind === 'choice') control = buttons((item.choices || []).map(choiceOf).map((c) => ({ value: c.key, label: c.label, tone: c.fails ? 'fail' : '' })), value, save);
  else if (kind === 'multiple') control = ticks(item, value, checked(item, save));
  else if (kind in PICKERS) control = picker(kind, value, checked(item, save), item.text || item.id);
  else control = field(kind, value, checked(item, save), item.unit);

  // (a note is an answer's; a computed item has none: the server would refuse it)
  const note = kind === 'computed' ? null : h('textarea', {
    class: 'note', rows: 2, placeholder: 'Ghi chú', value: answer && answer.note ? answer.note : '',
    onchange: (e) => act(actions.answer(uuid, version.id, item.id, undefined, e.target.value || null)),
  });
  // (a photo whose "Xoá" can still be undone is drawn as gone)
  const photos = Object.values(record.photos).filter((p) => p.item_id === item.id
    && p.checklist_version_id === version.id && !isHeld(p.uuid));
  const local = new Map(ctx.photos.map((p) => [p.uuid, p]));
  const failed = isFailed(item, value);
  const pending = queuedFor(ctx.ops, version.id, item.id).length;
  // The law in force on the inspection's day, as the minutes will print it.
  const day = inspectionDay(record.started_at || new Date().toISOString());
  const basis = day ? basisText(version.definition, item, day) : null;
  const needPhoto = failed && photoOnFail(item) && !photos.length;
  const refused = refusedFor(ctx.ops, version.id, item.id);

  return h('article', {
    class: `item${failed ? ' failed' : ''}${present(value) ? ' answered' : ''}`, id: `item-${version.id}-${item.id}`,
    'data-item': item.id, 'data-version': version.id,
  },
  h('h3', {}, h('span', { class: 'item-id' }, item.id), ' ', item.text || item.title || ''),
  item.guidance ? h('p', { class: 'hint' }, item.guidance) : null,
  // One tap away rather than three lines above every answer.
  basis ? h('details', { class: 'basis' }, h('summary', {}, 'Căn cứ'), h('p', { class: 'muted small' }, basis)) : null,
  control,
  kind === 'computed' ? null : conflictBox(ctx, version, item, act),
  item.roll_call && kind !== 'computed' ? rollCallHint(ctx, item, value, save) : null,
  needPhoto ? h('p', { class: 'error need-photo' }, 'Mục không đạt cần ảnh minh chứng.') : null,
  h('details', { class: 'more', open: Boolean((answer && answer.note) || photos.length || needPhoto) },
    h('summary', {}, `Ghi chú, ảnh (${photos.length})`),
    note,
    h('div', { class: 'thumbs' }, photos.map((p) => addedBy(thumbnail(p, local.get(p.uuid),
      () => withUndo(p.uuid, 'Đã xoá ảnh.', () => act(actions.removePhoto(uuid, p.uuid)),
        () => act(Promise.resolve(ctx.record))),
      p.markup_of ? null : () => markUp(p, local.get(p.uuid), (marked) => act(actions.addPhoto(
        uuid, { versionId: version.id, itemId: item.id }, marked)))), p))),
    photoInputs((photo) => act(actions.addPhoto(uuid, { versionId: version.id, itemId: item.id }, photo)),
      `${uuid}/${version.id}/${item.id}`)),
  pending ? h('p', { class: 'pending-mark' }, 'chưa đồng bộ') : null,
  // Signed: the card's controls are disabled; what can be done with it is on the inspection screen.
  refused.length && ctx.locked ? h('p', { class: 'refused-link error' }, h('a', { href: `#/i/${uuid}` },
    'Máy chủ từ chối thay đổi ở mục này: xem và gửi cho trưởng đoàn')) : null,
  refused.length && !ctx.locked ? h('ul', { class: 'refused-box' }, refusedGroup(refused, ctx, act)) : null,
  answer && answer.answered_by ? h('p', { class: 'muted small' }, `Trả lời: ${answer.answered_by}`) : null);
}
