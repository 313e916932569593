/**
 * The roll-call ("điểm danh") and the checklist items that count from it: plain values only.
 *
 * Twin of inspect_app/inspections/rollcall.py (read its docstring); both give every case of
 * tests/fixtures/rollcall.json. Rows are in the record's shape (`met_on_site: true` only on
 * someone not on the unit's list) or as stored and pulled (`staff_member_id` null for them).
 */

/** What an item may take from the roll-call (`roll_call`), and the answer type that needs. */
export const KINDS = {
  all_present: 'yes_no', absent: 'count', absent_unexcused: 'count', late: 'count',
  late_or_left_early: 'count', absent_unexcused_names: 'text',
};

// Names compared as people read them: NFC, case and spacing aside.
const key = (text) => (text || '').normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).join(' ');

/** Someone not on the unit's list: flagged in the record, without a staff id when stored. */
export const metOnSite = (row) => Boolean(row.met_on_site) || ('staff_member_id' in row && row.staff_member_id == null);

const onList = (rows) => rows.filter((r) => !metOnSite(r));

/**
 * The figures the minutes state: of those on the list, how many expected and present (the late
 * among them), absent with and without reason; those met on site apart.
 * @param {object[]} rows
 * @returns {{expected:number, present:number, late:number, absent_excused:number, absent_unexcused:number, met_on_site:number}}
 */
export function tally(rows) {
  const listed = onList(rows);
  const count = (status) => listed.filter((r) => r.status === status).length;
  return {
    expected: listed.length, present: count('present') + count('late'), late: count('late'),
    absent_excused: count('absent_excused'), absent_unexcused: count('absent_unexcused'),
    met_on_site: rows.length - listed.length,
  };
}

/** '10/10 + 1'; `expected` counts the whole list on the device, where some may not be marked yet. */
export function counter(figures, expected = null) {
  const shown = `${figures.present}/${expected == null ? figures.expected : expected}`;
  return shown + (figures.met_on_site ? ` + ${figures.met_on_site}` : '');
}

/** The sentence the minutes state ('Có mặt 9/10 người theo danh sách …'); '' without rows. */
export function sentence(figures, rows) {
  if (!rows.length) return '';
  const met = rows.filter(metOnSite);
  const names = met.map((r) => r.full_name + (r.position ? ` (${r.position})` : '')).join(', ');
  if (!figures.expected) return `Đoàn làm việc với ${met.length} người tại đơn vị: ${names}.`;
  let text = `Có mặt ${figures.present}/${figures.expected} người theo danh sách`;
  if (figures.late) text += ` (${figures.late} người đi muộn)`;
  const away = [['absent_excused', 'vắng có phép'], ['absent_unexcused', 'vắng không phép']]
    .filter(([k]) => figures[k]).map(([k, label]) => `${label} ${figures[k]}`);
  if (away.length) text += `, ${away.join(', ')}`;
  if (met.length) text += `; ngoài ra làm việc với ${met.length} người ngoài danh sách: ${names}`;
  return `${text}.`;
}

const absentUnexcused = (rows) => onList(rows).filter((r) => r.status === 'absent_unexcused');

/** The answer the roll-call gives an item of this kind (null: no roll-call of the list yet). */
export function suggestion(kind, rows) {
  if (!onList(rows).length || !(kind in KINDS)) return null;
  const f = tally(rows);
  if (kind === 'all_present') return f.absent_unexcused || f.late ? 'no' : 'yes';
  if (kind === 'absent') return f.absent_excused + f.absent_unexcused;
  if (kind === 'late' || kind === 'late_or_left_early') return f.late;
  if (kind === 'absent_unexcused_names') {
    return absentUnexcused(rows).map((r) => r.full_name + (r.position ? ` – ${r.position}` : '')).join('\n') || null;
  }
  return f[kind];
}

const number = (v) => (Number.isInteger(v) ? String(v) : String(v).replace('.', ','));

/** Why `value` contradicts the roll-call (Vietnamese), or null (as rollcall.py). */
export function contradiction(kind, value, rows) {
  if (!onList(rows).length || value == null || value === 'na' || !(kind in KINDS)) return null;
  const f = tally(rows);
  if (kind === 'all_present') {
    if (value !== 'yes') return null;
    const found = [['absent_unexcused', 'vắng không phép'], ['late', 'đi muộn']].filter(([k]) => f[k])
      .map(([k, label]) => `${f[k]} người ${label}`);
    return found.length ? `điểm danh có ${found.join(' và ')}, mục lại ghi là có mặt đầy đủ, đúng giờ` : null;
  }
  if (kind === 'absent_unexcused_names') {
    const said = key(typeof value === 'string' ? value : '');
    const missing = absentUnexcused(rows).filter((r) => !said.includes(key(r.full_name))).map((r) => r.full_name);
    return missing.length ? `thiếu tên người vắng không phép theo điểm danh: ${missing.join(', ')}` : null;
  }
  if (typeof value !== 'number') return null;
  if (kind === 'late_or_left_early') {
    return value < f.late ? `điểm danh có ${f.late} người đi muộn, mục ghi ${number(value)} người (ít hơn)` : null;
  }
  const [n, what] = {
    absent: [f.absent_excused + f.absent_unexcused, 'vắng mặt'],
    absent_unexcused: [f.absent_unexcused, 'vắng không phép'], late: [f.late, 'đi muộn'],
  }[kind];
  return value !== n ? `điểm danh có ${n} người ${what}, mục ghi ${number(value)} người` : null;
}

/**
 * Every item of the record that contradicts its roll-call: {checklist, item, reason}.
 * @param {object} record the minutes record (minutes/record.js)
 * @param {object[]} versions checklist versions ({slug, version, definition}) it uses
 */
export function contradictions(record, versions) {
  const rows = record.attendance || [];
  const out = [];
  for (const checklist of record.checklists || []) {
    const version = versions.find((v) => v.slug === checklist.slug && v.version === checklist.version);
    const kinds = new Map();
    for (const s of ((version && version.definition) || {}).sections || []) {
      for (const item of s.items || []) if (item.roll_call) kinds.set(item.id, item.roll_call);
    }
    for (const s of checklist.sections || []) {
      for (const item of s.items || []) {
        const kind = kinds.get(item.id);
        const reason = kind ? contradiction(kind, item.value, rows) : null;
        if (reason) out.push({ checklist: checklist.slug, item: item.id, reason });
      }
    }
  }
  return out;
}

/** 'KL-02: điểm danh có 2 người vắng không phép, mục ghi 0 người; KL-17: …' */
export const refusal = (found) => found.map((c) => `${c.item}: ${c.reason}`).join('; ');
