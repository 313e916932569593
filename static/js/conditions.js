/**
 * The expression language of checklist files (relevant, calculate, constraint; checklists/README.md):
 * a tokenizer, a recursive-descent parser and an evaluator, never eval. The same grammar and results
 * as inspect_app/checklists/conditions.py, both held to tests/fixtures/conditions.json.
 */
const FUNCTIONS = { answered: 1, count: 1, count_if: 2, sum: 1, if: 3, selected: 2 };
const WORDS = ['and', 'or', 'not', 'true', 'false'];
const COMPARE = ['=', '==', '!=', '<', '<=', '>', '>='];
const TOKEN = /([ \t\r\n]+)|\$\{([^}]*)\}|([0-9]+(?:\.[0-9]+)?)|('[^']*'|"[^"]*")|(<=|>=|!=|==|[=<>+\-*/(),])|([A-Za-z_]\w*)/y;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A syntax error; `position` counts characters (code points) from 1. */
export class ExpressionError extends Error {
  constructor(message, position) {
    super(`${message} at position ${position}`);
    this.position = position;
  }
}

const num = (v) => typeof v === 'number';
// Infinity and NaN read as null, -0 as 0: what Python gives.
const clean = (v) => (Number.isFinite(v) ? v + 0 : null);

/** [kind, value, position] tuples, ending with ['end', null, length + 1]. */
export function tokenize(text) {
  const tokens = [];
  let at = 0;
  let pos = 1;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new ExpressionError(`unexpected character '${String.fromCodePoint(text.codePointAt(at))}'`, pos);
    const word = m[6];
    if (m[2] !== undefined) {
      if (!ID.test(m[2])) throw new ExpressionError(`malformed item reference '${m[0]}'`, pos);
      tokens.push(['ref', m[2], pos]);
    } else if (m[3]) tokens.push(['num', Number(m[3]), pos]);
    else if (m[4]) tokens.push(['str', m[4].slice(1, -1).normalize('NFC'), pos]);
    else if (word && !WORDS.includes(word) && !(word in FUNCTIONS)) {
      throw new ExpressionError(`unknown word '${word}' (an item is \${ID})`, pos);
    } else if (!m[1]) tokens.push([word ? 'word' : 'op', m[0], pos]);
    at = TOKEN.lastIndex;
    pos += [...m[0]].length;
  }
  tokens.push(['end', null, pos]);
  return tokens;
}

/** The tree of an expression (nested arrays); throws ExpressionError when it is malformed. */
export function parse(text) {
  if (typeof text !== 'string' || !text.trim()) throw new ExpressionError('empty expression', 1);
  const t = tokenize(text);
  let i = 0;
  const peek = (...values) => ['op', 'word'].includes(t[i][0]) && values.includes(t[i][1]);
  const fail = (message) => {
    const [kind, value, pos] = t[i];
    const found = kind === 'end' ? 'the end' : kind === 'ref' ? `'\${${value}}'` : `'${value}'`;
    throw new ExpressionError(`${message}, found ${found}`, pos);
  };
  const expect = (v) => (peek(v) ? t[i++] : fail(`expected '${v}'`));
  const op = (v) => (v === '==' ? '=' : v);
  const binary = (ops, operand, tag) => () => {
    let node = operand();
    while (peek(...ops)) {
      const [, o, pos] = t[i++];
      node = [tag, op(o), node, operand(), pos];
    }
    return node;
  };
  let or;
  const primary = () => {
    const [kind, value, pos] = t[i];
    if (kind === 'num' || kind === 'str' || kind === 'ref') { i += 1; return [kind === 'ref' ? 'ref' : 'lit', value, pos]; }
    if (peek('true', 'false')) { i += 1; return ['lit', value === 'true', pos]; }
    if (peek('(')) { i += 1; const node = or(); expect(')'); return node; }
    if (kind === 'word' && value in FUNCTIONS) {
      i += 1;
      expect('(');
      const args = [or()];
      while (peek(',')) { i += 1; args.push(or()); }
      expect(')');
      if (args.length !== FUNCTIONS[value]) throw new ExpressionError(`${value}() takes ${FUNCTIONS[value]} argument(s)`, pos);
      return ['call', value, args, pos];
    }
    return fail('expected a value');
  };
  const unary = () => {
    if (!peek('-')) return primary();
    const pos = t[i++][2];
    return ['neg', unary(), pos];
  };
  const sum = binary(['+', '-'], binary(['*', '/'], unary, 'arith'), 'arith');
  const not = () => {
    if (peek('not')) { const pos = t[i++][2]; return ['not', not(), pos]; }
    let node = sum();
    if (peek(...COMPARE)) {
      const [, o, pos] = t[i++];
      node = ['cmp', op(o), node, sum(), pos];
      if (peek(...COMPARE)) fail("comparisons do not chain: use 'and'");
    }
    return node;
  };
  or = binary(['or'], binary(['and'], not, 'logic'), 'logic');
  const node = or();
  if (t[i][0] !== 'end') fail('expected an operator');
  return node;
}

/** Every item id an expression names, in order, with repeats. */
export function references(node) {
  if (node[0] === 'ref') return [node[1]];
  const children = node[0] === 'call' ? node[2] : node.slice(1).filter(Array.isArray);
  return children.flatMap(references);
}

// Strings compare by code point, as Python does (not by UTF-16 unit).
function order(a, b) {
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k += 1) {
    const d = x[k].codePointAt(0) - y[k].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

function compare(o, a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let d;
  if (typeof a === 'string' && typeof b === 'string') d = order(a.normalize('NFC'), b.normalize('NFC'));
  else if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (o !== '=' && o !== '!=') return false;
    d = Number(a) - Number(b);
  } else if (num(a) && num(b)) d = a - b;
  else return false;
  return { '=': d === 0, '!=': d !== 0, '<': d < 0, '<=': d <= 0, '>': d > 0, '>=': d >= 0 }[o];
}

function arith(o, a, b) {
  if (!num(a) || !num(b)) return null;
  if (o === '/') return b === 0 ? null : clean(a / b);
  return clean(o === '+' ? a + b : o === '-' ? a - b : a * b);
}

const value = (v) => (v === undefined ? null : v);

/**
 * The value of a parsed expression: a number, text, true/false, or null. `env` answers
 * get(id) → value, rows(group) → [env per instance], column(field) → [value per instance].
 */
export function evaluate(node, env) {
  const [tag] = node;
  const ev = (n, e = env) => evaluate(n, e);
  if (tag === 'lit') return node[1];
  if (tag === 'ref') return value(env.get(node[1]));
  if (tag === 'not') return ev(node[1]) !== true;
  if (tag === 'neg') { const v = ev(node[1]); return num(v) ? clean(-v) : null; }
  if (tag === 'logic') {
    const left = ev(node[2]) === true;
    return node[1] === 'and' ? left && ev(node[3]) === true : left || ev(node[3]) === true;
  }
  if (tag === 'cmp') return compare(node[1], ev(node[2]), ev(node[3]));
  if (tag === 'arith') return arith(node[1], ev(node[2]), ev(node[3]));
  const [, name, args] = node;
  if (name === 'answered') return value(ev(args[0])) !== null;
  if (name === 'if') return ev(ev(args[0]) === true ? args[1] : args[2]);
  if (name === 'selected') { // XLSForm's: a multiple (or single) choice answer holds the key
    const [v, key] = [value(ev(args[0])), ev(args[1])];
    return typeof key === 'string' && (Array.isArray(v) ? v.includes(key) : v === key);
  }
  const ref = args[0][0] === 'ref' ? args[0][1] : null;
  if (name === 'sum') return clean((ref ? env.column(ref) : []).reduce((s, v) => (num(v) ? s + v : s), 0));
  const rows = ref ? env.rows(ref) : [];
  return name === 'count' ? rows.length : rows.filter((row) => ev(args[1], row) === true).length;
}

/** A multiple item's answer (a non-empty list of choice keys), not a repeat group's rows. */
export const isChoiceList = (v) => Array.isArray(v) && v.length > 0 && v.every((k) => typeof k === 'string');

/** An env over plain answers: {id: value}, a repeat group as {id: [{field: value}, …]}. */
export function answersEnv(answers) {
  const all = answers || {};
  return {
    get: (id) => (Array.isArray(all[id]) && !isChoiceList(all[id]) ? null : all[id]),
    rows: (id) => (Array.isArray(all[id]) ? all[id].filter((r) => r && typeof r === 'object').map((r) => answersEnv({ ...all, ...r })) : []),
    column: (id) => Object.values(all).filter(Array.isArray).flat().filter((r) => r && typeof r === 'object').map((r) => r[id]),
  };
}
