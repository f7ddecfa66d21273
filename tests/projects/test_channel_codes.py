"""The OECD CRS channel code table holds together: every parent a code names exists, and the
organisations the report counts carry their codes."""

from importlib import import_module

from django.apps import apps

from projects.models import Channel, ChannelCode

UN_CODES = 41000  # "United Nations agency, fund or commission (UN)"


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
    # the CRS list files 47066 under 41100 UN entities only since 2020; the table keeps the
    # code in its own range, as the register and the report do
    assert (iom.oecd_code.code, iom.oecd_code.parent_code) == (47066, 47000)


def under_un_codes(code, parents):
    """Does `code` lie under 41000 (UN agencies, funds and commissions), by its parent codes?"""
    while code is not None:
        if code == UN_CODES:
            return True
        code = parents[code]
    return False


def top(channel, channels):
    while channel.parent_id is not None:
        channel = channels[channel.parent_id]
    return channel


def test_a_channel_code_is_a_un_code_exactly_when_the_register_puts_it_in_the_un_family(db):
    parents = dict(ChannelCode.objects.values_list("code", "parent_code"))
    channels = Channel.objects.in_bulk()
    un = Channel.objects.get(name="United Nations", parent=None)  # the UN family's top
    coded = [channel for channel in channels.values() if channel.oecd_code_id is not None]
    assert len(coded) > 20
    disagreeing = [
        (channel.name, channel.oecd_code_id)
        for channel in coded
        if under_un_codes(channel.oecd_code_id, parents) != (top(channel, channels) == un)
    ]
    assert disagreeing == []


def test_the_migration_moves_a_stored_iom_code_out_of_the_un_range(db):
    ChannelCode.objects.filter(code=47066).update(parent_code=41100)  # as migrated before
    migration = import_module("projects.migrations.0014_iom_channel_code_outside_un")
    migration.load(apps, None)
    assert ChannelCode.objects.get(code=47066).parent_code == 47000
    record = ChannelCode.history.filter(code=47066).latest()
    assert (record.history_type, record.parent_code) == ("~", 47000)
    assert record.history_change_reason == migration.REASON
