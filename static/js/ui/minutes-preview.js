/**
 * The minutes as the PDF prints them (inspect_app/minutes/pdf*.py): same content, same order,
 * from the record alone, so what the lead reads is what is hashed and issued.
 */
import { h } from './dom.js';
import * as W from '../minutes/wording.js';
import { metOnSite, sentence } from '../rollcall.js';

const ROLE = { lead: 'Trưởng đoàn', member: 'Thành viên', secretary: 'Thư ký' };
const ATT = { present: 'Có mặt', late: 'Đi muộn', absent_excused: 'Vắng có phép', absent_unexcused: 'Vắng không phép' };
// Vietnam time whatever the phone's zone, as the PDF prints it.
const FMT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });
const parts = (iso) => Object.fromEntries(FMT.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
// Through wording.longDate: a leading zero only for days below 10 and months 1 and 2 (NĐ 30).
const longDate = (t) => W.longDate(`${t.year}-${t.month}-${t.day}`);
const clock = (t) => `${t.hour} giờ ${t.minute} phút`;
/** The appendix's photos, as pdf_content.appendix_photos: a marked-up copy replaces its original. */
const appendixPhotos = (r) => {
  const replaced = new Set(r.photos.map((x) => x.markup_of).filter(Boolean));
  return r.photos.filter((x) => !replaced.has(x.sha256));
};

const p = (text, cls) => h('p', { class: cls }, text);
const table = (head, rows) => h('div', { class: 'table-wrap' }, h('table', {},
  h('tr', {}, head.map((x) => h('th', {}, x))), rows.map((r) => h('tr', {}, r.map((x) => h('td', {}, x))))));
const person = (x, end) => p(`- ${x.full_name || '(chưa ghi họ tên)'}${x.position ? `, ${x.position}` : ''}${end}`);

/** {slug: definition} of the checklist versions the record names, from the device's copies. */
export const definitionsOf = (record, versions = []) => Object.fromEntries(record.checklists.map((c) => [c.slug,
  (versions.find((v) => v.slug === c.slug && v.version === c.version) || {}).definition || {}]));

function checklist(c, n, defs) {
  const spec = (i) => W.specFor(defs, c.slug, i.id);
  const items = c.sections.flatMap((s) => s.items);
  const done = items.filter((i) => i.value !== null);
  const failed = items.filter((i) => i.failed);
  const passed = done.filter((i) => !i.failed);
  const na = done.filter((i) => i.value === 'na').length;
  const left = items.filter((i) => i.value === null).map((i) => i.id);
  return [p(`${n}. ${c.title}`, 'ms'),
    p(`Đã kiểm tra ${done.length}/${items.length} nội dung: đạt ${passed.length - na}, chưa đạt ${failed.length}, không áp dụng ${na}.`),
    failed.length ? [p('a) Các tồn tại, hạn chế:'), h('ol', {}, failed.map((i) => h('li', { 'data-item': i.id },
      `${W.finding(i, spec(i)).replace(/\.+$/, '')} ${W.reference(i)}.`,
      i.note ? ` Ghi nhận: ${i.note.replace(/\.+$/, '')}.` : '', i.basis ? h('i', {}, ` Căn cứ: ${i.basis}.`) : '')))] : null,
    passed.length ? [p(`${failed.length ? 'b' : 'a'}) Các nội dung đã kiểm tra khác:`),
      // As pdf_content: observations written on site are a paragraph each, not a narrow cell.
      passed.some((i) => !W.isObservation(spec(i)))
        ? table(['Mã', 'Nội dung', 'Kết quả', 'Ghi chú'], passed.filter((i) => !W.isObservation(spec(i)))
          .map((i) => [i.id, i.text, W.result(i, spec(i)), i.note])) : null,
      passed.filter((i) => W.isObservation(spec(i))).map((i) => p(`- ${i.text} (${i.id}): ${W.result(i, spec(i))}`))] : null,
    left.length ? p(`Chưa kiểm tra: ${left.join(', ')}.`) : null];
}

function attendance(rows, figures) {
  // As pdf_content.attendance: the record's roll-call figures, people met on site apart.
  const listed = figures ? rows.filter((a) => !metOnSite(a)) : rows;
  const away = listed.filter((a) => a.status !== 'present');
  const counts = Object.keys(ATT).map((s) => [s, rows.filter((a) => a.status === s).length]).filter((x) => x[1]);
  return [p('1. Việc chấp hành thời giờ làm việc', 'ms'),
    p(figures ? sentence(figures, rows)
      : `Tổng số cán bộ, công chức theo danh sách: ${rows.length}; ${counts.map(([s, k]) => `${ATT[s].toLowerCase()}: ${k}`).join('; ')}.`),
    away.length ? table(['Họ và tên', 'Chức vụ', 'Tình trạng', 'Ghi chú'], away.map((a) => [a.full_name, a.position, ATT[a.status], a.note]))
      : p('Toàn bộ cán bộ, công chức có mặt tại thời điểm kiểm tra.')];
}

/** One signature block as the PDF prints it: heading, the drawing (or the refusal), the name. */
function signatureBlock(heading, signature, image) {
  return h('div', { class: 'msign' }, p(heading, 'mb'), p('(Ký, ghi rõ họ tên)', 'mi'),
    !signature ? h('div', { class: 'msign-space' })
      : signature.refused ? p('Không ký biên bản.', 'mb')
        : image ? h('img', { src: image, alt: `Chữ ký của ${signature.full_name}`, class: 'msign-image' })
          : h('div', { class: 'msign-space' }),
    signature ? p(signature.full_name, 'mb') : null);
}

/**
 * The record as a document; `meta` {definitions: {slug: definition}, number, signatures,
 * images: {uuid: url}}: definitions word the answers, the rest once known.
 */
export function minutesDocument(r, meta = {}) {
  const start = parts(r.started_at);
  const end = r.ended_at && parts(r.ended_at);
  const body = r.body;
  const defs = meta.definitions || {};
  // Left blank in the draft, strengths and shortcomings are written from the findings (as the PDF).
  const a = { ...r.assessment, strengths: r.assessment.strengths || W.strengths(r),
    shortcomings: r.assessment.shortcomings || W.shortcomings(r, defs) };
  const unit = W.unitInSentence(r.unit.name);
  const reportBy = W.byDate(W.reportBy(r));
  const n0 = r.attendance.length ? 2 : 1;
  return h('article', { class: 'minutes-doc', 'data-minutes': r.minutes },
    h('div', { class: 'mhead' },
      h('div', {}, body.parent && p(body.parent.toUpperCase()), p((body.name || 'Đoàn kiểm tra').toUpperCase(), 'mb'), p(`Số: ${meta.number || '      /BB-ĐKT'}`)),
      h('div', {}, p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'mb'), p('Độc lập - Tự do - Hạnh phúc', 'mb mu'),
        p(`${W.placeOf(body.parent || body.name || r.unit.name)}, ${longDate(start)}`, 'mi'))),
    p('BIÊN BẢN KIỂM TRA', 'mt'),
    p(W.subject(r), 'mb mc'),
    r.amends && p(`Biên bản này sửa đổi, thay thế biên bản kiểm tra đã ký trước đó. Lý do sửa đổi: ${r.amendment_reason || 'không ghi'}.`, 'mi'),
    [r.grounds.team_decision, r.grounds.plan].filter(Boolean).map((g) => p(`Căn cứ ${g};`)),
    p(`Hôm nay, vào hồi ${clock(start)}, ${longDate(start)}, tại ${r.location || unit}, Đoàn kiểm tra tiến hành ${r.kind === 'surprise' ? 'kiểm tra đột xuất (không báo trước)' : 'kiểm tra theo kế hoạch'} tại ${unit}.`),
    p('I. THÀNH PHẦN', 'mh'), p('1. Đoàn kiểm tra:', 'ms'),
    r.members.map((m) => person(m, ` – ${ROLE[m.team_role] || m.team_role};`)),
    r.members.length ? null : p('Thiết bị chưa có thành phần đoàn của phiếu này: hãy đồng bộ trước khi ký.', 'error'),
    p('2. Đại diện đơn vị được kiểm tra:', 'ms'),
    r.representatives.length ? r.representatives.map((x) => person(x, ';')) : p('- Không có.'),
    p('II. NỘI DUNG KIỂM TRA', 'mh'), r.attendance.length ? attendance(r.attendance, r.roll_call) : null,
    r.checklists.map((c, i) => checklist(c, n0 + i, defs)),
    p('III. ĐÁNH GIÁ CHUNG', 'mh'),
    [['Ưu điểm', a.strengths], ['Tồn tại, hạn chế', a.shortcomings], ['Nguyên nhân', a.causes]].map(([label, text], i) => [p(`${i + 1}. ${label}:`, 'ms'), p(text || 'Không có.')]),
    p('IV. KIẾN NGHỊ, YÊU CẦU KHẮC PHỤC', 'mh'),
    r.remediation.length ? table(['STT', 'Nội dung yêu cầu khắc phục', 'Căn cứ', 'Người chịu trách nhiệm', 'Thời hạn'], r.remediation.map((x, i) => [
      i + 1, [(x.action || '').replace(/\.$/, ''), x.item && h('i', {}, ` (${x.item})`), /\.$/.test(x.action || '') ? '.' : ''], x.basis, x.responsible, W.byDate(x.deadline).replace(/^t/, 'T')]))
      : p('Không có yêu cầu khắc phục.'),
    r.remediation.length ? p(`${unit} tổ chức khắc phục các tồn tại, hạn chế nêu trên và báo cáo kết quả khắc phục bằng văn bản, kèm tài liệu, hình ảnh minh chứng, gửi ${body.name || 'Đoàn kiểm tra'}${reportBy ? ` ${reportBy}` : ''}.`) : null,
    p('V. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA', 'mh'), p(r.unit_opinion || 'Không có ý kiến khác.'),
    end && p(`Buổi kiểm tra kết thúc vào hồi ${clock(end)} ${end.day + end.month + end.year === start.day + start.month + start.year ? 'cùng ngày' : longDate(end)}.`),
    (meta.signatures || []).filter((s) => s.refused).map((s) => p(`Đại diện đơn vị được kiểm tra (${s.full_name}) từ chối ký biên bản. Lý do: ${s.refusal_reason}.`, 'refusal')),
    p('Biên bản đã được đọc lại cho những người tham dự cùng nghe, thống nhất nội dung và ký tên dưới đây. Biên bản được lập thành 02 bản có giá trị như nhau, đơn vị được kiểm tra giữ 01 bản, Đoàn kiểm tra giữ 01 bản.'),
    h('div', { class: 'msigns' }, [['unit_rep', 'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA'], ['lead', 'TRƯỞNG ĐOÀN KIỂM TRA']].map(([role, heading]) => {
      const signature = (meta.signatures || []).find((s) => s.role === role);
      return signatureBlock(heading, signature, signature && (meta.images || {})[signature.uuid]);
    })),
    appendixPhotos(r).length ? p(`Phụ lục: ${appendixPhotos(r).length} ảnh minh chứng.`, 'mi') : null);
}
