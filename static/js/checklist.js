/**
 * Reading a checklist version's definition (the shape checklists/loader.py writes, see
 * checklists/README.md): sections, items, answer types, failures, progress, legal basis.
 * Mirrors inspect_app/checklists/scoring.py so the device and the server agree on "không đạt".
 */
import { responseKey } from './records.js';

export const NOT_APPLICABLE = 'na';

/** The sections of a definition, each with its items (never undefined). */
export function sections(definition) {
  return ((definition && definition.sections) || []).map((s, index) => ({
    id: s.id || String(index + 1), title: s.title || `Phần ${index + 1}`, index,
    items: (s.items || []).filter((item) => item && item.id),
    ...('repeat' in s ? { repeat: s.repeat || {} } : {}),
  }));
}

/** The item's answer type: yes_no, count, number, text, choice or computed (yes_no when unsaid). */
export const answerType = (item) => item.type || 'yes_no';

/** A choice is a plain string or {key|id, label}. */
export function choiceOf(choice) {
  if (typeof choice === 'string') return { key: choice, label: choice, fails: false };
  const key = choice.key || choice.id;
  return { key, label: choice.label || choice.text || key, fails: Boolean(choice.fails) };
}

/** The three yes/no buttons, mapped to the item's compliant answer ("Đạt" is not always "yes"). */
export function yesNoOptions(item) {
  const compliant = item.compliant || 'yes';
  const other = compliant === 'yes' ? 'no' : 'yes';
  return [
    { value: compliant, label: 'Đạt', tone: 'ok' },
    { value: other, label: 'Không đạt', tone: 'fail' },
    { value: NOT_APPLICABLE, label: 'Không áp dụng', tone: 'na' },
  ];
}

const COMPARE = {
  '>': (a, b) => a > b, '>=': (a, b) => a >= b, '<': (a, b) => a < b, '<=': (a, b) => a <= b,
  '==': (a, b) => a === b, '!=': (a, b) => a !== b,
};

/** True when `value` fails the item; no answer and "na" never fail. */
export function isFailed(item, value) {
  if (value === null || value === undefined || value === NOT_APPLICABLE) return false;
  const kind = answerType(item);
  if (kind === 'yes_no') return (value === 'yes' || value === 'no') && value !== (item.compliant || 'yes');
  if (kind === 'count' || kind === 'number' || kind === 'computed') {
    const m = /^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(String(item.fail_if || ''));
    return typeof value === 'number' && Number.isFinite(value) && m ? COMPARE[m[1]](value, Number(m[2])) : false;
  }
  if (kind === 'choice') {
    return (item.choices || []).some((c) => typeof c === 'object' && choiceOf(c).key === value && c.fails);
  }
  return false;
}

/** Does a failed answer to this item need a photo as evidence (photo_required_on_fail)? */
export const photoOnFail = (item) => Boolean(item.photo_required_on_fail);

/** "Nghị định 118/2025/NĐ-CP …, Điều 10 khoản 3" for an item's legal basis, or "". */
export function basisText(definition, item) {
  const basis = item.basis;
  if (!basis || !basis.source) return '';
  const source = (definition.legal_sources || {})[basis.source];
  const article = !basis.article || basis.article === 'to verify' ? 'điều khoản cần xác minh' : basis.article;
  return `${source ? source.title : basis.source}, ${article}`;
}

/** Answered, failed and total counts of one section of a record. */
export function progress(section, versionId, record, shown = null) {
  let answered = 0;
  let failed = 0;
  let total = 0;
  for (const item of section.items) {
    // Hidden items are not asked; computed ones are not answered, but they can fail (shown.js).
    if (shown && !shown.visible.has(item.id)) continue;
    if (answerType(item) === 'computed') {
      if (shown && isFailed(item, shown.computed[item.id])) failed += 1;
      continue;
    }
    total += 1;
    const answer = record.responses[responseKey(versionId, item.id)];
    if (answer && answer.value !== null && answer.value !== undefined) answered += 1;
    if (answer && isFailed(item, answer.value)) failed += 1;
  }
  return { answered, failed, total };
}

/** The newest version of each checklist among `versions`, by title. */
export function currentVersions(versions) {
  const newest = new Map();
  for (const v of versions) if (!newest.has(v.slug) || newest.get(v.slug).version < v.version) newest.set(v.slug, v);
  return [...newest.values()].sort((a, b) => a.title.localeCompare(b.title, 'vi'));
}
