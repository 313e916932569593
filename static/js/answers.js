/**
 * Whether a value fits an item's answer type: the device's twin of value_problem in
 * inspect_app/inspections/answers.py, so the phone refuses what the server would refuse, with
 * the same Vietnamese reason. Both are held to tests/fixtures/answers.json.
 */
import { NOT_APPLICABLE, answerType, choiceOf } from './checklist.js';

const MAX_COUNT = 2 ** 53;
const MAX_NOTE = 5000;
const YES_NO = ['yes', 'no', NOT_APPLICABLE];
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const TIME = /^([0-9]{2}):([0-9]{2})$/;
const YEARS = [1900, 2100];
const two = (n) => String(n).padStart(2, '0');
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
// What PostgreSQL stores: no NUL, no lone surrogate (fields.is_clean_text).
const cleanText = (v) => typeof v === 'string' && !v.includes('\0') && v.isWellFormed();

/** Why `value` is not a day "YYYY-MM-DD" that exists, or null. */
export function dateProblem(value) {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) return 'phải là ngày dạng YYYY-MM-DD';
  const [year, month, day] = m.slice(1).map(Number);
  if (year < YEARS[0] || year > YEARS[1]) return `năm ${year} nằm ngoài khoảng ${YEARS[0]}–${YEARS[1]}`;
  const last = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > last) return `không có ngày ${two(day)}/${two(month)}/${year}`;
  return null;
}

/** Why `value` is not a time of day "HH:MM", or null. */
export function timeProblem(value) {
  const m = typeof value === 'string' ? TIME.exec(value) : null;
  if (!m) return 'phải là giờ dạng HH:MM';
  if (Number(m[1]) > 23 || Number(m[2]) > 59) return `không có giờ ${value} (từ 00:00 đến 23:59)`;
  return null;
}

/** Why `value` is not "YYYY-MM-DDTHH:MM", or null. */
export function datetimeProblem(value) {
  if (typeof value !== 'string' || value.length !== 16 || value[10] !== 'T') return 'phải là ngày giờ dạng YYYY-MM-DDTHH:MM';
  return dateProblem(value.slice(0, 10)) || timeProblem(value.slice(11));
}

const MOMENTS = { date: dateProblem, time: timeProblem, datetime: datetimeProblem };
const keysOf = (item) => (item.choices || []).map(choiceOf).map((c) => c.key).filter((k) => typeof k === 'string');
const quoted = (keys) => keys.map((k) => `"${k}"`).join(', ');

function multipleProblem(item, value) {
  const keys = keysOf(item);
  if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) return 'phải là danh sách mã các lựa chọn';
  if (!value.length) return 'chưa chọn lựa chọn nào (bỏ chọn hết thì để trống)';
  if (new Set(value).size !== value.length) return 'có lựa chọn bị chọn hai lần';
  const unknown = value.find((k) => !keys.includes(k));
  if (unknown !== undefined) return `không có lựa chọn "${unknown}"; chỉ nhận: ${quoted(keys)}`;
  return null;
}

/** Why `value` is not an answer to `item` (Vietnamese), or null when it fits; null clears. */
export function valueProblem(item, value) {
  if (value === null || value === undefined) return null;
  const kind = answerType(item);
  if (kind === 'yes_no') return YES_NO.includes(value) ? null : 'chỉ nhận "yes", "no" hoặc "na"';
  if (kind === 'count') return Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? null : 'phải là số nguyên không âm';
  if (kind === 'number') {
    if (!isNumber(value)) return 'phải là một số';
    return Math.abs(value) > MAX_COUNT ? 'số quá lớn' : null;
  }
  if (kind === 'text') {
    if (!cleanText(value)) return 'phải là đoạn văn bản';
    return [...value].length > MAX_NOTE ? `dài quá ${MAX_NOTE} ký tự` : null;
  }
  if (kind === 'choice') {
    const keys = keysOf(item);
    return typeof value === 'string' && keys.includes(value) ? null : `chỉ nhận một trong các lựa chọn: ${quoted(keys)}`;
  }
  if (kind === 'multiple') return multipleProblem(item, value);
  if (kind in MOMENTS) return MOMENTS[kind](value);
  return `loại câu trả lời "${kind}" chưa được hỗ trợ`;
}
