"""Who may decide a remediation item, on which unit, in which state.

One rule for the office's web pages (verify, reopen) and for their twin on the device, the
`remediation.check` op: only an admin or a lead decides (verified, or reopened with a reason),
and only an item the unit reported. On a device the check is also made where the item is: in an
inspection of the item's own unit, by someone on that inspection's team (checked by the sync op).
"""
from ..errors import Refused
from ..org import roles
from .labels import state_label
from .models import RemediationItem

# Who sees the office pages, and who may change an item there or on site.
OFFICE_READERS = roles.OFFICE
VERIFIERS = (roles.ADMIN, roles.LEAD)

NOT_A_VERIFIER = ("Chỉ trưởng đoàn hoặc quản trị được xác nhận hoàn thành hay yêu cầu khắc phục "
                  "lại; kết quả kiểm tra của bạn chưa được ghi. Hãy báo trưởng đoàn.")
NOT_REPORTED = "Chỉ xác minh được yêu cầu đơn vị đã báo cáo khắc phục (hiện: {state})."
OTHER_UNIT = ("Yêu cầu khắc phục này thuộc {unit}, không phải đơn vị đang được kiểm tra; chỉ kiểm "
              "tra được tại chính đơn vị đó.")


def may_decide(user) -> bool:
    """Whether this user's role may verify or reopen items (the office pages show the buttons)."""
    return user.role in VERIFIERS


def check_decision(user, item: RemediationItem) -> None:
    """Refuse (403: role, 409: state) unless `user` may verify or reopen `item` now."""
    if not may_decide(user):
        raise Refused(NOT_A_VERIFIER, status=403)
    if item.state != "reported":
        raise Refused(NOT_REPORTED.format(state=state_label(item.state)), status=409)


def check_on_site(item: RemediationItem, inspected_unit_id: int) -> None:
    """Refuse unless the inspection the check is made in inspects the item's own unit."""
    if item.unit_id != inspected_unit_id:
        raise Refused(OTHER_UNIT.format(unit=item.unit.name), status=403)
