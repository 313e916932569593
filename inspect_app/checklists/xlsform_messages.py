"""Every line of an XLSForm import report, in Vietnamese, as an office official reads it.

The office page and `flask checklists import-xlsform` print these lines. Sheet names, row numbers,
column names, XLSForm keywords and the offending values stay as the form has them, so the author
finds the cell. Reasons from the checklist loader (English, shared with `checklists validate`) are
translated here by pattern; one not yet in the table keeps its English text after a Vietnamese
lead-in rather than being lost.
"""
import re

# Where a line points: `Trang survey, dòng 13`.
SHEET = "Trang {sheet}"
ROW = "Trang {sheet}, dòng {row}"
# What lenient mode left out: the whole row, one choice, one cell (a column name), an end row.
LEFT_OUT = {"row": "bỏ qua dòng", "choice": "bỏ qua lựa chọn", "end": "bỏ qua dòng end"}
LEFT_OUT_CELL = "bỏ qua ô {column}"
# A group's or repeat's name as said in a sentence.
GROUP_KIND = {"group": "nhóm", "repeat": "nhóm lặp"}

# The workbook as a whole (xlsform_read, convert).
FILE_NOT_FOUND = "{filename}: không tìm thấy tệp"
FILE_UNREADABLE = "{filename}: không mở được tệp ({error})"
TOO_LARGE = "tệp lớn hơn {mb} MB"
NOT_A_WORKBOOK = "không phải tệp bảng tính .xls hoặc .xlsx"
UNREADABLE = "không đọc được tệp {suffix} ({error})"
TOO_MANY_ROWS = "trang {sheet!r} có hơn {rows} dòng"
COLUMN_TWICE = "cột {column!r} xuất hiện hai lần; chỉ đọc cột đầu tiên"
SHEET_TWICE = "có hai trang cùng tên; chỉ đọc trang đầu tiên"
NO_SURVEY = "Tệp không có trang survey"
ONLY_SHEET_IS_SURVEY = "tệp chỉ có một trang: đọc trang này như trang survey"
AFTER_END_GAP = ("không đọc từ dòng này trở đi: sau {gap} dòng trống liền nhau, XLSForm coi như "
                 "đã hết dữ liệu")
NO_TYPE_COLUMN = "dòng tiêu đề không có cột type"
NOTHING_CONVERTS = "Không dòng nào của trang survey chuyển đổi được (mọi dòng đều bị bỏ qua)"
FORM_ID_BECAME_SLUG = "form_id {form_id!r} được đổi thành mã {slug!r}"
FORM_ID_NOT_SLUG = "form_id {slug!r} không phải mã hợp lệ (dùng --slug)"
TARGET_EXISTS = "{target} đã có: dùng --force để thay"
NOTHING_WRITTEN = "không ghi tệp nào"
WRITTEN = ("{target}: đã ghi {items} câu hỏi; hãy kiểm tra căn cứ pháp lý của từng câu hỏi, "
           "rồi chạy `flask checklists import {target}`")

# Rows skipped in both modes (never an error).
METADATA_SKIPPED = "bỏ qua {kind}: điện thoại tự điền trong ODK, người kiểm tra không phải trả lời"
CALCULATE_SKIPPED = "bỏ qua calculate {name!r}: không có nhãn và không dòng nào dùng đến"

# Rows that do not convert.
TYPE_UNSUPPORTED = "kiểu {kind!r} chưa được hỗ trợ"
FROM_FILE = ("kiểu {kind!r}: chưa hỗ trợ lựa chọn lấy từ tệp; "
             "hãy chép các lựa chọn vào trang choices")
LOOP = "loop chưa được hỗ trợ (hãy dùng repeat)"
REPEAT_IN_REPEAT = "nhóm lặp (repeat) nằm trong nhóm lặp chưa được hỗ trợ"
REPEAT_COUNT = "repeat_count {count!r}: chỉ hỗ trợ một số nguyên"
GROUP_NAME = "tên {group} {name!r} không phải mã hợp lệ"
NAME_INVALID = ("tên {name!r} không phải mã hợp lệ (chữ cái không dấu, chữ số, '-', '_', '.', "
                "bắt đầu bằng chữ cái hoặc chữ số)")
NAME_TWICE = "tên {name!r} được dùng hai lần"
INSIDE_DROPPED = "nằm trong nhóm ở dòng {row}, nhóm này đã bị bỏ"
END_WITHOUT_BEGIN = "end {kind} không đóng {group} nào ({opened})"
OPEN = "đang mở: {kind}"
NOTHING_OPEN = "không có nhóm nào đang mở"
NEVER_ENDED = "begin {kind} {name!r} không có end {kind} tương ứng"
CHOICE_NEEDS = "lựa chọn cần có list_name và name"
LIST_MISSING = "danh sách lựa chọn {name!r} không có trong trang choices"
OR_OTHER = "or_other chưa được hỗ trợ"
CHOICE_FILTER = "choice_filter chưa được hỗ trợ"
CALCULATE_NEEDS = "dòng calculate cần có calculation"
REQUIRED_ONLY = "required {value!r}: chỉ hỗ trợ yes hoặc no"
IN_COLUMN = "{column}: {reason}"

# Expressions (xlsform_expr).
UNEXPECTED_CHARACTER = "ký tự {char!r} không đọc được ở vị trí {position}"
DOT_OUTSIDE_CONSTRAINT = "'.' (giá trị đang nhập) chỉ có nghĩa trong constraint"
SELECTED_FORM = "selected() chỉ chuyển được ở dạng selected(${{x}}, 'giá trị')"
SELECTED_MULTIPLE = "selected() trên câu select_multiple cần kiểu câu hỏi chọn nhiều"
FUNCTION_UNSUPPORTED = "{name} chưa được hỗ trợ"
EXPRESSION_IN = "{reason} trong {expression!r}"

# The loader's reasons (English, as `checklists validate` prints them) -> Vietnamese.
LOADER = [
    (r"must be a condition \(true or false\), not (\S+)",
     r"phải là một điều kiện (đúng hoặc sai), không phải \1"),
    (r"must be an expression \(text\), not (.+)", r"phải là một biểu thức (chữ), không phải \1"),
    (r"syntax error: ", "lỗi cú pháp: "),
    (r" in ('[^']*')$", r" trong \1"),
    (r"is answered yes, no or na, never ('[^']*')",
     r"chỉ được trả lời yes, no hoặc na, không phải \1"),
    (r"has no choice ('[^']*') \(keys: ", r"không có lựa chọn \1 (các khóa: "),
    (r"is compared with ('[^']*'), which is no (\S+) ", r"được so sánh với \1, không phải \2 "),
    (r"('[^']*') does not order true and false", r"\1 không xếp thứ tự được đúng và sai"),
    (r"cycle: (\S+) depends on itself through", r"vòng lặp: \1 phụ thuộc vào chính nó qua"),
    (r"unknown item (\$\{[^}]*\})", r"không có câu hỏi \1"),
    (r"compares (.+) with (.+)", r"so sánh \1 với \2"),
    (r"unknown answer type ('[^']*').*", r"kiểu câu trả lời \1 không có trong bộ phiếu"),
    (r"expected a value", "thiếu một giá trị"),
    (r"expected an operator", "thiếu một phép toán"),
    (r"expected ('[^']*')", r"thiếu \1"),
    (r"found the end", "gặp hết biểu thức"),
    (r"found ('[^']*')", r"gặp \1"),
    (r" at position (\d+)", r" ở vị trí \1"),
    (r"comparisons do not chain: use 'and'", "không so sánh nối tiếp được: dùng 'and'"),
    (r"unknown word ('[^']*') \(an item is \$\{ID\}\)",
     r"từ \1 không hiểu được (câu hỏi viết là ${ID})"),
    (r"(\$\{[^}]*\}) is a repeat group: use (.*)", r"\1 là nhóm lặp: dùng \2"),
    (r"(\$\{[^}]*\}) is answered once per instance of (\S+): use (.*)",
     r"\1 được trả lời ở mỗi lần lặp của \2: dùng \3"),
    (r"(.+) needs (.+), but (.+) is (\S+)$", r"\1 cần \2, nhưng \3 là \4"),
    (r"\barithmetic cần", "phép tính cần"),
    (r"\b(\w+) item (\$\{[^}]*\})", r"câu hỏi \2 (kiểu \1)"),
    (r"the expression at position (\d+)", r"biểu thức ở vị trí \1"),
    (r"a number", "một số"),
    (r"a condition", "một điều kiện"),
    (r"duplicate choice key ('[^']*')", r"khóa lựa chọn \1 bị trùng"),
    (r"a (\S+) item needs choices", r"câu hỏi kiểu \1 cần có lựa chọn"),
    (r"duplicate item id", "mã câu hỏi bị trùng"),
]
LOADER_FALLBACK = "bộ phiếu chưa hợp lệ: {reason}"


def at(sheet: str, row: int | None = None) -> str:
    """`Trang survey, dòng 13`, or `Trang settings` for a sheet as a whole."""
    return ROW.format(sheet=sheet, row=row) if row else SHEET.format(sheet=sheet)


def line(where: str, reason: str) -> str:
    return f"{where}: {reason}"


def left_out(what: str) -> str:
    """`bỏ qua dòng`, `bỏ qua lựa chọn`, or `bỏ qua ô constraint` for one cell."""
    return LEFT_OUT.get(what) or LEFT_OUT_CELL.format(column=what)


def dropped(where: str, what: str, reason: str) -> str:
    """A lenient report line; a cell's reason does not name its column twice."""
    reason = reason.removeprefix(f"{what}: ")
    return line(where, line(left_out(what), reason))


def loader_reason(reason: str) -> str:
    """A loader reason in Vietnamese; an untranslated one keeps its text behind a lead-in."""
    translated = str(reason)
    for pattern, replacement in LOADER:
        translated = re.sub(pattern, replacement, translated)
    if translated == str(reason):
        return LOADER_FALLBACK.format(reason=reason)
    return translated
