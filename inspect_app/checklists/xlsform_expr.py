"""XLSForm expressions (ODK XPath) translated into the checklist expression language.

Only what has a meaning here is translated: `${x}`, literals, comparisons, and/or/not,
arithmetic (`div` is `/`), `selected(${x}, 'a')` on a select_one, `count`, `sum`, `if`,
`true()`, `false()`, and `.` (the question's own value) in a constraint. Anything else is
refused with a reason, never guessed. Curly quotes a spreadsheet typed are straight quotes.
"""
import re

from . import xlsform_messages as say
from .conditions import FUNCTIONS, ExpressionError, parse

_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<ref>\$\{[^}]*\})
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<word>[A-Za-z_][A-Za-z0-9_:-]*(?:\(\))?)
  | (?P<dot>\.)
""", re.VERBOSE)
KEPT_WORDS = {"and": "and", "or": "or", "div": "/", "true()": "true", "false()": "false"}
KEPT_FUNCTIONS = ("not", "count", "sum", "if")
# Spreadsheets turn ' and " into typographic quotes as one types; XPath knows only straight ones.
STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
                          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " "})


class Untranslatable(ValueError):
    """An XLSForm expression with no translation; the message says why."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out, at = [], 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        if not m:
            raise Untranslatable(say.UNEXPECTED_CHARACTER.format(char=text[at], position=at + 1))
        if m.lastgroup != "space":
            out.append((m.lastgroup, m.group(0)))
        at = m.end()
    return out


def translate(text: str, self_id: str | None = None, multiple=frozenset()) -> str:
    """Our expression for an XLSForm one; `self_id` is what `.` means (constraints only);
    `multiple` names the select_multiple questions, whose selected() stays a function."""
    tokens, out, i = _tokens(str(text).translate(STRAIGHT)), [], 0
    while i < len(tokens):
        kind, value = tokens[i]
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) else None
        if kind == "dot":
            if self_id is None:
                raise Untranslatable(say.DOT_OUTSIDE_CONSTRAINT)
            out.append(f"${{{self_id}}}")
        elif kind == "word" and value == "selected" and nxt == "(":
            if self_id is not None and tokens[i + 2:i + 3] == [("dot", ".")]:
                tokens[i + 2] = ("ref", f"${{{self_id}}}")  # selected(., 'x') in a constraint
            args = [t[1] for t in tokens[i + 2:i + 6]]
            if len(args) < 4 or tokens[i + 2][0] != "ref" or args[1] != "," \
                    or tokens[i + 4][0] != "str" or args[3] != ")":
                raise Untranslatable(say.SELECTED_FORM)
            ref = args[0][2:-1]
            if ref in multiple and "selected" not in FUNCTIONS:
                raise Untranslatable(say.SELECTED_MULTIPLE)
            out.append(f"selected({args[0]}, {args[2]})" if ref in multiple
                       else f"({args[0]} = {args[2]})")
            i += 6
            continue
        elif kind == "word" and value in KEPT_WORDS:
            out.append(KEPT_WORDS[value])
        elif kind == "word" and value in KEPT_FUNCTIONS and nxt == "(":
            out.append(value + "(")
            i += 2
            continue
        elif kind == "word":
            name = value if nxt != "(" and not value.endswith("()") else value.rstrip("()") + "()"
            raise Untranslatable(say.FUNCTION_UNSUPPORTED.format(name=name))
        else:
            out.append(value)
        i += 1
    result = " ".join(out).replace("( ", "(").replace(" )", ")").replace(" ,", ",")
    try:
        parse(result)
    except ExpressionError as err:
        raise Untranslatable(say.EXPRESSION_IN.format(
            reason=say.loader_reason(err), expression=result)) from err
    return result
