/**
 * Mark-up of a photo, on the device and offline: freehand, arrow, circle and text label drawn on
 * a copy. The original is never touched; the copy is a new photo (its own SHA-256) that names the
 * original (`markup_of`), so the minutes can show the drawing and both hashes. Loaded on demand.
 */
import { MAX_SIDE, QUALITY, sha256Hex } from '../photos.js';
import { h } from './dom.js';

const TOOLS = [['pen', 'Vẽ tự do'], ['arrow', 'Mũi tên'], ['circle', 'Khoanh tròn'], ['text', 'Chữ']];
const RED = '#e3120b';

/** Draw one shape; `k` is the line width for this canvas (thicker on a bigger photo). */
function paint(ctx, shape, k) {
  ctx.strokeStyle = RED;
  ctx.fillStyle = RED;
  ctx.lineWidth = k;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const [a, b] = [shape.points[0], shape.points[shape.points.length - 1]];
  ctx.beginPath();
  if (shape.tool === 'pen') {
    shape.points.forEach(([x, y], n) => (n ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.stroke();
  } else if (shape.tool === 'arrow') {
    const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const head = 5 * k;
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.moveTo(b[0] - head * Math.cos(angle - 0.5), b[1] - head * Math.sin(angle - 0.5));
    ctx.lineTo(b[0], b[1]);
    ctx.lineTo(b[0] - head * Math.cos(angle + 0.5), b[1] - head * Math.sin(angle + 0.5));
    ctx.stroke();
  } else if (shape.tool === 'circle') {
    ctx.ellipse((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, Math.abs(b[0] - a[0]) / 2 || 1,
      Math.abs(b[1] - a[1]) / 2 || 1, 0, 0, 2 * Math.PI);
    ctx.stroke();
  } else if (shape.tool === 'text') {
    ctx.font = `bold ${8 * k}px sans-serif`;
    ctx.lineWidth = k;
    ctx.strokeStyle = '#fff';
    ctx.strokeText(shape.text, a[0], a[1]); // a white rim keeps the label readable on any photo
    ctx.fillText(shape.text, a[0], a[1]);
  }
}

/**
 * Open the editor over the page for the photo `original` (its record) whose image is `source`
 * (a Blob). Resolves to the marked-up photo's record (ready for actions.addPhoto), or null when
 * the inspector cancels.
 */
export async function markUp(original, source) {
  const image = await createImageBitmap(source);
  const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
  const canvas = h('canvas', { class: 'markup-canvas', width: Math.round(image.width * scale), height: Math.round(image.height * scale) });
  const ctx = canvas.getContext('2d');
  // Lines about 2 px wide as the phone shows the photo (it is drawn at up to 1600 px).
  const k = Math.max(3, Math.round(Math.max(canvas.width, canvas.height) / 150));
  const shapes = [];
  let tool = 'arrow';
  let drawing = null;

  const redraw = () => {
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const shape of drawing ? [...shapes, drawing] : shapes) paint(ctx, shape, k);
  };
  const at = (e) => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * (canvas.width / box.width), (e.clientY - box.top) * (canvas.height / box.height)];
  };
  const label = h('input', { class: 'markup-text', value: 'Vi phạm', 'aria-label': 'Chữ ghi trên ảnh', maxlength: 60 });
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    if (tool === 'text') {
      if (label.value.trim()) shapes.push({ tool, points: [at(e)], text: label.value.trim() });
      redraw();
      return;
    }
    canvas.setPointerCapture(e.pointerId);
    drawing = { tool, points: [at(e)] };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    if (tool === 'pen') drawing.points.push(at(e));
    else drawing.points[1] = at(e);
    redraw();
  });
  const finish = () => {
    if (drawing && drawing.points.length > 1) shapes.push(drawing);
    drawing = null;
    redraw();
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', finish);

  const toolButtons = TOOLS.map(([name, text]) => h('button', {
    type: 'button', class: 'markup-tool', 'data-tool': name, 'aria-pressed': String(name === tool),
    onclick: () => {
      tool = name;
      toolButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === tool)));
    },
  }, text));

  return new Promise((resolve) => {
    const close = (result) => { panel.remove(); image.close(); resolve(result); };
    const save = h('button', { type: 'button', class: 'primary markup-save' }, 'Lưu');
    save.addEventListener('click', async () => {
      save.disabled = true;
      redraw();
      const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/jpeg', QUALITY));
      close({
        uuid: crypto.randomUUID(), sha256: await sha256Hex(blob), blob, type: 'image/jpeg',
        width: canvas.width, height: canvas.height, size_bytes: blob.size,
        // The drawing points at what was photographed then and there.
        captured_at: original.captured_at, latitude: original.latitude ?? null, longitude: original.longitude ?? null,
        caption: 'Ảnh đã đánh dấu', markup_of: original.sha256,
      });
    });
    const panel = h('div', { class: 'markup-editor', role: 'dialog', 'aria-label': 'Đánh dấu trên ảnh' },
      h('div', { class: 'markup-tools' }, ...toolButtons, label),
      canvas,
      h('div', { class: 'markup-actions' },
        h('button', { type: 'button', class: 'markup-undo', onclick: () => { shapes.pop(); redraw(); } }, 'Hoàn tác'),
        h('button', { type: 'button', class: 'markup-cancel', onclick: () => close(null) }, 'Huỷ'),
        save));
    document.body.append(panel);
    redraw();
  });
}
