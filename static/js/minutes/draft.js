/**
 * The minutes' draft (docs/minutes.md, "Life of the minutes" 1), exactly the `draft` of the
 * minutes.sign op: {representatives, assessment, remediation, unit_opinion, ended_at}.
 * Pre-filled from the record's failed items, then edited freely. Plain objects, no storage.
 */

import { dueDate, remedy, unitInSentence } from './wording.js';

const DEFAULT_DAYS = 30; // a checklist without deadline_days for a severity

/** 'YYYY-MM-DD', `days` after the minutes' date (the day the inspection started, Vietnam time). */
export const deadlineFor = (record, days) => dueDate(record.started_at ? record : { started_at: new Date().toISOString() }, days);

/** The request for a failed item: the item's `remedy`, else an action made from its text. */
export const requestText = (def, item) => remedy(item, def);

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
        deadline: deadlineFor(record, (definition.deadline_days || {})[item.severity] ?? DEFAULT_DAYS),
      });
    }
  }
  return out;
}

/**
 * The draft first shown: one representative to fill in, a request per failed item. The
 * assessment stays blank: the minutes then write it from the findings as they are when signed
 * (wording.js), never from answers changed since the draft began.
 */
export const prefill = (record, versions, unitName) => ({
  representatives: [{ full_name: null, position: null }],
  assessment: { strengths: null, shortcomings: null, causes: null },
  remediation: requestsForFailures(record, versions, unitName ? `Lãnh đạo ${unitInSentence(unitName)}` : null),
  unit_opinion: null,
  ended_at: null,
});

/** A request typed by hand (no item), due 30 days after the minutes' date. */
export const blankRequest = (record) => ({
  uuid: crypto.randomUUID(), checklist: null, item: null, action: null, basis: null, responsible: null,
  deadline: deadlineFor(record, DEFAULT_DAYS),
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
