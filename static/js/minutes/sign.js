/**
 * A signature drawn with a finger or stylus on a <canvas> (pointer events), exported as a PNG
 * Blob, with the signer's name and title; the unit's representative may refuse with a reason.
 */
import { h, toast } from '../ui/dom.js';

const W = 600; // PNG pixels: sharp in the PDF's 55 × 24 mm box, a few KB
const H = 220;

/** A drawing surface {canvas, clear(), isEmpty(), toBlob()}; any CSS width works. */
export function signaturePad() {
  const canvas = h('canvas', { class: 'sign-pad', width: W, height: H, 'aria-label': 'Khung ký tên' });
  const g = canvas.getContext('2d');
  let strokes = 0;
  let last = null;
  const paper = () => {
    // White, not transparent: the PDF and every viewer show it alike.
    g.fillStyle = '#fff';
    g.fillRect(0, 0, W, H);
    Object.assign(g, { strokeStyle: '#0d1f6b', fillStyle: '#0d1f6b', lineWidth: 4, lineCap: 'round' });
  };
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * (W / r.width), (e.clientY - r.top) * (H / r.height)];
  };
  const line = (to) => {
    g.beginPath();
    g.moveTo(...last);
    g.lineTo(...to);
    g.stroke();
    last = to;
  };
  canvas.onpointerdown = (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    g.fillRect(last[0] - 2, last[1] - 2, 4, 4); // a tap leaves a dot
    strokes += 1;
  };
  // Coalesced events keep a fast stroke smooth where the phone batches them per frame.
  canvas.onpointermove = (e) => last && (e.getCoalescedEvents ? e.getCoalescedEvents() : [e]).forEach((p) => line(at(p)));
  canvas.onpointerup = () => { last = null; };
  canvas.onpointercancel = canvas.onpointerup;
  paper();
  return {
    canvas,
    clear() { strokes = 0; paper(); },
    isEmpty: () => strokes === 0,
    toBlob: () => new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('Không lưu được chữ ký'))), 'image/png')),
  };
}

/**
 * The block one person signs in: name, title, the pad (or, when `canRefuse`, a refusal with
 * its reason). `onSign({fullName, title, refused, reason}, png)` runs on confirming.
 */
export function signatureForm({ role, heading, fullName, title, canRefuse }, onSign) {
  const input = (cls, value, label) => h('input', { type: 'text', class: cls, value, maxlength: 120, 'aria-label': label });
  const name = input('sign-name', fullName, 'Họ và tên người ký');
  const position = input('sign-title', title, 'Chức vụ');
  const pad = signaturePad();
  const reason = h('textarea', { class: 'refusal-reason', rows: 3, maxlength: 2000, placeholder: 'Lý do từ chối ký', hidden: true });
  const drawn = h('div', {}, pad.canvas, h('button', { type: 'button', class: 'link sign-clear', onclick: () => pad.clear() }, 'Xoá, ký lại'));
  const refuse = h('input', { type: 'checkbox', class: 'refuse', onchange: (e) => { reason.hidden = !e.target.checked; drawn.hidden = e.target.checked; } });
  const confirm = h('button', {
    type: 'button', class: 'primary block sign-confirm',
    onclick: async () => {
      const refused = refuse.checked;
      if (!name.value.trim()) return toast('Hãy ghi họ tên người ký.');
      if (refused && !reason.value.trim()) return toast('Hãy ghi lý do từ chối ký.');
      if (!refused && pad.isEmpty()) return toast('Hãy ký vào khung.');
      confirm.disabled = true; // one tap, one signature
      try {
        await onSign({ fullName: name.value.trim(), title: position.value.trim(), refused, reason: refused ? reason.value.trim() : null },
          refused ? null : await pad.toBlob());
      } finally {
        confirm.disabled = false;
      }
      return null;
    },
  }, 'Xác nhận chữ ký');
  return h('section', { class: 'card sign-block', 'data-role': role }, h('h3', {}, heading),
    h('label', { class: 'field' }, 'Họ và tên', name), h('label', { class: 'field' }, 'Chức vụ', position),
    canRefuse ? h('label', { class: 'option' }, refuse, 'Đại diện đơn vị từ chối ký') : null,
    drawn, reason, confirm);
}
