/**
 * Which items of a checklist are shown for a set of answers, what its computed items hold, and its
 * score: inspect_app/checklists/visibility.py and scoring.score for the device (same fixtures).
 *
 * Answers are plain values by item id; a repeat group's are a list of one object per instance:
 * `{ 'MC-10': 3, 'ho-so-mau': [{ 'ma-ho-so': 'H01', 'xin-loi': 'yes' }] }`. A hidden item reads
 * as unanswered (null) in every expression. Build them from a record with
 * `answersOf(definition, (itemId) => record.responses[responseKey(versionId, itemId)]?.value)`.
 */
import { NOT_APPLICABLE, answerType, isFailed, threshold } from './checklist.js';
import { isChoiceList } from './conditions.js';
import { evaluate, parse } from './conditions.js';

const BUSY = Symbol('busy'); // a value being worked out: a cycle reads as null, never recurses

function state(definition, answers) {
  const all = answers && typeof answers === 'object' ? answers : {};
  const items = new Map();
  const sections = new Map();
  for (const section of (definition && definition.sections) || []) {
    sections.set(section.id, section);
    for (const item of section.items || []) items.set(item.id, [item, section]);
  }
  const memo = new Map();
  const trees = new Map();
  const tree = (key, text) => {
    if (!trees.has(key)) {
      let parsed = null;
      try { parsed = text === undefined || text === null ? null : parse(text); } catch (e) { parsed = null; }
      trees.set(key, parsed);
    }
    return trees.get(key);
  };
  const once = (key, work) => {
    if (memo.get(key) === BUSY) return null;
    if (!memo.has(key)) { memo.set(key, BUSY); memo.set(key, work()); }
    return memo.get(key);
  };
  const groupOf = (id) => (items.has(id) && 'repeat' in items.get(id)[1] ? items.get(id)[1].id : null);
  const s = {
    items, sections, groupOf,
    sectionShown: (sid) => {
      const t = tree(`§${sid}`, (sections.get(sid) || {}).relevant);
      return Boolean(once(`§${sid}`, () => !t || evaluate(t, scope(null)) === true));
    },
    instances: (group) => {
      const rows = all[group];
      if (!('repeat' in (sections.get(group) || {})) || !s.sectionShown(group) || !Array.isArray(rows)) return [];
      return rows.map((_, n) => n);
    },
    shown: (id, row) => {
      const [item, section] = items.get(id);
      const t = tree(`?${id}`, item.relevant);
      return Boolean(once(`?${id}/${row}`, () => s.sectionShown(section.id) && (!t || evaluate(t, scope(row)) === true)));
    },
    value: (id, row) => {
      const [item] = items.get(id);
      if (!s.shown(id, row)) return null;
      if (item.type === 'computed') {
        const t = tree(`=${id}`, item.calculate);
        return once(`=${id}/${row}`, () => (t ? evaluate(t, scope(row)) : null));
      }
      const found = row === null ? all[id] : all[row[0]][row[1]];
      const v = row === null ? found : found && typeof found === 'object' ? found[id] : null;
      // A multiple item's answer is a list of choice keys; any other object is no answer.
      if (item.type === 'multiple') return isChoiceList(v) ? v : null;
      return v === undefined || (row === null && typeof v === 'object') ? null : v;
    },
  };
  // The env of an expression: top-level items and the fields of one repeat instance ([group, n]).
  function scope(row) {
    return {
      get: (id) => {
        if (!items.has(id)) return null;
        const group = groupOf(id);
        if (group === null) return s.value(id, null);
        return row && row[0] === group ? s.value(id, row) : null;
      },
      rows: (group) => s.instances(group).map((n) => scope([group, n])),
      column: (id) => {
        const group = groupOf(id);
        return group === null ? [] : s.instances(group).map((n) => s.value(id, [group, n]));
      },
    };
  }
  return s;
}

/**
 * What is shown: `sections` and `items` (Sets of ids; a repeat's field when shown in any
 * instance) and `rows` ({group: [Set of field ids shown, per instance]}).
 */
export function visibility(definition, answers) {
  const s = state(definition, answers);
  const out = { sections: new Set(), items: new Set(), rows: {} };
  for (const [sid, section] of s.sections) {
    if (!s.sectionShown(sid)) continue;
    out.sections.add(sid);
    const ids = (section.items || []).map((i) => i.id);
    if (!('repeat' in section)) {
      for (const id of ids) if (s.shown(id, null)) out.items.add(id);
      continue;
    }
    out.rows[sid] = s.instances(sid).map((n) => new Set(ids.filter((id) => s.shown(id, [sid, n]))));
    for (const row of out.rows[sid]) for (const id of row) out.items.add(id);
  }
  return out;
}

/** Ids of the items shown (a Set; a repeat's field when shown in at least one instance). */
export const visibleItems = (definition, answers) => visibility(definition, answers).items;

/** {id: value} of computed items (null when hidden); a repeat's as {group: [{id: value}]}. */
export function computedValues(definition, answers) {
  const s = state(definition, answers);
  const out = {};
  for (const [sid, section] of s.sections) {
    const ids = (section.items || []).filter((i) => i.type === 'computed').map((i) => i.id);
    if (!ids.length) continue;
    const one = (row) => Object.fromEntries(ids.map((id) => [id, s.value(id, row)]));
    if ('repeat' in section) out[sid] = s.instances(sid).map((n) => one([sid, n]));
    else Object.assign(out, one(null));
  }
  return out;
}

/** Only items with a failing answer are scored: text, and numbers without fail_if, are data. */
export function canFail(item) {
  const kind = answerType(item);
  if (['count', 'number', 'computed'].includes(kind)) return threshold(item) !== null;
  if (kind === 'choice' || kind === 'multiple') return (item.choices || []).some((c) => c && c.fails);
  return kind === 'yes_no';
}

/**
 * Weighted compliance, as scoring.score: {passed, applicable, percent (null when nothing
 * applies), failed, unanswered}. Hidden, "na" and unanswered items are left out; a repeat's field
 * counts once, failed when any instance fails it; computed items on their computed value.
 */
export function score(definition, answers) {
  const s = state(definition, answers);
  const out = { passed: 0, applicable: 0, failed: [], unanswered: [] };
  for (const [id, [item]] of s.items) {
    const group = s.groupOf(id);
    const rows = group === null ? [null] : s.instances(group).map((n) => [group, n]);
    const values = rows.filter((row) => s.shown(id, row)).map((row) => s.value(id, row));
    if (!canFail(item) || !values.length) continue;
    const given = values.filter((v) => v !== null && v !== NOT_APPLICABLE);
    if (!given.length) {
      if (answerType(item) !== 'computed' && values.every((v) => v === null)) out.unanswered.push(id);
      continue;
    }
    const weight = item.weight ?? 1;
    out.applicable += weight;
    if (given.some((v) => isFailed(item, v))) out.failed.push(id);
    else out.passed += weight;
  }
  out.percent = out.applicable ? (100 * out.passed) / out.applicable : null;
  return out;
}

/** Plain answers from a lookup `valueOf(itemId, group, n)`; repeats sized by `countOf(group)`. */
export function answersOf(definition, valueOf, countOf = () => 0) {
  const out = {};
  for (const section of (definition && definition.sections) || []) {
    const ids = (section.items || []).map((i) => i.id);
    if (!('repeat' in section)) for (const id of ids) out[id] = valueOf(id, null, null) ?? null;
    else {
      out[section.id] = Array.from({ length: countOf(section.id) },
        (_, n) => Object.fromEntries(ids.map((id) => [id, valueOf(id, section.id, n) ?? null])));
    }
  }
  return out;
}
