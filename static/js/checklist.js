/**
 * Reading a checklist version's definition (the shape checklists/loader.py writes, see
 * checklists/README.md): sections, items, answer types, failures, progress, legal basis.
 * Mirrors inspect_app/checklists/scoring.py so the device and the server agree on "không đạt".
 */
import { openConflict, responseKey } from './records.js';

export const NOT_APPLICABLE = 'na';

/** The sections of a definition, each with its items (never undefined). */
export function sections(definition) {
  return ((definition && definition.sections) || []).map((s, index) => ({
    id: s.id || String(index + 1), title: s.title || `Phần ${index + 1}`, index,
    items: (s.items || []).filter((item) => item && item.id),
    ...('repeat' in s ? { repeat: s.repeat || {} } : {}),
    ...(s.guidance ? { guidance: s.guidance } : {}),
  }));
}

/** The item's answer type (loader.ANSWER_TYPES: yes_no, count, number, text, choice, multiple, date, time, datetime, computed); yes_no when unsaid. */
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

const FAIL_IF = /^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?|target:[A-Za-z0-9_.-]+)\s*$/;

/**
 * [comparison, number] that fails a count, number or computed item (scoring.threshold): its
 * fail_if, where "target:KEY" reads the office's setting the loader resolved into item.target;
 * null when there is none.
 */
export function threshold(item) {
  const m = FAIL_IF.exec(String(item.fail_if || ''));
  if (!m) return null;
  if (!m[2].startsWith('target:')) return [m[1], Number(m[2])];
  const target = item.target;
  const value = target && typeof target === 'object' && target.key === m[2].slice(7) ? target.value : null;
  return typeof value === 'number' ? [m[1], value] : null;
}

/** True when `value` fails the item; no answer and "na" never fail. */
export function isFailed(item, value) {
  if (value === null || value === undefined || value === NOT_APPLICABLE) return false;
  const kind = answerType(item);
  if (kind === 'yes_no') return (value === 'yes' || value === 'no') && value !== (item.compliant || 'yes');
  if (kind === 'count' || kind === 'number' || kind === 'computed') {
    const bound = threshold(item);
    return typeof value === 'number' && Number.isFinite(value) && bound ? COMPARE[bound[0]](value, bound[1]) : false;
  }
  const fails = (key) => (item.choices || []).some((c) => typeof c === 'object' && choiceOf(c).key === key && c.fails);
  if (kind === 'choice') return fails(value);
  if (kind === 'multiple') return Array.isArray(value) && value.some(fails);
  return false;
}

/** Does a failed answer to this item need a photo as evidence (photo_required_on_fail)? */
export const photoOnFail = (item) => Boolean(item.photo_required_on_fail);

// The legal basis as documents print it: inspect_app/checklists/legal.py, to the byte (the
// minutes record holds it). Dates are 'YYYY-MM-DD' strings, which compare in date order.
const PLACEHOLDER = /to verify|xác minh|\bTODO\b|\?/i;
const BOUND = {
  '<': 'từ {} trở lên', '<=': 'trên {}', '>': 'không quá {}', '>=': 'dưới {}', '==': 'khác {}', '!=': 'bằng {}',
};
const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const textOf = (source, key) => source.short || source.title || key;

/** Was the source in force on `day`? A date it does not give does not bind. */
export function inForce(source, day) {
  const start = source.in_force_from;
  const end = source.in_force_until;
  return (!start || start <= day) && (!end || day <= end);
}

/**
 * The key of the text that governed on `day` what `key` governs: `key` if it was in force, else
 * the text that replaced it (or that it replaced) and was in force that day; else null.
 */
export function sourceOn(sources, key, day) {
  const seen = new Set();
  let at = key;
  while (at !== null && isObject(sources[at]) && !seen.has(at)) {
    seen.add(at);
    const source = sources[at];
    if (inForce(source, day)) return at;
    if (source.in_force_from && day < source.in_force_from) {
      at = Object.keys(sources).find((k) => isObject(sources[k]) && sources[k].replaced_by === at) ?? null;
    } else at = source.replaced_by ?? null;
  }
  return null;
}

function citation(sources, key, day) {
  const source = sources[key];
  const amending = (source.amended_by || []).filter((k) => isObject(sources[k]) && inForce(sources[k], day))
    .map((k) => textOf(sources[k], k));
  let text = textOf(source, key);
  if (amending.length) {
    const joined = amending.length === 1 ? amending[0]
      : `${amending.slice(0, -1).join(', ')} và ${amending[amending.length - 1]}`;
    text += ` (được sửa đổi, bổ sung bởi ${joined})`;
  }
  return text;
}

/** 30 → '30', 12.5 → '12,5'. */
export const numberText = (value) => String(Number(value)).replace('.', ',');

function targetText(definition, item, key) {
  const target = ((definition && definition.office_targets) || {})[key];
  if (!isObject(target) || typeof target.default !== 'number') return null;
  const m = FAIL_IF.exec(String(item.fail_if || ''));
  const op = m && m[2] === `target:${key}` ? m[1] : '<';
  const amount = numberText(target.default) + (target.unit ? ` ${target.unit}` : '');
  return `Chỉ tiêu của cơ quan kiểm tra: ${target.label || key} ${BOUND[op].replace('{}', amount)}`;
}

/** 'YYYY-MM-DD' of an inspection that started at `startedAt` (ISO time), in Vietnam. */
export function inspectionDay(startedAt) {
  const at = new Date(startedAt);
  if (Number.isNaN(at.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * How the item's basis prints in a document of `onDate` ('YYYY-MM-DD'): "Nghị định số
 * 118/2025/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP), Điều 10 khoản 3";
 * a replaced source's successor without the old article; null when no text cited was in force
 * that day. Practice and the office's targets print as such.
 */
export function basisText(definition, item, onDate) {
  const basis = item && item.basis;
  if (!isObject(basis)) return null;
  if (typeof basis.practice === 'string' && basis.practice.trim()) return basis.practice.trim();
  if (typeof basis.target === 'string') return targetText(definition, item, basis.target);
  const sources = (definition && definition.legal_sources) || {};
  if (typeof basis.source !== 'string' || !isObject(sources[basis.source])) return null;
  const day = String(onDate || '').slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${onDate}`);
  const current = sourceOn(sources, basis.source, day);
  if (current === null) return null;
  let text = citation(sources, current, day);
  const { article } = basis;
  if (current === basis.source && typeof article === 'string' && article.trim() && !PLACEHOLDER.test(article)) {
    text += `, ${article.trim()}`;
  }
  return text;
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
    // Two devices' differing answers count as open until the team lead chooses one.
    if (answer && answer.value !== null && answer.value !== undefined
      && !openConflict(record, versionId, item.id)) answered += 1;
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
