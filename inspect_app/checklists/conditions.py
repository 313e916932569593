"""The expression language of checklist files (`relevant`, `calculate`, `constraint`).

Grammar and semantics are in checklists/README.md ("Expressions"); static/js/conditions.js is the
same language for the device, and tests/fixtures/conditions.json holds the cases both must agree
on. A tokenizer and a recursive-descent parser build a tree of tuples; nothing is ever `eval`ed.
"""
import math
import re
import unicodedata

FUNCTIONS = {"answered": 1, "count": 1, "count_if": 2, "sum": 1, "if": 3, "selected": 2}
KEYWORDS = ("and", "or", "not", "true", "false")
COMPARE = ("=", "==", "!=", "<", "<=", ">", ">=")
# Answers are bounded by 2**53 (inspections.answers.MAX_COUNT): beyond it JS and Python differ.
EXACT = 2**53
_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<ref>\$\{(?P<id>[^}]*)\})
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|==|[=<>+\-*/(),])
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
""", re.VERBOSE)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class ExpressionError(ValueError):
    """A syntax error; `position` counts characters from 1."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} at position {position}")
        self.message, self.position = message, position


def tokenize(text: str) -> list[tuple]:
    """(kind, value, position) tuples, ending with ("end", None, len + 1)."""
    tokens, at = [], 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        if not m:
            raise ExpressionError(f"unexpected character {text[at]!r}", at + 1)
        kind = m.lastgroup if m.lastgroup != "id" else "ref"
        if kind == "ref":
            if not _ID.match(m.group("id")):
                raise ExpressionError(f"malformed item reference {m.group(0)!r}", at + 1)
            tokens.append(("ref", m.group("id"), at + 1))
        elif kind == "num":
            tokens.append(("num", _number(m.group(0)), at + 1))
        elif kind == "str":
            tokens.append(("str", unicodedata.normalize("NFC", m.group(0)[1:-1]), at + 1))
        elif kind == "word" and m.group(0) not in KEYWORDS and m.group(0) not in FUNCTIONS:
            raise ExpressionError(f"unknown word {m.group(0)!r} (an item is ${{ID}})", at + 1)
        elif kind != "space":
            tokens.append((kind, m.group(0), at + 1))
        at = m.end()
    tokens.append(("end", None, len(text) + 1))
    return tokens


def _number(text: str):
    return _clean(float(text)) if "." in text else int(text)


class _Parser:
    def __init__(self, text: str):
        self.tokens, self.i = tokenize(text), 0

    def peek(self, *values) -> bool:
        kind, value, _ = self.tokens[self.i]
        return kind in ("op", "word") and value in values

    def take(self):
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, value: str):
        if not self.peek(value):
            self.fail(f"expected {value!r}")
        return self.take()

    def fail(self, message: str):
        kind, value, pos = self.tokens[self.i]
        found = "the end" if kind == "end" else repr(value if kind != "ref" else f"${{{value}}}")
        raise ExpressionError(f"{message}, found {found}", pos)

    def binary(self, ops, operand, tag):
        node = operand()
        while self.peek(*ops):
            _, op, pos = self.take()
            node = (tag, "=" if op == "==" else op, node, operand(), pos)
        return node

    def or_(self):
        return self.binary(("or",), self.and_, "logic")

    def and_(self):
        return self.binary(("and",), self.not_, "logic")

    def not_(self):
        if self.peek("not"):
            pos = self.take()[2]
            return ("not", self.not_(), pos)
        node = self.sum_()
        if self.peek(*COMPARE):
            _, op, pos = self.take()
            node = ("cmp", "=" if op == "==" else op, node, self.sum_(), pos)
            if self.peek(*COMPARE):
                self.fail("comparisons do not chain: use 'and'")
        return node

    def sum_(self):
        return self.binary(("+", "-"), self.term, "arith")

    def term(self):
        return self.binary(("*", "/"), self.unary, "arith")

    def unary(self):
        if self.peek("-"):
            pos = self.take()[2]
            return ("neg", self.unary(), pos)
        return self.primary()

    def primary(self):
        kind, value, pos = self.tokens[self.i]
        if kind in ("num", "str"):
            self.take()
            return ("lit", value, pos)
        if kind == "ref":
            self.take()
            return ("ref", value, pos)
        if self.peek("true", "false"):
            self.take()
            return ("lit", value == "true", pos)
        if self.peek("("):
            self.take()
            node = self.or_()
            self.expect(")")
            return node
        if kind == "word" and value in FUNCTIONS:
            self.take()
            self.expect("(")
            args = [self.or_()]
            while self.peek(","):
                self.take()
                args.append(self.or_())
            self.expect(")")
            if len(args) != FUNCTIONS[value]:
                raise ExpressionError(f"{value}() takes {FUNCTIONS[value]} argument(s)", pos)
            return ("call", value, args, pos)
        self.fail("expected a value")


def parse(text: str) -> tuple:
    """The tree of an expression; ExpressionError (with the position) if it is malformed."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty expression", 1)
    parser = _Parser(text)
    node = parser.or_()
    if parser.tokens[parser.i][0] != "end":
        parser.fail("expected an operator")
    return node


def references(node) -> list[str]:
    """Every item id the expression names, in order, with repeats."""
    if node[0] == "ref":
        return [node[1]]
    children = node[2] if node[0] == "call" else [n for n in node[1:] if isinstance(n, tuple)]
    return [ref for child in children for ref in references(child)]


# Evaluation. An env answers get(id) -> value, rows(group) -> [env per instance] and
# column(field) -> [value per instance]; see visibility.py for the one built from a checklist.

def _is_number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _clean(v):
    """Integral floats as ints, so Python prints what JavaScript prints; inf and NaN as null."""
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        if v.is_integer() and abs(v) < EXACT:
            return int(v)
    return v


def _compare(op: str, a, b) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, str) and isinstance(b, str):
        a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
    elif isinstance(a, bool) and isinstance(b, bool):
        if op not in ("=", "!="):
            return False
    elif not (_is_number(a) and _is_number(b)):
        return False
    return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _arith(op: str, a, b):
    if not (_is_number(a) and _is_number(b)):
        return None
    if op == "/":
        return None if b == 0 else _clean(a / b)
    return _clean({"+": a + b, "-": a - b, "*": a * b}[op])


def evaluate(node, env):
    """The value of a parsed expression: a number, text, true/false, or None (null)."""
    tag = node[0]
    if tag == "lit":
        return node[1]
    if tag == "ref":
        return env.get(node[1])
    if tag == "not":
        return evaluate(node[1], env) is not True
    if tag == "neg":
        v = evaluate(node[1], env)
        return _clean(-v) if _is_number(v) else None
    if tag == "logic":
        left = evaluate(node[2], env) is True
        if node[1] == "and":
            return left and evaluate(node[3], env) is True
        return left or evaluate(node[3], env) is True
    if tag == "cmp":
        return _compare(node[1], evaluate(node[2], env), evaluate(node[3], env))
    if tag == "arith":
        return _arith(node[1], evaluate(node[2], env), evaluate(node[3], env))
    return _call(node[1], node[2], env)


def _call(name: str, args, env):
    if name == "answered":
        return evaluate(args[0], env) is not None
    if name == "if":
        return evaluate(args[1] if evaluate(args[0], env) is True else args[2], env)
    if name == "selected":  # XLSForm's: a multiple (or single) choice answer holds the key
        value, key = evaluate(args[0], env), evaluate(args[1], env)
        return isinstance(key, str) and (key in value if isinstance(value, list) else value == key)
    if name == "sum":
        values = env.column(args[0][1]) if args[0][0] == "ref" else []
        total = 0
        for v in values:  # left to right, as JavaScript adds (sum() compensates on 3.12+)
            total = total + v if _is_number(v) else total
        return _clean(total)
    rows = env.rows(args[0][1]) if args[0][0] == "ref" else []
    if name == "count":
        return len(rows)
    return sum(1 for row in rows if evaluate(args[1], row) is True)  # count_if


def is_choice_list(value) -> bool:
    """A multiple item's answer (a non-empty list of choice keys), not a repeat group's rows."""
    return isinstance(value, list) and bool(value) and all(isinstance(k, str) for k in value)


class AnswersEnv:
    """An env over plain answers: {id: value}, a repeat group as {id: [{field: value}, …]}."""

    def __init__(self, answers: dict):
        self.answers = answers or {}

    def get(self, item_id):
        value = self.answers.get(item_id)
        return None if isinstance(value, list) and not is_choice_list(value) else value

    def rows(self, group_id):
        rows = self.answers.get(group_id)
        if not isinstance(rows, list):
            return []
        return [AnswersEnv({**self.answers, **row}) for row in rows if isinstance(row, dict)]

    def column(self, field_id):
        return [row.get(field_id) for rows in self.answers.values() if isinstance(rows, list)
                for row in rows if isinstance(row, dict)]
