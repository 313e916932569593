/**
 * The minutes' draft (docs/minutes.md, "Life of the minutes" 1), exactly the `draft` of the
 * minutes.sign op: {representatives, assessment, remediation, unit_opinion, ended_at}.
 * Pre-filled from the record's failed items, then edited freely. Plain objects, no storage.
 */

const DEFAULT_DAYS = 30; // a checklist without deadline_days for a severity

/** 'YYYY-MM-DD', `days` after a time (or now), in the device's time zone. */
export function deadlineFor(endedAt, days) {
  const d = new Date(endedAt || Date.now());
  d.setDate(d.getDate() + days);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

/**
 * The item's text turned into a request: make it true (compliant "yes"), stop it (compliant
 * "no": the text states the fault), or correct it (a figure or choice out of bounds).
 */
export function requestText(def, item) {
  let text = String(item.text || item.id).trim().replace(/\.$/, '');
  if (/^\p{Lu}\p{Ll}/u.test(text)) text = text[0].toLowerCase() + text.slice(1); // "UBND…" stays
  if (def && (def.type || 'yes_no') !== 'yes_no') return `Khắc phục tồn tại: ${text}.`;
  return def && def.compliant === 'no' ? `Chấn chỉnh, chấm dứt tình trạng ${text}.` : `Bảo đảm ${text}.`;
}

/**
 * A pre-filled request for each failed item of `record` (buildRecord's output) that no request
 * of `existing` cites; deadlines from the checklist's `deadline_days[severity]`.
 */
export function requestsForFailures(record, versions, responsible, existing = []) {
  const cited = new Set(existing.map((r) => `${r.checklist}/${r.item}`));
  const out = [];
  for (const c of record.checklists) {
    const v = versions.find((x) => x.slug === c.slug && x.version === c.version);
    const definition = (v && v.definition) || {};
    const defs = (definition.sections || []).flatMap((s) => s.items || []);
    for (const item of c.sections.flatMap((s) => s.items)) {
      if (!item.failed || cited.has(`${c.slug}/${item.id}`)) continue;
      out.push({
        uuid: crypto.randomUUID(), checklist: c.slug, item: item.id,
        action: requestText(defs.find((d) => d.id === item.id), item), basis: item.basis, responsible,
        deadline: deadlineFor(record.ended_at, (definition.deadline_days || {})[item.severity] ?? DEFAULT_DAYS),
      });
    }
  }
  return out;
}

/** The draft first shown: one representative to fill in, a request per failed item. */
export const prefill = (record, versions, unitName) => ({
  representatives: [{ full_name: null, position: null }],
  assessment: { strengths: null, shortcomings: null, causes: null },
  remediation: requestsForFailures(record, versions, unitName ? `Lãnh đạo ${unitName}` : null),
  unit_opinion: null,
  ended_at: null,
});

/** A request typed by hand (no item), due in 30 days. */
export const blankRequest = (endedAt) => ({
  uuid: crypto.randomUUID(), checklist: null, item: null, action: null, basis: null, responsible: null,
  deadline: deadlineFor(endedAt, DEFAULT_DAYS),
});

const blank = (x) => x == null || !String(x).trim();

/** The draft as the op sends it: rows left wholly empty dropped (the server needs a name). */
export const forOp = (d) => ({
  ...d, representatives: d.representatives.filter((r) => !blank(r.full_name) || !blank(r.position)),
});

/** What stops the draft from being signed, in Vietnamese; null when nothing does. */
export function problem(draft) {
  if (forOp(draft).representatives.some((r) => blank(r.full_name))) return 'Hãy ghi họ tên của đại diện đơn vị.';
  const n = draft.remediation.findIndex((r) => blank(r.action) || !/^\d{4}-\d{2}-\d{2}$/.test(r.deadline || ''));
  return n < 0 ? null : `Yêu cầu khắc phục số ${n + 1} chưa có nội dung hoặc thời hạn.`;
}
