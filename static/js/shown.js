/**
 * What a checklist version shows on the device for a record's answers: the visible item ids and
 * the computed items' values (visibility.js, the same rules as the server's visibility.py;
 * shownOf is shown_items there). A repeat group's instance is named by a key the device makes;
 * its fields are answered as "FIELD#KEY" and the group's own answer is the list of its keys.
 */
import { responseKey } from './records.js';
import { computedValues, visibility } from './visibility.js';

export const INSTANCE_KEY = /^[a-z0-9]{1,16}$/;

/** A repeat group's instance keys from its stored answer (anything malformed: none). */
export function instanceKeys(value) {
  return Array.isArray(value) ? value.filter((k) => typeof k === 'string' && INSTANCE_KEY.test(k)) : [];
}

/** A new instance key, unlike any of `taken`. */
export function newInstanceKey(taken) {
  let key;
  do key = Math.random().toString(36).slice(2, 8); while (!INSTANCE_KEY.test(key) || taken.includes(key));
  return key;
}

/** The expression language's answers from answers stored by item id (answers_from in Python). */
export function answersFrom(definition, stored) {
  const out = {};
  for (const [id, value] of Object.entries(stored)) if (!id.includes('#')) out[id] = value;
  for (const section of definition.sections || []) {
    if (!('repeat' in section)) continue;
    const fields = (section.items || []).map((i) => i.id);
    out[section.id] = instanceKeys(stored[section.id])
      .map((key) => Object.fromEntries(fields.map((f) => [f, stored[`${f}#${key}`] ?? null])));
  }
  return out;
}

/** This version's answers by item id, from a record (responses keyed by responseKey). */
export function storedOf(version, record) {
  const prefix = responseKey(version.id, '');
  const stored = {};
  for (const [key, answer] of Object.entries(record.responses || {})) {
    if (key.startsWith(prefix)) stored[key.slice(prefix.length)] = answer ? answer.value ?? null : null;
  }
  return stored;
}

/**
 * {sections, visible, computed, stored}: section ids shown, item ids shown (a repeat's fields as
 * "FIELD#KEY" where shown in that instance), computed values by id, and the stored answers.
 */
export function shownOf(version, record) {
  const definition = version.definition || {};
  const stored = storedOf(version, record);
  const answers = answersFrom(definition, stored);
  const seen = visibility(definition, answers);
  const computedAll = computedValues(definition, answers);
  const visible = new Set(seen.items);
  const computed = {};
  for (const section of definition.sections || []) {
    const ids = (section.items || []).map((i) => i.id);
    const calculated = (section.items || []).filter((i) => i.type === 'computed').map((i) => i.id);
    if (!('repeat' in section)) {
      for (const id of calculated) computed[id] = computedAll[id] ?? null;
      continue;
    }
    for (const id of ids) visible.delete(id);
    instanceKeys(stored[section.id]).forEach((key, n) => {
      const row = (seen.rows[section.id] || [])[n] || new Set();
      for (const id of row) visible.add(`${id}#${key}`);
      for (const id of calculated) computed[`${id}#${key}`] = ((computedAll[section.id] || [])[n] || {})[id] ?? null;
    });
  }
  return { sections: seen.sections, visible, computed, stored };
}

/**
 * The items a section asks, as cards show them: its own, or for a repeat group each field once
 * per instance, as {...field, id: "FIELD#KEY", field, instance: {key, n}}.
 */
export function itemsOf(section, shown) {
  if (!('repeat' in section)) return section.items;
  return instanceKeys(shown.stored[section.id]).flatMap((key, n) => section.items.map((field) => ({
    ...field, id: `${field.id}#${key}`, field: field.id, instance: { key, n },
  })));
}
