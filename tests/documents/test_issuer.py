"""The header's issuing body: the superior body above, the issuing body below, not repeated."""
from inspect_app.documents.issuer import issuer_of


def test_a_department_of_a_province_is_issued_under_the_provincial_committee(make_unit):
    province = make_unit("Tỉnh Minh Sơn", kind="province")
    office = make_unit("Sở Nội vụ tỉnh Minh Sơn", kind="office", parent=province)
    issuer = issuer_of(office)
    assert issuer.header_lines() == [("UBND TỈNH MINH SƠN", False), ("SỞ NỘI VỤ", True)]
    assert (issuer.place, issuer.full_name) == ("Minh Sơn", "Sở Nội vụ tỉnh Minh Sơn")


def test_what_the_office_says_of_itself_wins_over_what_is_derived(make_unit):
    province = make_unit("Tỉnh Minh Sơn", kind="province")
    office = make_unit("Phòng Nội vụ", kind="office", parent=province,
                       header_superior="UBND huyện Lạc Sơn", header_name="Phòng Nội vụ",
                       place_name="Lạc Sơn", abbreviation="PNV")
    issuer = issuer_of(office)
    assert issuer.header_lines() == [("UBND HUYỆN LẠC SƠN", False), ("PHÒNG NỘI VỤ", True)]
    assert (issuer.place, issuer.abbreviation) == ("Lạc Sơn", "PNV")


def test_a_commune_speaks_as_its_peoples_committee(make_unit):
    province = make_unit("Tỉnh Minh Sơn", kind="province")
    commune = make_unit("Xã Tân Lập", kind="commune", parent=province)
    issuer = issuer_of(commune)
    assert issuer.header_lines() == [("ỦY BAN NHÂN DÂN", True), ("XÃ TÂN LẬP", True)]
    assert (issuer.full_name, issuer.place) == ("Ủy ban nhân dân xã Tân Lập", "Tân Lập")


def test_a_body_inside_a_department_is_dated_from_the_area_it_sits_in(make_unit):
    province = make_unit("Tỉnh Minh Sơn", kind="province")
    office = make_unit("Sở Nội vụ tỉnh Minh Sơn", kind="office", parent=province)
    team_office = make_unit("Phòng Cải cách hành chính", kind="department", parent=office)
    issuer = issuer_of(team_office)
    assert issuer.header_lines() == [("SỞ NỘI VỤ TỈNH MINH SƠN", False),
                                      ("PHÒNG CẢI CÁCH HÀNH CHÍNH", True)]
    assert issuer.place == "Minh Sơn"
