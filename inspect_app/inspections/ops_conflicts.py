"""Op handler `conflict.settle`: the team lead chooses one of two devices' answers to an item."""
from ..org.leads import leads_team
from . import conflicts, fields
from .merge import Answer, record_answer
from .operations import Context, handles
from .ops_inspection import answered_item, follow_recorded


@handles("conflict.settle")
def settle_conflict(ctx: Context):
    """The chosen answer becomes current; the conflict closes, for every device of the team."""
    link, item = answered_item(ctx)
    chosen_op = fields.text(ctx.data, "chosen", max_len=36, required=True)
    # The rule of the routes a lead uses (signing the minutes, an item's history).
    if not leads_team(ctx.user, ctx.inspection.team_id):
        raise ctx.refuse("chỉ trưởng đoàn chọn câu trả lời khi hai người trả lời khác nhau",
                         "Hãy báo trưởng đoàn chọn trên máy của mình")
    key = (ctx.inspection_id, link.version_id, ctx.item_id)
    conflict = conflicts.open_conflict(*key)
    if conflict is None:
        done = conflicts.last_settled(*key)
        if done is not None and done.chosen_op_id == chosen_op:
            return done  # settled so already (from another device of the lead)
        raise ctx.refuse("không có câu trả lời nào đang chờ trưởng đoàn chọn ở mục này",
                         "Hãy đồng bộ để xem câu trả lời hiện tại")
    chosen = conflicts.chosen_answer(conflict, chosen_op)
    if chosen is None:
        raise ctx.refuse("câu trả lời được chọn không nằm trong các câu trả lời khác nhau",
                         "Hãy đồng bộ rồi chọn lại")
    answered_at = fields.parse_timestamp(chosen["at"], "chosen")
    # Forced current: the lead's choice stands whatever the device clocks said.
    recorded = record_answer(*key, Answer(chosen["value"], chosen["note"], answered_at,
                                          chosen["by_id"], ctx.op.op_id), force=True)
    conflicts.close(conflict, chosen_op, ctx.user)
    follow_recorded(ctx, link, item, recorded)
    return conflict  # audited as sync.conflict.settle
