"""The OECD CRS channel code table holds together: every parent a code names exists, and the
organisations the report counts carry their codes."""

from projects.models import Channel, ChannelCode


def test_every_parent_code_exists(db):
    codes = set(ChannelCode.objects.values_list("code", flat=True))
    parents = set(
        ChannelCode.objects.exclude(parent_code=None).values_list("parent_code", flat=True)
    )
    assert parents - codes == set()
    assert {41100, 41300, 50000} <= codes


def test_the_ilo_carries_its_oecd_channel_code(db):
    ilo = Channel.objects.get(acronym="ILO")
    assert ilo.oecd_code.code == 41302
    assert ilo.oecd_code.parent_code == 41300  # Other UN (core contributions reportable in part)


def test_iom_is_outside_the_united_nations_family_the_report_counts(db):
    iom = Channel.objects.get(acronym="IOM")
    assert iom.parent is None  # "UN organisations" (NOK 79 million) leaves IOM out
    # the CRS list files IOM's code among the UN entities; the register follows the report
    assert (iom.oecd_code.code, iom.oecd_code.parent_code) == (47066, 41100)
