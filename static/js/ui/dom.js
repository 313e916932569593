/** Small DOM helpers shared by the screens: building elements, formatting for Vietnamese readers. */

/**
 * An element: h('button', {class: 'x', onclick: fn}, 'text', child). Attributes that are null,
 * undefined or false are left out; true sets an empty attribute; children may be nested arrays.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace the children of `el` (same rules for children as `h`). */
export function mount(el, ...children) {
  el.replaceChildren(...h('div', null, ...children).childNodes);
}

const DAY = { day: '2-digit', month: '2-digit', year: 'numeric' };
const dateTime = new Intl.DateTimeFormat('vi-VN', { ...DAY, hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('vi-VN', DAY);

/** "09:12 22/11/2026" in the device's time zone; "" for nothing. */
export const when = (iso) => (iso ? dateTime.format(new Date(iso)) : '');

/** "22/11/2026" for an ISO date (as written, no time zone shift) or time. */
export function day(iso) {
  if (!iso) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return plain ? `${plain[3]}/${plain[2]}/${plain[1]}` : dateOnly.format(new Date(iso));
}

/** "1,2 MB" */
export function bytes(n) {
  if (!Number.isFinite(n)) return '?';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${n.toLocaleString('vi-VN', { maximumFractionDigits: i ? 1 : 0 })} ${units[i]}`;
}

/** Text folded for search: lower case, no diacritics, đ → d ("Tân Lập" matches "tan lap"). */
export const fold = (text) => String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

/** A short message at the bottom of the screen. */
export function toast(message) {
  const el = h('div', { class: 'toast', role: 'status' }, message);
  document.body.append(el);
  setTimeout(() => el.remove(), 3000);
}

const urls = [];

/** An object URL for a blob, revoked when the next screen renders. */
export function blobUrl(blob) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return url;
}

/** Revoke the object URLs of the previous screen. */
export function releaseUrls() {
  while (urls.length) URL.revokeObjectURL(urls.pop());
}

// Whether a finger (or mouse button) is down: replacing a button between pointerdown and click
// would swallow the tap.
let pointerDown = false;
let waiting = [];
addEventListener('pointerdown', () => { pointerDown = true; }, true);
const lift = () => {
  pointerDown = false;
  const due = waiting;
  waiting = [];
  // After the click this pointerup is about to cause.
  if (due.length) setTimeout(() => due.forEach((fn) => fn()), 0);
};
addEventListener('pointerup', lift, true);
addEventListener('pointercancel', lift, true);

/** Is a finger on the screen now? */
export const touching = () => pointerDown;

/** Run `fn` now, or once the finger on the screen has lifted and its tap has been delivered. */
export function whenIdle(fn) {
  if (pointerDown) waiting.push(fn);
  else fn();
}
