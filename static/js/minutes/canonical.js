/**
 * The canonical bytes of a minutes record and their hash (docs/minutes.md, "Canonical bytes").
 *
 * inspect_app/minutes/canonical.py is the same function in Python; both are tested against the
 * fixtures in tests/fixtures/minutes/. Any change here must be made there, and to the fixtures.
 */

// String.prototype.trim's set, spelled out so Python can use the very same one.
const WHITESPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const EDGES = new RegExp(`^[${WHITESPACE}]+|[${WHITESPACE}]+$`, 'g');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPES = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// eslint-disable-next-line no-control-regex
const TO_ESCAPE = /["\\\u0000-\u001f]/g;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * NFC, LF line ends, no white space at either end; an empty string becomes null.
 * @param {string} value
 * @returns {string|null}
 */
export function normalizeText(value) {
  if (LONE_SURROGATE.test(value)) throw new TypeError('text holds a lone surrogate, which is not Unicode');
  const text = value.replace(/\r\n?/g, '\n').normalize('NFC').replace(EDGES, '');
  return text === '' ? null : text;
}

/**
 * The record as it is hashed: texts normalised, numbers checked. Throws on what has no
 * canonical form (NaN, infinities, undefined, dates: format them first).
 * @param {*} value
 * @returns {*}
 */
export function normalize(value) {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return normalizeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('NaN and infinities have no canonical form');
    return value;
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const [key, member] of Object.entries(value)) out[key] = normalize(member);
    return out;
  }
  throw new TypeError(`${value === undefined ? 'undefined' : typeof value} has no canonical form`);
}

/**
 * Compare two strings by code point (not by UTF-16 unit, as `<` does), as Python orders str.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareCodePoints(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const quote = (text) => `"${text.replace(TO_ESCAPE, (c) => ESCAPES[c]
  || `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

function serialise(value, out) {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(String(value));
  else if (typeof value === 'string') out.push(quote(value));
  else if (typeof value === 'number') out.push(String(value)); // -0 prints "0", as in Python
  else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((member, n) => {
      if (n) out.push(',');
      serialise(member, out);
    });
    out.push(']');
  } else {
    out.push('{');
    Object.keys(value).sort(compareCodePoints).forEach((key, n) => {
      if (n) out.push(',');
      out.push(`${quote(key)}:`);
      serialise(value[key], out);
    });
    out.push('}');
  }
}

/**
 * The canonical JSON text of a record (before UTF-8).
 * @param {object} record
 * @returns {string}
 */
export function canonicalText(record) {
  const out = [];
  serialise(normalize(record), out);
  return out.join('');
}

/**
 * The canonical bytes of a minutes record: normalised, JCS-serialised, UTF-8.
 * @param {object} record
 * @returns {Uint8Array}
 */
export function canonicalMinutes(record) {
  return new TextEncoder().encode(canonicalText(record));
}

/**
 * SHA-256 of the canonical bytes, 64 lower-case hex digits (needs a secure context).
 * @param {object} record
 * @returns {Promise<string>}
 */
export async function minutesHash(record) {
  const digest = await crypto.subtle.digest('SHA-256', canonicalMinutes(record));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const two = (n) => String(n).padStart(2, '0');

/**
 * UTC 'YYYY-MM-DDTHH:MM:SSZ', truncated to the second. A string without an offset is UTC (as
 * the sync protocol reads it); fractions of a second of any length are cut, never rounded.
 * @param {string|Date|null|undefined} isoOrDate
 * @returns {string|null}
 */
export function formatTime(isoOrDate) {
  if (isoOrDate === null || isoOrDate === undefined) return null;
  let ms;
  if (isoOrDate instanceof Date) {
    ms = isoOrDate.getTime();
  } else {
    const m = TIME.exec(String(isoOrDate).trim());
    if (!m) throw new RangeError(`not an ISO 8601 time: ${isoOrDate}`);
    ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0));
    if (m[7] && m[7] !== 'Z') {
      const digits = m[7].slice(1).replace(':', '');
      const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
      ms -= (m[7][0] === '-' ? -1 : 1) * minutes * 60000;
    }
  }
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`
    + `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}Z`;
}
