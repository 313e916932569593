/**
 * The minutes record (docs/minutes.md, "The record") built on the device from what the pull sent.
 *
 * inspect_app/minutes/record.py builds the same record from the database; the two must agree to
 * the byte, so every rule here (order, which text, what is null) is stated in the doc and
 * mirrored there. No storage, no DOM: plain objects in, a plain object out.
 */
import { basisText, inspectionDay, isFailed } from '../checklist.js';
import { responseKey } from '../records.js';
import { compareCodePoints, formatTime, normalizeText } from './canonical.js';
import { instanceKeys, shownOf } from '../shown.js';
import { tally } from '../rollcall.js';

export const FORMAT = 1;
const ROLE_ORDER = { lead: 0, member: 1, secretary: 2 };

const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const orNull = (x) => (x === undefined ? null : x);
/** Pull sends lists; the device's records.js keeps maps keyed by id: read either. */
const members = (x) => (Array.isArray(x) ? x : Object.values(x || {})).filter(isObject);

/** Sorted on the text as it is hashed (NFC, trimmed), null first, by code point. */
function compareTexts(a, b) {
  const x = typeof a === 'string' ? normalizeText(a) : orNull(a);
  const y = typeof b === 'string' ? normalizeText(b) : orNull(b);
  if (x === null || y === null) return (x === null ? 0 : 1) - (y === null ? 0 : 1);
  return compareCodePoints(String(x), String(y));
}

function byKeys(keys) {
  return (a, b) => {
    for (const key of keys) {
      const d = compareTexts(a[key], b[key]);
      if (d !== 0) return d;
    }
    return 0;
  };
}

const pick = (source, keys) => Object.fromEntries(keys.map((k) => [k, orNull((isObject(source) ? source : {})[k])]));

function checklistsOf(inspection, checklists) {
  const byId = new Map((checklists || []).map((c) => [c.id, c]));
  const answers = new Map();
  const responses = inspection.responses || [];
  if (Array.isArray(responses)) {
    for (const r of responses) answers.set(responseKey(r.checklist_version_id, r.item_id), r);
  } else {
    for (const [key, r] of Object.entries(responses)) answers.set(key, r);
  }
  const versions = (inspection.checklist_version_ids || []).map((id) => {
    const version = byId.get(id);
    if (!version) throw new Error(`checklist version ${id} is not on this device`);
    return version;
  });
  versions.sort((a, b) => compareCodePoints(a.slug, b.slug) || a.version - b.version);
  // The basis printed is the law in force on the inspection's day (checklists/legal.py).
  const day = inspectionDay(inspection.started_at);
  return versions.map((v) => {
    const definition = v.definition || {};
    // What the checklist shows for these answers (shown.js): hidden items are not reported;
    // computed items print their value.
    const shown = shownOf(v, { responses: Object.fromEntries(answers) });
    const sections = (definition.sections || []).filter((s) => isObject(s) && shown.sections.has(s.id)).map((s) => {
      // A repeat group's field: its value in each instance, in order (null where hidden).
      const keys = 'repeat' in s ? instanceKeys(shown.stored[s.id]) : null;
      const items = [];
      for (const item of (s.items || []).filter((i) => isObject(i) && i.id)) {
        const of = item.type === 'computed' ? shown.computed : shown.stored;
        let value;
        let note = null;
        let failed;
        if (keys) {
          const ids = keys.map((key) => `${item.id}#${key}`);
          if (!ids.some((id) => shown.visible.has(id))) continue;
          value = ids.map((id) => (shown.visible.has(id) ? of[id] ?? null : null));
          failed = value.some((x) => isFailed(item, x));
        } else if (shown.visible.has(item.id)) {
          const answer = answers.get(responseKey(v.id, item.id));
          value = of[item.id] ?? null;
          note = answer && of === shown.stored ? orNull(answer.note) : null;
          failed = isFailed(item, value);
        } else continue;
        items.push({
          id: item.id, text: orNull(item.text), severity: orNull(item.severity),
          basis: day && basisText(definition, item, day), value, note, failed,
        });
      }
      return { id: orNull(s.id), title: orNull(s.title), items };
    });
    return { slug: v.slug, version: v.version, title: definition.title || v.title, sections };
  });
}

function photosOf(inspection, checklists) {
  const slugs = new Map((checklists || []).filter((c) => (inspection.checklist_version_ids || []).includes(c.id))
    .map((c) => [c.id, c.slug]));
  // Evidence of a remediation check made during the visit belongs to that item, not here.
  const photos = members(inspection.photos).filter((p) => p.remediation_item_id == null).map((p) => ({
    sha256: p.sha256, caption: orNull(p.caption), captured_at: formatTime(p.captured_at),
    checklist: slugs.get(p.checklist_version_id) ?? null, item: orNull(p.item_id),
    // Only on a marked-up photo (record.py does the same): other records keep their exact form.
    ...(p.markup_of ? { markup_of: p.markup_of } : {}),
  }));
  return photos.sort((a, b) => compareTexts(a.captured_at, b.captured_at)
    || compareCodePoints(a.sha256, b.sha256));
}

function body(team, round) {
  const office = (team && team.office) || (round && round.office) || null;
  return office ? { parent: orNull(office.parent), name: orNull(office.name) } : { parent: null, name: null };
}

/**
 * What the draft adds to the record, reduced to the record's keys.
 * @param {object} draft {representatives, assessment, remediation, unit_opinion, ended_at}
 * @returns {object}
 */
export function draftPart(draft) {
  const d = isObject(draft) ? draft : {};
  const list = (x) => (Array.isArray(x) ? x.filter(isObject) : []);
  return {
    representatives: list(d.representatives).map((r) => pick(r, ['full_name', 'position'])),
    assessment: pick(d.assessment, ['strengths', 'shortcomings', 'causes']),
    remediation: list(d.remediation).map((r) => pick(r, ['uuid', 'checklist', 'item', 'action', 'basis',
      'responsible', 'deadline'])),
    unit_opinion: orNull(d.unit_opinion),
  };
}

/**
 * The record of format 1, from data in the shapes the pull sends (docs/sync-protocol.md).
 * @param {object} input
 * @param {object} input.inspection one of pull's `inspections[]` (or records.js's record of it)
 * @param {object[]} input.checklists pull's `checklists[]` entries (at least those it uses)
 * @param {object} input.unit pull's `units[]` entry of the inspected unit
 * @param {object|null} input.team pull's `user.teams[]` entry of the inspection's team
 * @param {object|null} input.round pull's `rounds[]` entry of its round (null: no round)
 * @param {object} input.draft {representatives, assessment, remediation, unit_opinion, ended_at}
 * @param {string} input.minutes uuid of these minutes
 * @param {string|null} [input.amends] uuid of the minutes these amend
 * @param {string|null} [input.amendment_reason]
 * @returns {object}
 */
export function buildRecord(input) {
  const { inspection, checklists, unit, team = null, round = null } = input;
  const draft = isObject(input.draft) ? input.draft : {};
  const rank = (m) => ROLE_ORDER[m.team_role] ?? 3;
  // Only someone met on site is flagged (record.py does the same).
  const attendance = members(inspection.attendance).map((a) => ({
    ...pick(a, ['full_name', 'position', 'status', 'note']), ...(a.staff_member_id == null ? { met_on_site: true } : {}),
  })).sort(byKeys(['full_name', 'position', 'status', 'note']));
  return {
    format: FORMAT,
    minutes: input.minutes,
    amends: orNull(input.amends),
    amendment_reason: orNull(input.amendment_reason),
    inspection: inspection.uuid,
    kind: inspection.kind,
    body: body(team, round),
    grounds: { team_decision: team ? orNull(team.decision_ref) : null, plan: round ? orNull(round.plan_ref) : null },
    unit: { id: unit.id, name: unit.name },
    location: orNull(inspection.location),
    started_at: formatTime(inspection.started_at),
    ended_at: formatTime(draft.ended_at || inspection.ended_at),
    // Array.prototype.sort is stable: members keep their listed order within a role.
    members: members(inspection.members).sort((a, b) => rank(a) - rank(b))
      .map((m) => pick(m, ['full_name', 'position', 'team_role'])),
    attendance,
    // The figures the minutes state ("Có mặt 10/10 …"), only when a roll-call was taken.
    ...(attendance.length ? { roll_call: tally(attendance) } : {}),
    checklists: checklistsOf(inspection, checklists),
    photos: photosOf(inspection, checklists),
    ...draftPart(draft),
  };
}
