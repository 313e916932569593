/**
 * Photos on the device: shrunk before they are stored (a phone's 12 MP photo is 4 MB; 1600 px
 * JPEG is ~300 KB, which fits hundreds of photos and a weak uplink), turned upright, and hashed at
 * capture, so the SHA-256 names the evidence from the moment it was taken.
 */
export const MAX_SIDE = 1600;
export const QUALITY = 0.85;
/** Longest side / shortest side beyond which a file is not a photo of anything (the server's too). */
export const MAX_ASPECT = 20;

/** A file the device cannot make a photo of; `message` says why and what to do, in Vietnamese. */
export class PhotoProblem extends Error {
  constructor(file, reason) {
    super(`Không dùng được tệp ${file.name || 'ảnh'}: ${reason}`);
    this.name = 'PhotoProblem';
  }
}

const HEIC = /\.(heic|heif)$/i;

/** Why the browser could not open `file`: HEIC from an iPhone's gallery, or not an image at all. */
function unreadable(file) {
  if (HEIC.test(file.name || '') || /heic|heif/i.test(file.type || '')) {
    return new PhotoProblem(file, 'ảnh định dạng HEIC (iPhone) không mở được trên trình duyệt này. '
      + 'Hãy chụp bằng nút "Chụp ảnh" của ứng dụng, hoặc đặt Camera › Định dạng › Tương thích nhất trên iPhone rồi chọn lại.');
  }
  return new PhotoProblem(file, 'tệp không phải ảnh hoặc ảnh đã hỏng. Hãy chụp lại hoặc chọn ảnh khác.');
}

/** An upright bitmap of the file: EXIF orientation applied. */
async function decode(file) {
  if ('createImageBitmap' in self) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch { /* an older engine without the option: fall back to <img>, which applies it too */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The file as a JPEG whose longest side is at most `maxSide`: {blob, width, height}. */
export async function shrink(file, maxSide = MAX_SIDE, quality = QUALITY) {
  let image;
  try {
    image = await decode(file);
  } catch {
    throw unreadable(file);
  }
  const w0 = image.width || image.naturalWidth;
  const h0 = image.height || image.naturalHeight;
  if (Math.max(w0, h0) > MAX_ASPECT * Math.min(w0, h0)) {
    if (image.close) image.close();
    // Shrinking would leave a line one pixel wide: refused here, as the server would refuse it.
    throw new PhotoProblem(file, `ảnh có kích thước bất thường (${w0}×${h0} điểm ảnh), cạnh dài gấp hơn `
      + `${MAX_ASPECT} lần cạnh ngắn. Hãy cắt hoặc chụp lại ảnh.`);
  }
  const scale = Math.min(1, maxSide / Math.max(w0, h0));
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  if (image.close) image.close();
  // Canvas output carries no EXIF: the phone's GPS and serial never leave the device this way.
  const blob = await new Promise((resolve, reject) => canvas.toBlob(
    (b) => (b ? resolve(b) : reject(new Error('Không mã hoá được ảnh'))), 'image/jpeg', quality));
  return { blob, width, height };
}

/** SHA-256 of a blob as 64 lowercase hex digits. */
export async function sha256Hex(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device's position, or null (refused, unavailable, or not found within `timeout` ms). */
export function position(timeout = 10000) {
  if (!navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout, maximumAge: 60000 },
    );
  });
}

/**
 * A photo record ready to store: shrunk, hashed, timed; located only when the inspector asked
 * ("ghi vị trí"), since a position is personal data.
 */
export async function capture(file, { withLocation = false } = {}) {
  const capturedAt = new Date().toISOString();
  const [shrunk, where] = await Promise.all([shrink(file), withLocation ? position() : null]);
  return {
    uuid: crypto.randomUUID(), sha256: await sha256Hex(shrunk.blob), blob: shrunk.blob, type: 'image/jpeg',
    width: shrunk.width, height: shrunk.height, size_bytes: shrunk.blob.size, captured_at: capturedAt,
    latitude: where ? where.latitude : null, longitude: where ? where.longitude : null,
  };
}
