/** What a screen about one inspection needs, read from the store in one go. */
import * as store from '../store.js';
import * as outbox from '../outbox.js';
import { isLocked } from '../minutes/state.js';

/** Labels of the kinds of inspection. */
export const KIND = { planned: 'Theo kế hoạch', surprise: 'Đột xuất' };

/**
 * The inspection with its unit, round, checklist versions, its outbox ops, local photos and
 * working minutes, whether signing has locked it, and the signed-in user; null when the device does not hold it.
 */
export async function inspectionContext(uuid) {
  const record = await store.get('inspections', uuid);
  if (!record) return null;
  const [unit, round, ops, photos, versions, minutes, user] = await Promise.all([
    record.unit_id != null ? store.get('units', record.unit_id) : null,
    record.round_id != null ? store.get('rounds', record.round_id) : null,
    store.getByIndex('outbox', 'inspection', uuid),
    store.getByIndex('photos', 'inspection', uuid),
    Promise.all(record.checklist_version_ids.map((id) => store.get('checklists', id))),
    store.get('minutes', uuid),
    store.getMeta('user'),
  ]);
  const summary = outbox.summarize(ops, photos).get(uuid);
  return {
    record, unit, round, ops, photos, versions: versions.filter(Boolean), summary, minutes: minutes || null,
    locked: isLocked(record, minutes), user: user || null,
  };
}

/** "Xã Tân Lập" or a placeholder when the unit has not been pulled. */
export const unitName = (unit, record) => (unit ? unit.name : `Đơn vị mã ${record.unit_id}`);
