"""Checks of a checklist's expressions: syntax, item references, types and cycles.

Run by the loader over a definition it has built, so `checklists validate` names the file and
the item of every problem. Types are those of checklists/README.md ("Expressions").
"""
from ..inspections.answers import MOMENTS
from .conditions import ExpressionError, parse, references

NUMERIC = ("count", "number")
# Dates and times compare as their text: "YYYY-MM-DD" and "HH:MM" sort in time order.
STRINGS = ("text", "yes_no", "choice", "date", "time", "datetime")
YES_NO = ("yes", "no", "na")
ROLES = ("relevant", "calculate", "constraint")


class _Symbols:
    """What each id names: an item (its type, its repeat group) or a repeat group."""

    def __init__(self, definition: dict):
        self.items, self.groups, self.sections = {}, set(), {}
        for section in definition.get("sections") or ():
            if section.get("repeat") is not None:
                self.groups.add(section["id"])
            for item in section.get("items") or ():
                group = section["id"] if section.get("repeat") is not None else None
                self.items[item["id"]] = (item, group)
                self.sections[item["id"]] = section
        self.computed: dict[str, str] = {}
        self.trees: dict[tuple, tuple | None] = {}

    def tree(self, owner: str, role: str, text):
        key = (owner, role)
        if key not in self.trees:
            try:
                self.trees[key] = parse(text)
            except ExpressionError:
                self.trees[key] = None
        return self.trees[key]


def _kind(t: str) -> str:
    return "text" if t in STRINGS else t


class _Checker:
    def __init__(self, symbols: _Symbols, scope: str | None, errors: list[str]):
        self.s, self.scope, self.errors = symbols, scope, errors

    def desc(self, node) -> str:
        if node[0] == "ref":
            found = self.s.items.get(node[1])
            return f"{found[0].get('type')} item ${{{node[1]}}}" if found else f"${{{node[1]}}}"
        if node[0] == "lit":
            v = node[1]
            return "a number" if isinstance(v, int | float) and not isinstance(v, bool) else repr(v)
        return f"the expression at position {node[-1]}"

    def ref(self, item_id: str, scope_free=False) -> str:
        if item_id in self.s.groups:
            self.errors.append(f"${{{item_id}}} is a repeat group: use count(${{{item_id}}}) or "
                               f"count_if(${{{item_id}}}, …)")
            return "any"
        found = self.s.items.get(item_id)
        if found is None:
            self.errors.append(f"unknown item ${{{item_id}}}")
            return "any"
        item, group = found
        if group and group != self.scope and not scope_free:
            self.errors.append(f"${{{item_id}}} is answered once per instance of {group}: use "
                               f"sum(${{{item_id}}}) or count_if(${{{group}}}, …)")
            return "any"
        kind = item.get("type")
        if kind == "computed":
            return computed_type(self.s, item_id)
        if kind == "multiple":
            return "multiple"
        return "number" if kind in NUMERIC else kind if kind in STRINGS else "any"

    def want(self, node, wanted: str, what: str) -> None:
        t = self.infer(node)
        if t not in ("any", wanted):
            self.errors.append(f"{what} needs {'a condition' if wanted == 'boolean' else wanted},"
                               f" but {self.desc(node)} is {t}")

    def infer(self, node) -> str:
        tag = node[0]
        if tag == "lit":
            v = node[1]
            return "boolean" if isinstance(v, bool) else "text" if isinstance(v, str) else "number"
        if tag == "ref":
            return self.ref(node[1])
        if tag in ("not", "logic"):
            for child in node[1:2] if tag == "not" else node[2:4]:
                self.want(child, "boolean", f"'{tag if tag == 'not' else node[1]}'")
            return "boolean"
        if tag in ("neg", "arith"):
            for child in node[1:2] if tag == "neg" else node[2:4]:
                self.want(child, "number", "arithmetic")
            return "number"
        if tag == "cmp":
            self.compare(node)
            return "boolean"
        return self.call(node[1], node[2])

    def compare(self, node) -> None:
        op, left, right = node[1:4]
        a, b = self.infer(left), self.infer(right)
        if "any" in (a, b):
            return
        if _kind(a) != _kind(b):
            self.errors.append(f"compares {self.desc(left)} with {self.desc(right)}")
        elif a == "boolean" and op not in ("=", "!="):
            self.errors.append(f"'{op}' does not order true and false")
        for ref, lit in ((left, right), (right, left)):
            if ref[0] == "ref" and lit[0] == "lit" and isinstance(lit[1], str):
                self.literal(ref[1], lit[1])

    def literal(self, item_id: str, value: str) -> None:
        item = (self.s.items.get(item_id) or ({}, None))[0]
        if item.get("type") == "yes_no" and value not in YES_NO:
            self.errors.append(f"yes_no item ${{{item_id}}} is answered yes, no or na, "
                               f"never {value!r}")
        keys = [c.get("key") for c in item.get("choices") or () if isinstance(c, dict)]
        if item.get("type") in ("choice", "multiple") and value not in keys:
            self.errors.append(f"{item['type']} item ${{{item_id}}} has no choice {value!r} "
                               f"(keys: {', '.join(map(str, keys))})")
        wrong = MOMENTS[item["type"]](value) if item.get("type") in MOMENTS else None
        if wrong:
            self.errors.append(f"{item['type']} item ${{{item_id}}} is compared with {value!r}, "
                               f"which is no {item['type']} ({wrong})")

    def selected(self, node, key) -> None:
        kind = self.ref(node[1]) if node[0] == "ref" else None
        if kind not in ("multiple", "choice", "any"):
            self.errors.append(f"selected() takes a multiple or choice item ${{ID}}, "
                               f"not {self.desc(node)}")
        if key[0] != "lit" or not isinstance(key[1], str):
            self.errors.append(f"selected() takes a choice key in quotes, not {self.desc(key)}")
        elif kind in ("multiple", "choice"):
            self.literal(node[1], key[1])

    def group_arg(self, node, name: str) -> str | None:
        if node[0] == "ref" and node[1] in self.s.groups:
            return node[1]
        self.errors.append(f"{name}() takes a repeat group ${{GROUP}}, not {self.desc(node)}")
        return None

    def call(self, name: str, args) -> str:
        if name == "answered":
            if args[0][0] != "ref":
                self.errors.append(f"answered() takes an item ${{ID}}, not {self.desc(args[0])}")
            else:
                self.ref(args[0][1])
            return "boolean"
        if name == "if":
            self.want(args[0], "boolean", "if()")
            a, b = self.infer(args[1]), self.infer(args[2])
            if "any" not in (a, b) and _kind(a) != _kind(b):
                self.errors.append(f"if() gives {a} or {b}: both branches need one type")
            return b if a == "any" else a
        if name == "selected":
            self.selected(*args)
            return "boolean"
        if name == "sum":
            node = args[0]
            group = self.s.items.get(node[1], (None, None))[1] if node[0] == "ref" else None
            if group is None:
                self.errors.append(f"sum() takes an item of a repeat group, not {self.desc(node)}")
            elif self.ref(node[1], scope_free=True) not in ("number", "any"):
                self.errors.append(f"sum() needs numbers, but {self.desc(node)} is not")
            return "number"
        group = self.group_arg(args[0], name)
        if name == "count_if" and group:
            _Checker(self.s, group, self.errors).want(args[1], "boolean", "count_if()")
        return "number"


def computed_type(symbols: _Symbols, item_id: str) -> str:
    """The type of a computed item's value; "any" while it is being worked out (a cycle)."""
    if item_id not in symbols.computed:
        symbols.computed[item_id] = "any"
        item, group = symbols.items[item_id]
        tree = symbols.tree(item_id, "calculate", item.get("calculate"))
        if tree is not None:
            symbols.computed[item_id] = _Checker(symbols, group, []).infer(tree)
    return symbols.computed[item_id]


def expression_problems(definition: dict) -> list[tuple[str, str]]:
    """(item or section id, reason) for every bad expression and every cycle."""
    symbols, out = _Symbols(definition), []
    for section in definition.get("sections") or ():
        if section.get("relevant") is not None:
            out += [(section["id"], r) for r in _check(symbols, section["id"], "relevant",
                                                       section["relevant"], None)]
        for item in section.get("items") or ():
            group = section["id"] if section.get("repeat") is not None else None
            for role in ROLES:
                if item.get(role) is not None:
                    out += [(item["id"], r)
                            for r in _check(symbols, item["id"], role, item[role], group)]
    return out + _cycles(symbols, definition)


def _check(symbols: _Symbols, owner: str, role: str, text, group) -> list[str]:
    if not isinstance(text, str):
        return [f"{role} must be an expression (text), not {text!r}"]
    try:
        tree = parse(text)
    except ExpressionError as err:
        return [f"{role}: syntax error: {err} in {text!r}"]
    symbols.trees[(owner, role)] = tree
    errors: list[str] = []
    t = _Checker(symbols, group, errors).infer(tree)
    if role != "calculate" and t not in ("boolean", "any"):
        errors.append(f"{role} must be a condition (true or false), not {t}")
    return [f"{role}: {e}" for e in dict.fromkeys(errors)]


def _edges(symbols: _Symbols, definition: dict) -> dict[str, list[str]]:
    """Who depends on whom: an item on what its relevant/calculate and its section name."""
    def node(ref: str) -> str:
        return f"§{ref}" if ref in symbols.groups else ref

    graph: dict[str, list[str]] = {}
    for section in definition.get("sections") or ():
        tree = symbols.trees.get((section["id"], "relevant"))
        graph[f"§{section['id']}"] = [node(r) for r in references(tree)] if tree else []
        for item in section.get("items") or ():
            deps = [f"§{section['id']}"]
            for role in ("relevant", "calculate"):
                tree = symbols.trees.get((item["id"], role))
                deps += [node(r) for r in references(tree)] if tree else []
            graph[item["id"]] = deps
    return graph


def _cycles(symbols: _Symbols, definition: dict) -> list[tuple[str, str]]:
    graph, out, reported = _edges(symbols, definition), [], set()
    for start in graph:
        path = _path_back(graph, start)
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            shown = " → ".join(p.lstrip("§") for p in path + [start])
            out.append((start.lstrip("§"),
                        f"cycle: relevant/calculate depends on itself through {shown}"))
    return out


def _path_back(graph: dict, start: str) -> list[str] | None:
    """A shortest path from `start` back to itself, or None (breadth first)."""
    came = {start: None}
    queue = [start]
    while queue:
        at = queue.pop(0)
        for nxt in graph.get(at, ()):
            if nxt == start:
                path = [at]
                while came[path[-1]] is not None:
                    path.append(came[path[-1]])
                return path[::-1]
            if nxt not in came:
                came[nxt] = at
                queue.append(nxt)
    return None
