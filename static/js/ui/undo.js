/**
 * An action held back for a few seconds behind a "Hoàn tác" (undo) snackbar: a stray tap on
 * "Xoá" costs nothing. Nothing is stored or queued until the time is up; leaving the screen
 * does not cancel it. One at a time: a second held action sends the first on at once.
 */
import { h } from './dom.js';

export const UNDO_MS = 5000;

const held = new Set(); // keys of the things whose action is waiting
let current = null; // { bar, timer, commit }

/** Whether the thing named `key` is waiting for its held action (screens draw it as done). */
export const isHeld = (key) => held.has(key);

/**
 * Hold `run` (returns a promise) for UNDO_MS behind a snackbar saying `message`. `changed()` is
 * called when the thing should be drawn again: at once (drawn as done), and on undo.
 */
export function withUndo(key, message, run, changed) {
  if (current) current.commit();
  held.add(key);
  const bar = h('div', { class: 'snackbar', role: 'status' }, h('span', {}, message));
  const finish = () => {
    clearTimeout(entry.timer);
    bar.remove();
    if (current === entry) current = null;
  };
  const entry = {
    bar,
    timer: setTimeout(() => entry.commit(), UNDO_MS),
    commit: () => {
      finish();
      Promise.resolve(run()).finally(() => held.delete(key));
    },
  };
  bar.append(h('button', {
    type: 'button', class: 'undo',
    onclick: () => { finish(); held.delete(key); changed(); },
  }, 'Hoàn tác'));
  current = entry;
  document.body.append(bar);
  changed();
}
