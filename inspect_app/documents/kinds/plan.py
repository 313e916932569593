"""The plan of a round ("Kế hoạch kiểm tra"): purpose, content (the checklists), who is
inspected and how they are chosen, time, form, and who does what. A surprise round's plan
names no unit: the units are drawn by lot and known only once each visit is done."""
from ...documents.text import in_sentence
from ...errors import Refused
from ..printing import common, dashed, numbered
from ..styles import p, t
from .rounds import period, round_part, topics

KIND = "plan"
TITLE = "KẾ HOẠCH"
NOUN = "kế hoạch"
NAME = "Kế hoạch kiểm tra"


def draft(rnd, issuer, settings) -> dict:
    """The plan of `rnd`; refused when the round has no checklist or no unit."""
    part = round_part(rnd)
    surprise = rnd.kind == "surprise"
    if not rnd.units:
        raise Refused("Đợt kiểm tra chưa có đơn vị nào: hãy chọn các đơn vị (hoặc số đơn vị sẽ "
                      "bốc thăm) trước khi ban hành kế hoạch.", status=409)
    recipients = ([f"{settings.superior_recipient} (để báo cáo)"]
                  if settings.superior_recipient else [])
    recipients += ([] if surprise else ["Các đơn vị được kiểm tra"]) + ["Thành viên Đoàn kiểm tra"]
    return {**common(issuer, settings, KIND, recipients), "round": part, "subject": rnd.name,
            "units": None if surprise else [u.name for u in rnd.units],
            "unit_count": len(rnd.units), "report_days": settings.report_days}


def body(record: dict) -> list:
    rnd, issuer = record["round"], record["issuer"]["full_name"]
    surprise = rnd["kind"] == "surprise"
    if surprise:
        who = (f"{record['unit_count']} đơn vị cấp xã do Đoàn kiểm tra chọn bằng bốc thăm ngay "
               "trước khi kiểm tra. Danh sách đơn vị được kiểm tra không công bố trước khi Đoàn "
               "kết thúc việc kiểm tra tại đơn vị.")
        how = "kiểm tra đột xuất, không thông báo trước cho đơn vị được kiểm tra."
    else:
        who = f"Ủy ban nhân dân {', '.join(in_sentence(u) for u in record['units'])}."
        how = ("kiểm tra theo kế hoạch; Đoàn kiểm tra thông báo lịch làm việc cho đơn vị được "
               "kiểm tra trước khi đến kiểm tra.")
    return [
        p("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
        p("1. Mục đích", "subheading"),
        *dashed([(f"Đánh giá việc chấp hành các quy định về {topics(rnd)} tại các đơn vị được "
                 "kiểm tra"), ("Kịp thời phát hiện, chấn chỉnh những tồn tại, hạn chế; yêu cầu đơn "
                 "vị khắc phục và theo dõi kết quả khắc phục")]),
        p("2. Yêu cầu", "subheading"),
        *dashed([("Việc kiểm tra bảo đảm khách quan, đúng nội dung, không gây cản trở hoạt động "
                 "bình thường của đơn vị được kiểm tra"),
                 ("Kết quả kiểm tra tại từng đơn vị được lập biên bản; kết luận kiểm tra được "
                 "thông báo đến đơn vị và được theo dõi đến khi khắc phục xong")]),
        p("II. NỘI DUNG KIỂM TRA", "heading"),
        *numbered([f"{x}." for x in rnd["topics"]]),
        p("III. ĐỐI TƯỢNG, THỜI GIAN VÀ HÌNH THỨC KIỂM TRA", "heading"),
        p(f"1. Đối tượng kiểm tra: {t(who)}", "indent"),
        p(f"2. Thời gian kiểm tra: {t(period(rnd))}.", "indent"),
        p(f"3. Hình thức kiểm tra: {t(how)}", "indent"),
        p("IV. TỔ CHỨC THỰC HIỆN", "heading"),
        *numbered([
            f"{record['head']} quyết định thành lập Đoàn kiểm tra để thực hiện Kế hoạch này.",
            ("Đoàn kiểm tra làm việc tại đơn vị và lập biên bản kiểm tra; sau mỗi cuộc kiểm tra, "
            f"{issuer} ban hành thông báo kết luận kiểm tra gửi đơn vị được kiểm tra."),
            ("Đơn vị được kiểm tra thực hiện các yêu cầu khắc phục và báo cáo kết quả trong thời "
            f"hạn {record['report_days']} ngày kể từ ngày ban hành thông báo kết luận kiểm tra."),
            "Đoàn kiểm tra tổng hợp, báo cáo kết quả kiểm tra sau khi kết thúc đợt kiểm tra."]),
    ]
