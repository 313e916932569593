/**
 * The sentences an official writes in the minutes (docs/minutes.md, "Wording"): twin of
 * inspect_app/minutes/wording.py, tested with it against tests/fixtures/wording/cases.json.
 * Plain values in, text out; `spec` is an item of the checklist version's definition.
 */

const WORDS = { yes: 'Có', no: 'Không', na: 'Không áp dụng' };
const SEVERITY = { minor: 'nhẹ', major: 'nghiêm trọng', critical: 'rất nghiêm trọng' };
const RANK = { critical: 0, major: 1, minor: 2 };
const MOST_SERIOUS = 3;
const FAULT_OF = [['Không có ', 'Có '], ['Không ', 'Còn tình trạng '], ['Có ', 'Chưa có '], ['Đã ', 'Chưa ']];
const ACTION_OF = [['Không có ', 'Chấn chỉnh, chấm dứt tình trạng '], ['Không ', 'Chấn chỉnh, chấm dứt tình trạng '], ['Có ', 'Bảo đảm có '], ['Đã ', '']];
// documents/text.py UNIT_TYPES, in the same order.
const UNIT_TYPES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Tỉnh', 'Huyện', 'Quận', 'Xã', 'Phường'];

const nfc = (x) => (x == null ? '' : String(x)).normalize('NFC');
const rank = (i) => RANK[i.severity] ?? 3;

/** Vietnamese notation: the decimal comma, at most two decimals. */
export const number = (v) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100)).replace('.', ',');

/** "A", "A và B", "A, B và C": a list as a sentence says it (documents/answers.py `joined`). */
export const joined = (words) => (words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} và ${words[words.length - 1]}`);

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const TIME = /^([0-9]{2}):([0-9]{2})$/;
/** "2026-03-02" → "02/03/2026"; anything else as it is. */
export const day = (v) => { const m = DATE.exec(v); return m ? `${m[3]}/${m[2]}/${m[1]}` : v; };
/** "08:30" → "08 giờ 30"; anything else as it is. */
export const clock = (v) => { const m = TIME.exec(v); return m ? `${m[1]} giờ ${m[2]}` : v; };

function moment(type, v) {
  if (type === 'date') return day(v);
  if (type === 'time') return clock(v);
  const [date, time] = [v.slice(0, 10), v.slice(11)];
  return v[10] === 'T' && DATE.test(date) && TIME.test(time) ? `${clock(time)} ngày ${day(date)}` : v;
}

/** The chosen choices' labels in the checklist's order, then any key it does not list. */
function labels(value, s) {
  const keyOf = (c) => c.key ?? c.id;
  const known = (s.choices || []).filter((c) => c && typeof c === 'object' && value.includes(keyOf(c)));
  const keys = new Set(known.map(keyOf));
  const words = known.map((c) => nfc(c.label || keyOf(c))).concat(value.filter((v) => !keys.has(v)).map(nfc));
  return words.length ? joined(words) : '';
}

/**
 * An answer as printed: a choice's label, a multiple choice's labels joined in a sentence,
 * Có/Không, a number with the item's unit, a date as dd/mm/yyyy, a time as "08 giờ 30", text.
 */
export function answer(value, spec = null, withUnit = true) {
  const s = spec || {};
  if (value == null) return 'Chưa kiểm tra';
  if (s.type === 'multiple' && Array.isArray(value)) return labels(value, s);
  if (['date', 'time', 'datetime'].includes(s.type) && typeof value === 'string') return moment(s.type, value);
  if (Array.isArray(value)) return value.map((x) => answer(x, s, withUnit)).join(', ');
  if (s.type === 'choice' && value !== 'na') {
    const c = (s.choices || []).find((x) => x && typeof x === 'object' && (x.key === value || x.id === value));
    if (c) return nfc(c.label || value);
  }
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string' && Object.hasOwn(WORDS, value)) return WORDS[value];
  if (typeof value === 'number') {
    if (!withUnit || !s.unit) return number(value);
    return number(value) + (s.unit === '%' ? '' : ' ') + nfc(s.unit); // "12,5%" but "2 người"
  }
  return nfc(value);
}

/** Mid-sentence: "Cán bộ …" → "cán bộ …"; an abbreviation ("UBND …") stays. */
export function lowerFirst(text) {
  const t = nfc(text).trim();
  return t.length > 1 && /\p{Lu}/u.test(t[0]) && /\p{Ll}/u.test(t[1]) ? t[0].toLowerCase() + t.slice(1) : t;
}

const clause = (item) => nfc(item.text || item.id || '').trim().replace(/\.+$/, '').trim();
const sentence = (text) => {
  const t = nfc(text).trim();
  const u = t.slice(0, 1).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(u) ? u : `${u}.`;
};
const swap = (text, table) => {
  const hit = table.find(([prefix]) => text.startsWith(prefix));
  return hit ? [hit[1], text.slice(hit[0].length)] : null;
};
const kind = (item, s) => s.type || (item.value === 'yes' || item.value === 'no' ? 'yes_no' : 'other');
const fill = (text, item, s) => sentence(text.replaceAll('{value}', answer(item.value, s, false)));

/** A text item or a multiple choice, printed as a sentence of its own (wording.py `is_observation`). */
export const isObservation = (spec) => ['text', 'multiple'].includes((spec || {}).type);

/** What the table of items that passed prints (wording.py `result`). */
export const result = (item, spec = null) => (kind(item, spec || {}) === 'yes_no' && (item.value === 'yes' || item.value === 'no')
  ? 'Đạt' : answer(item.value, spec));

/** A failed item as a fault found (wording.py `finding`). */
export function finding(item, spec = null) {
  const s = spec || {};
  if (s.finding) return fill(s.finding, item, s);
  const text = clause(item);
  if (kind(item, s) === 'yes_no') {
    if (item.value === 'yes') return sentence(text);
    const swapped = swap(text, FAULT_OF);
    return sentence(swapped ? swapped[0] + swapped[1] : `Chưa bảo đảm yêu cầu: ${lowerFirst(text)}`);
  }
  return sentence(`${text}: ${answer(item.value, s)}`);
}

/** The action that remedies a failed item (wording.py `remedy`). */
export function remedy(item, spec = null) {
  const s = spec || {};
  if (s.remedy) return fill(s.remedy, item, s);
  const text = clause(item);
  if (kind(item, s) === 'yes_no') {
    if (item.value === 'yes') {
      const swapped = swap(text, [['Có ', ''], ['Còn ', '']]);
      const rest = lowerFirst(swapped ? swapped[1] : text);
      return sentence(`Chấn chỉnh, chấm dứt ${/^(tình trạng|hiện tượng) /.test(rest) ? '' : 'tình trạng '}${rest}`);
    }
    const swapped = swap(text, ACTION_OF);
    return sentence(swapped ? swapped[0] + swapped[1] : `Bảo đảm ${lowerFirst(text)}`);
  }
  return sentence(`Chấn chỉnh, khắc phục tồn tại về ${lowerFirst(text)}`);
}

/** "(mức độ nghiêm trọng; KL-05)". */
export function reference(item) {
  const words = SEVERITY[item.severity];
  return `(${[words ? `mức độ ${words}` : '', nfc(item.id || '')].filter(Boolean).join('; ')})`;
}

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The minutes' date 'YYYY-MM-DD': the day the inspection started, in Vietnam time (UTC+7). */
export const minutesDate = (record) => iso(new Date(Date.parse(record.started_at) + 7 * 3600e3));

/** 'YYYY-MM-DD', `days` after the minutes' date. */
export function dueDate(record, days) {
  const d = new Date(`${minutesDate(record)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** "trước ngày 19/12/2026"; '' without a date. */
export const byDate = (value) => (value ? `trước ngày ${value.split('-').reverse().join('/')}` : '');

/** The date the unit reports back by: its last remediation deadline. */
export function reportBy(record) {
  const dates = (record.remediation || []).map((r) => r.deadline).filter(Boolean).sort();
  return dates.length ? dates[dates.length - 1] : null;
}

/** "ngày 05 tháng 3 năm 2026" from 'YYYY-MM-DD' (documents/dates.py `long_date`, NĐ 30/2020). */
export function longDate(value) {
  const [y, m, d] = value.split('-').map(Number);
  return `ngày ${pad(d)} tháng ${m <= 2 ? pad(m) : String(m)} năm ${y}`;
}

/** [type, rest] of a unit's name (documents/text.py `split_unit_type`). */
export function splitUnitType(name) {
  const n = nfc(name).trim();
  const kindOf = UNIT_TYPES.find((k) => n.toLowerCase().startsWith(`${k.toLowerCase()} `));
  return kindOf ? [n.slice(0, kindOf.length), n.slice(kindOf.length + 1).trim()] : [null, n];
}

/** "xã Tân Lập" for "Xã Tân Lập" (documents/text.py `in_sentence`). */
export function inSentence(name) {
  const [k, rest] = splitUnitType(name);
  return k ? `${k.toLowerCase()} ${rest}` : nfc(name).trim();
}

/** "UBND xã Tân Lập" for an area unit; other units as named. */
export const unitInSentence = (name) => (splitUnitType(name)[0] ? `UBND ${inSentence(name)}` : nfc(name).trim());

/** The place before the date: the body's area without "UBND" and its type ("Minh Sơn"). */
export const placeOf = (name) => splitUnitType(nfc(name).trim().replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, ''))[1];

const items = (c) => (c.sections || []).flatMap((s) => s.items || []);
const used = (record) => (record.checklists || []).filter((c) => items(c).some((i) => i.value != null));
const topics = (list) => list.map((c) => lowerFirst(c.title || c.slug || '')).join('; ');

/** The subject: the checklists actually used, the unit mid-sentence (wording.py `subject`). */
export function subject(record) {
  const u = used(record);
  const t = topics(u.length ? u : record.checklists || []) || 'công tác cải cách hành chính, kỷ luật, kỷ cương hành chính';
  return `Kiểm tra${record.kind === 'surprise' ? ' đột xuất' : ''} về ${t} tại ${unitInSentence(record.unit.name)}`;
}

/** The item `itemId` of the definition of checklist `slug` ({slug: definition}). */
export function specFor(definitions, slug, itemId) {
  const definition = (definitions || {})[slug] || {};
  for (const s of definition.sections || []) {
    const hit = (s.items || []).find((i) => i && i.id === itemId);
    if (hit) return hit;
  }
  return null;
}

/** [checklist, item, spec] for every failed item, in the record's order. */
export const failures = (record, definitions = null) => (record.checklists || []).flatMap((c) => items(c)
  .filter((i) => i.failed).map((i) => [c, i, specFor(definitions, c.slug, i.id) || {}]));

/** "Tồn tại, hạn chế" from the findings (wording.py `shortcomings`); null when none failed. */
export function shortcomings(record, definitions = null) {
  const found = failures(record, definitions);
  if (!found.length) return null;
  const areas = (record.checklists || []).map((c) => [c, found.filter((f) => f[0] === c).length]).filter(([, n]) => n)
    .map(([c, n]) => `${lowerFirst(c.title || c.slug || '')} (${n} nội dung)`);
  const ranked = [...found].sort((a, b) => rank(a[1]) - rank(b[1]));
  const top = rank(ranked[0][1]);
  const worst = ranked.filter((f) => rank(f[1]) === top).slice(0, MOST_SERIOUS);
  const said = worst.map(([, i, s]) => lowerFirst(finding(i, s)).replace(/\.+$/, '')).join('; ');
  return `Đơn vị còn tồn tại, hạn chế về ${areas.join('; ')}. ${top < 2 ? 'Những tồn tại nghiêm trọng nhất' : 'Các tồn tại chủ yếu'}: ${said}.`;
}

/** The checklists used in which every answered item passed, as a strength; else null. */
export function strengths(record) {
  const clean = used(record).filter((c) => !items(c).some((i) => i.failed));
  return clean.length ? `Các nội dung kiểm tra về ${topics(clean)} đều đạt yêu cầu.` : null;
}
