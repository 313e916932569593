/** Screen: start an inspection — a unit (search), a round or a surprise visit, the checklists. */
import * as store from '../store.js';
import * as actions from '../actions.js';
import { currentVersions } from '../checklist.js';
import { day, fold, h, mount, toast } from './dom.js';

const SURPRISE = 'surprise';
const MAX_RESULTS = 30;
let choosing = false;

/** A sync may redraw the screen only before the inspector has picked a unit. */
export const canRedraw = () => !choosing;

export async function render(view) {
  const [units, rounds, checklists, user] = await Promise.all([
    store.getAll('units'), store.getAll('rounds'), store.getAll('checklists'), store.getMeta('user'),
  ]);
  if (!user) {
    mount(view, h('h1', {}, 'Bắt đầu kiểm tra'), h('p', { class: 'error' },
      'Thiết bị chưa có danh sách đơn vị và bảng kiểm. Hãy kết nối mạng và bấm “Đồng bộ” trước.'));
    return;
  }
  const teams = user.teams || [];
  const myTeams = new Set(teams.map((t) => t.id));
  const versions = currentVersions(checklists);
  choosing = false;
  const state = { unit: null, round: null, teamId: teams.length ? teams[0].id : null, slugs: new Set() };

  const results = h('ul', { class: 'choices', id: 'unit-results' });
  const search = h('input', {
    type: 'search', id: 'unit-search', placeholder: 'Tìm theo tên đơn vị', autocomplete: 'off',
    'aria-label': 'Tìm đơn vị', oninput: () => showUnits(),
  });
  const details = h('div', { id: 'start-details' });

  function showUnits() {
    const q = fold(search.value.trim());
    const found = units.filter((u) => !u.historical && (!q || fold(u.name).includes(q) || fold(u.code).includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')).slice(0, MAX_RESULTS);
    results.replaceChildren(...found.map((u) => h('li', {},
      h('button', { type: 'button', class: 'choice', onclick: () => pickUnit(u) }, u.name))));
  }

  function pickUnit(unit) {
    choosing = true;
    state.unit = unit;
    results.replaceChildren();
    const open = rounds.filter((r) => ['planned', 'active'].includes(r.status) && myTeams.has(r.team_id)
      && r.unit_ids.includes(unit.id));
    state.round = open.length === 1 ? open[0] : null;
    if (!open.length) state.round = SURPRISE;
    drawDetails(open);
  }

  function pickRound(round) {
    state.round = round;
    state.slugs = new Set(round === SURPRISE ? [] : round.checklist_slugs);
    drawDetails(null);
  }

  function drawDetails(open) {
    if (open) state.slugs = new Set(state.round && state.round !== SURPRISE ? state.round.checklist_slugs : []);
    const openRounds = open || rounds.filter((r) => ['planned', 'active'].includes(r.status)
      && myTeams.has(r.team_id) && r.unit_ids.includes(state.unit.id));
    const roundChoices = [...openRounds.map((r) => [r, `${r.name} (${day(r.period_start)}–${day(r.period_end)})`]),
      [SURPRISE, 'Kiểm tra đột xuất ngoài kế hoạch']].map(([r, label]) => h('label', { class: 'option' },
      h('input', { type: 'radio', name: 'round', checked: state.round === r, onchange: () => pickRound(r) }), label));
    const teamChoice = state.round === SURPRISE && teams.length > 1
      ? h('label', { class: 'field' }, 'Đoàn kiểm tra', h('select', {
        id: 'team', onchange: (e) => { state.teamId = Number(e.target.value); },
      }, teams.map((t) => h('option', { value: t.id, selected: t.id === state.teamId }, t.name))))
      : null;
    const checks = versions.map((v) => h('label', { class: 'option' },
      h('input', { type: 'checkbox', name: 'checklist', value: v.slug, checked: state.slugs.has(v.slug),
        onchange: (e) => { if (e.target.checked) state.slugs.add(v.slug); else state.slugs.delete(v.slug); } }),
      v.title));
    const place = h('input', { type: 'text', id: 'location', placeholder: 'Ví dụ: Trụ sở UBND xã', maxlength: 300 });
    mount(details, 
      h('p', { class: 'picked' }, h('strong', {}, state.unit.name), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { state.unit = null; choosing = false; details.replaceChildren(); showUnits(); search.focus(); } }, 'Đổi')),
      h('fieldset', {}, h('legend', {}, 'Đợt kiểm tra'), roundChoices),
      teamChoice,
      h('fieldset', {}, h('legend', {}, 'Bảng kiểm'), checks.length ? checks : h('p', { class: 'error' }, 'Chưa có bảng kiểm nào trên thiết bị.')),
      h('label', { class: 'field' }, 'Địa điểm (không bắt buộc)', place),
      h('button', { type: 'button', class: 'primary block', id: 'start', onclick: () => start(place.value) }, 'Bắt đầu kiểm tra'),
    );
  }

  async function start(place) {
    const chosen = versions.filter((v) => state.slugs.has(v.slug));
    if (!state.unit || !state.round) return toast('Hãy chọn đơn vị và đợt kiểm tra.');
    if (!chosen.length) return toast('Hãy chọn ít nhất một bảng kiểm.');
    const surprise = state.round === SURPRISE;
    const teamId = surprise ? state.teamId : state.round.team_id;
    if (teamId == null) return toast('Bạn chưa thuộc đoàn kiểm tra nào; hãy đề nghị quản trị thêm vào đoàn.');
    const rec = await actions.startInspection({
      unitId: state.unit.id, roundId: surprise ? null : state.round.id, teamId,
      kind: surprise ? 'surprise' : (state.round.kind === 'surprise' ? 'surprise' : 'planned'),
      versionIds: chosen.map((v) => v.id), location: place,
      members: (teams.find((t) => t.id === teamId) || {}).members,
    });
    window.location.hash = `#/i/${rec.uuid}`;
  }

  mount(view,
    h('h1', {}, 'Bắt đầu kiểm tra'),
    h('label', { class: 'field' }, 'Đơn vị được kiểm tra', search),
    results, details,
  );
  showUnits();
}
