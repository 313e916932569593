/**
 * What a checklist version shows on the device for a record's answers: the visible item ids and
 * the computed items' values (visibility.js, the same rules as the server's visibility.py).
 * A repeat group's fields show as plain items while its section is shown (one block each).
 */
import { responseKey } from './records.js';
import { answersOf, computedValues, visibility } from './visibility.js';

export function shownOf(version, record) {
  const definition = version.definition || {};
  const answers = answersOf(definition, (id) => {
    const answer = record.responses[responseKey(version.id, id)];
    return answer ? answer.value : null;
  });
  const seen = visibility(definition, answers);
  const visible = new Set(seen.items);
  for (const section of definition.sections || []) {
    if ('repeat' in section && seen.sections.has(section.id)) for (const item of section.items || []) visible.add(item.id);
  }
  return { sections: seen.sections, visible, computed: computedValues(definition, answers) };
}
