/** An answer as the inspector saw it on the item's buttons ("Không đạt", "1 người"), for
 * screens that show an answer away from its item (conflicts, refused work, supplements). */
import { answerType, yesNoOptions } from '../checklist.js';
import { answer as printed } from '../minutes/wording.js';

/** The item `itemId` of checklist version `versionId` among `versions`, or null. */
export function itemOf(versions, versionId, itemId) {
  const version = (versions || []).find((v) => v.id === versionId);
  for (const s of ((version && version.definition) || {}).sections || []) {
    const found = (s.items || []).find((i) => i.id === itemId);
    if (found) return found;
  }
  return null;
}

/** `value` as the item's button says it, else as the minutes print it. */
export function answerLabel(item, value) {
  if (item && answerType(item) === 'yes_no') {
    const option = yesNoOptions(item).find((o) => o.value === value);
    if (option) return option.label;
  }
  return printed(value, item);
}
