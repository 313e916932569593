/** Screen: the minutes of one inspection — draft, preview, signing, the server's verdict. */
import * as store from '../store.js';
import * as minutes from '../minutes/actions.js';
import { prefill, problem, requestsForFailures } from '../minutes/draft.js';
import { ROLES, anySigned, isLead, minutesState } from '../minutes/state.js';
import { minutesStatus } from './minutes-card.js';
import { signatureForm } from '../minutes/sign.js';
import { blobUrl, h, mount, toast, when } from './dom.js';
import { inspectionContext, unitName } from './data.js';
import { draftForm } from './minutes-draft.js';
import { definitionsOf, minutesDocument } from './minutes-preview.js';
import { shortcomings, strengths, unitInSentence } from '../minutes/wording.js';
import { contradictions, refusal } from '../rollcall.js';
import { openConflictItems } from '../records.js';
import { supplementsText } from './supplements.js';

// Said when what is about to be signed changed after it was shown (a sync, a photo processed).
const CHANGED = 'Biên bản vừa được cập nhật (đồng bộ hoặc ảnh vừa xử lý xong): hãy đọc lại rồi bấm “Ký biên bản”.';

export const live = true;
let editing = false;
/** A sync must not redraw a form being typed in or a signature being drawn. */
export const canRedraw = () => !editing;

const EMPTY = { representatives: [], assessment: {}, remediation: [], unit_opinion: null, ended_at: null };
const WHO = { lead: 'Trưởng đoàn kiểm tra', unit_rep: 'Đại diện đơn vị được kiểm tra' };
const button = (id, label, onclick, cls = 'block') => h('button', { type: 'button', id, class: cls, onclick }, label);

export async function render(view, uuid, sub) {
  editing = false;
  const [ctx, user] = await Promise.all([inspectionContext(uuid), store.getMeta('user')]);
  if (!ctx) return mount(view, h('p', { class: 'error' }, 'Thiết bị không còn phiếu này.'));
  const home = `#/i/${uuid}/minutes`;
  const top = [h('p', {}, h('a', { href: `#/i/${uuid}` }, `‹ ${unitName(ctx.unit, ctx.record)}`)), h('h1', {}, 'Biên bản kiểm tra')];
  if (!isLead(user, ctx.record)) return mount(view, top, minutesStatus(ctx), h('p', { class: 'hint' }, 'Chỉ trưởng đoàn lập và ký biên bản.'));
  if (ctx.versions.length < ctx.record.checklist_version_ids.length) return mount(view, top, h('p', { class: 'error' }, 'Thiếu bảng kiểm trên thiết bị: hãy đồng bộ.'));
  const again = () => render(view, uuid, sub);
  const head = ctx.unit ? `Lãnh đạo ${unitInSentence(ctx.unit.name)}` : null;
  let state = minutesState(ctx.record, ctx.minutes, ctx.ops);
  if (state.phase === 'none') {
    ctx.minutes = await minutes.startDraft(uuid, prefill(minutes.recordOf(ctx, user, { draft: EMPTY }), ctx.versions, ctx.unit && ctx.unit.name));
    state = minutesState(ctx.record, ctx.minutes, ctx.ops);
  }
  const local = ctx.minutes;

  if (state.phase === 'draft') {
    const record = minutes.recordOf(ctx, user, local);
    if (sub !== 'preview') {
      editing = true;
      const { draft } = local;
      let saving = Promise.resolve();
      // Saved in order, a copy each time: the form keeps editing the same object meanwhile.
      const save = () => { const copy = structuredClone(draft); saving = saving.then(() => minutes.saveDraft(uuid, copy)); };
      return mount(view, top, minutesStatus(ctx),
        local.amends ? h('p', { class: 'hint' }, `Biên bản sửa đổi. Lý do: ${local.amendment_reason}`) : null,
        draftForm(draft, {
          save, redraw: () => saving.then(again), record,
          written: { strengths: strengths(record), shortcomings: shortcomings(record, definitionsOf(record, ctx.versions)) },
          missing: requestsForFailures(record, ctx.versions, head, draft.remediation),
        }),
        button('preview-minutes', 'Xem biên bản', () => saving.then(() => { window.location.hash = `${home}/preview`; }), 'primary block'));
    }
    // The server refuses these too (minutes.operations): one document never says two things.
    const conflicts = contradictions(record, ctx.versions);
    // Items two devices answered differently: the lead chooses first (the server refuses otherwise).
    const raced = openConflictItems(ctx.record);
    const racedText = raced.length ? `Chưa ký được: còn hai câu trả lời khác nhau ở mục ${raced.join(', ')}` : null;
    const freeze = async () => {
      // Signed must be what was read: a sync since the preview was drawn shows it again first.
      const now = await inspectionContext(uuid);
      if (JSON.stringify(minutes.recordOf(now, user, now.minutes)) !== JSON.stringify(record)) {
        toast(CHANGED);
        return again();
      }
      const wrong = problem(local.draft) || (record.members.length ? null : 'Thiết bị chưa có thành phần đoàn: hãy đồng bộ trước khi ký.')
        || (conflicts.length ? `Câu trả lời mâu thuẫn với điểm danh (${refusal(conflicts)}). Hãy sửa cho khớp rồi ký.` : null)
        || (openConflictItems(now.record).length ? `${racedText}. Hãy chọn một câu trả lời ở từng mục đó rồi ký.` : null);
      if (wrong) return toast(wrong);
      await minutes.freeze(now, user);
      window.location.hash = home;
      return null;
    };
    return mount(view, top,
      conflicts.length ? h('div', { class: 'rollcall-conflicts', id: 'rollcall-conflicts', role: 'alert' },
        h('strong', {}, 'Câu trả lời mâu thuẫn với điểm danh — chưa ký được:'),
        h('ul', {}, conflicts.map((c) => h('li', {}, `${c.item}: ${c.reason}.`)))) : null,
      raced.length ? h('p', { class: 'error raced-items', role: 'alert' }, `${racedText}: hãy mở từng mục và chọn một câu trả lời.`) : null,
      minutesDocument(record, { definitions: definitionsOf(record, ctx.versions) }),
      h('p', { class: 'hint' }, '“Ký biên bản” khoá nội dung và tính mã băm; sau đó trưởng đoàn và đại diện đơn vị ký.'),
      h('div', { class: 'actions sticky-actions' }, h('a', { class: 'button', href: home, id: 'edit-minutes' }, 'Sửa bản nháp'),
        button('sign-minutes', raced.length ? `Ký biên bản (chờ chọn mục ${raced.join(', ')})` : 'Ký biên bản', freeze, 'primary')));
  }

  // Frozen, sent, refused, signed or issued: the text as signed, then what may still be done.
  const signatures = local ? local.signatures : [];
  const rep = (local && local.draft.representatives[0]) || {};
  const forms = state.phase !== 'frozen' ? [] : ROLES.filter((r) => !signatures.some((s) => s.role === r)).map((role) => signatureForm({
    role, heading: WHO[role], canRefuse: role === 'unit_rep',
    fullName: role === 'lead' ? user.full_name : rep.full_name, title: role === 'lead' ? WHO.lead : rep.position,
  }, (s, png) => minutes.sign(uuid, { role, ...s }, png).then(again)));
  editing = forms.length > 0;
  const server = state.server;
  // The drawn signatures are shown from the device's own copies (kept until uploaded and beyond).
  const images = Object.fromEntries((await Promise.all(signatures.filter((s) => !s.refused).map(
    async (s) => [s.uuid, await store.get('signatures', s.uuid)]))).filter(([, row]) => row && row.blob)
    .map(([key, row]) => [key, blobUrl(row.blob)]));
  // What inspectors sent after signing goes into the amended minutes with the reason (editable).
  const reason = h('textarea', { id: 'amend-reason', rows: 2, placeholder: 'Lý do sửa đổi', value: supplementsText(ctx.record, ctx.versions) });
  const amend = () => (reason.value.trim()
    ? minutes.amend(uuid, server.uuid, reason.value.trim(), local ? local.draft : EMPTY).then(again) : toast('Hãy ghi lý do sửa đổi.'));
  return mount(view, top, minutesStatus(ctx),
    state.phase === 'refused' && state.op.type === 'minutes.sign' ? button('redo-minutes', 'Sửa và ký lại', () => minutes.redo(uuid).then(again), 'primary block') : null,
    server && !ctx.ops.some((o) => o.type === 'minutes.amend')
      ? h('section', { class: 'card' }, h('h2', {}, 'Lập biên bản sửa đổi'), reason, button('amend-minutes', 'Lập biên bản sửa đổi', amend)) : null,
    local && local.record ? minutesDocument(local.record, { definitions: definitionsOf(local.record, ctx.versions), number: server && server.number, signatures, images }) : null,
    h('ul', { class: 'signed-list' }, signatures.map((s) => h('li', { 'data-role': s.role }, `${WHO[s.role]}: ${s.full_name} — `,
      s.refused ? `từ chối ký. Lý do: ${s.refusal_reason}` : `đã ký lúc ${when(s.signed_at)}`))),
    forms,
    state.phase === 'frozen' && !anySigned(local) ? button('unfreeze-minutes', 'Sửa bản nháp', () => minutes.unfreeze(uuid).then(again)) : null);
}
