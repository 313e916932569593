"""Naming the first place two normalised minutes records differ, in words a team lead reads.

Used for the refusal of a `minutes.sign` whose hash is not the server's: the lead must learn
which answer, name or time to look at, not that two 64-digit numbers differ.
"""
import json

MISSING = object()
SHOWN = 60

TOP = {
    "format": "phiên bản định dạng", "minutes": "mã biên bản", "amends": "biên bản được sửa đổi",
    "amendment_reason": "lý do sửa đổi", "inspection": "mã phiếu kiểm tra",
    "kind": "hình thức kiểm tra", "body": "cơ quan kiểm tra", "grounds": "căn cứ",
    "unit": "đơn vị được kiểm tra", "location": "địa điểm", "started_at": "thời gian bắt đầu",
    "ended_at": "thời gian kết thúc", "members": "thành viên đoàn",
    "representatives": "người đại diện đơn vị", "attendance": "dòng điểm danh",
    "roll_call": "số liệu điểm danh",
    "checklists": "bảng kiểm", "photos": "ảnh", "assessment": "đánh giá chung",
    "remediation": "yêu cầu khắc phục", "unit_opinion": "ý kiến của đơn vị",
}
FIELDS = {
    "parent": "cơ quan cấp trên", "name": "tên", "team_decision": "quyết định thành lập đoàn",
    "plan": "kế hoạch kiểm tra", "id": "mã", "full_name": "họ tên", "position": "chức vụ",
    "team_role": "vai trò", "status": "tình trạng", "note": "ghi chú", "slug": "mã bảng kiểm",
    "version": "phiên bản", "title": "tiêu đề", "text": "nội dung", "severity": "mức độ",
    "basis": "căn cứ pháp lý", "failed": "kết quả không đạt", "sha256": "mã ảnh",
    "caption": "chú thích", "captured_at": "thời điểm chụp", "checklist": "bảng kiểm",
    "item": "câu", "strengths": "ưu điểm", "shortcomings": "tồn tại, hạn chế",
    "causes": "nguyên nhân", "uuid": "mã", "action": "nội dung yêu cầu",
    "responsible": "người chịu trách nhiệm", "deadline": "thời hạn",
    "met_on_site": "người gặp ngoài danh sách", "expected": "số người theo danh sách",
    "present": "số người có mặt", "late": "số người đi muộn",
    "absent_excused": "số người vắng có phép", "absent_unexcused": "số người vắng không phép",
}


def _same(a, b) -> bool:
    # 2 and 2.0 have one canonical form; True and 1 do not.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _walk(a, b, path: tuple):
    if isinstance(a, dict) and isinstance(b, dict):
        # An answer is named before what follows from it (failed), then keys in canonical order.
        for key in sorted(set(a) | set(b), key=lambda k: (k != "value", k)):
            found = _walk(a.get(key, MISSING), b.get(key, MISSING), path + (key,))
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for n in range(min(len(a), len(b))):
            found = _walk(a[n], b[n], path + (n,))
            if found:
                return found
        if len(a) != len(b):
            return path + ("#len",), len(a), len(b)
        return None
    return None if _same(a, b) else (path, a, b)


def _show(value) -> str:
    if value is None or value is MISSING:
        return "trống"
    if isinstance(value, bool):
        return "có" if value else "không"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def _pick(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    return None


def _where(path: tuple, server, device) -> str:
    """'câu KL-03', 'ảnh thứ 2, chú thích', 'số dòng điểm danh' …, named from the server's
    record where it has the place, else from the device's."""
    count = path[-1] == "#len"
    keys = path[:-1] if count else path
    words, nodes = [], (server, device)
    for n, key in enumerate(keys):
        nodes = tuple(_pick(x, key) for x in nodes)
        node = nodes[0] if nodes[0] is not None else nodes[1]
        if n == 0:
            words.append(TOP.get(key, key))
        elif isinstance(key, int):
            words.append(_member(keys[n - 1], node, key))
        elif key not in ("sections", "items", "value"):
            words.append(FIELDS.get(key, key))
    text = _join(words)
    if count:
        return ("số câu của " if keys[-1] == "items" else "số ") + text
    return text


def _member(list_name, node, index: int) -> str:
    name = node.get("id") if isinstance(node, dict) else None
    if list_name == "items" and name:
        return f"câu {name}"
    if list_name == "sections" and name:
        return f"phần {name}"
    if list_name == "checklists" and isinstance(node, dict) and node.get("slug"):
        return f"“{node['slug']}”"
    if list_name in ("attendance", "members", "representatives") and isinstance(node, dict) \
            and node.get("full_name"):
        return f"“{node['full_name']}”"
    return f"thứ {index + 1}"


def _join(words: list[str]) -> str:
    # The item names itself: "câu KL-03", not "bảng kiểm “x”, phần A, câu KL-03".
    for n in range(len(words) - 1, -1, -1):
        if words[n].startswith("câu "):
            return ", ".join(words[n:])
    if len(words) >= 2 and words[0] in TOP.values():
        return words[0] + " " + ", ".join(words[1:])
    return ", ".join(words)


def describe_difference(device, server) -> str:
    """'câu KL-03 (máy: 2, máy chủ: 3)' for the first difference; '' when there is none."""
    found = _walk(device, server, ())
    if found is None:
        return ""
    path, mine, theirs = found
    return f"{_where(path, server, device)} (máy: {_show(mine)}, máy chủ: {_show(theirs)})"
