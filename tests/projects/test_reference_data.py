from projects.models import AdministeringUnit, Channel, PartnerGroup, Recipient, Region


def test_it_loads_norads_regions_and_the_unallocated_one(db):
    assert list(Region.objects.filter(geographic=True).values_list("name", flat=True)) == [
        "Africa", "America", "Asia", "Europe", "Middle East", "Oceania",
    ]  # fmt: skip
    assert Region.objects.get(geographic=False).name == "Not geographically allocated"


def test_it_loads_every_iso_country_with_its_region(db):
    countries = Recipient.objects.filter(kind=Recipient.Kind.COUNTRY)
    assert countries.count() >= 249
    assert countries.get(iso2="BA").region.name == "Europe"
    assert countries.get(iso2="KG").region.name == "Asia"
    assert countries.get(iso2="MZ").region.name == "Africa"


def test_countries_are_found_by_the_names_sources_use(db):
    for alias, iso2 in [
        ("Macedonia", "MK"),
        ("Bosnia-Herzegovina", "BA"),
        ("Kyrgyz Republic", "KG"),
    ]:
        assert Recipient.objects.get(aliases__name__iexact=alias).iso2 == iso2


def test_regional_recipients_count_in_their_region(db):
    assert Recipient.objects.get(name="Western Balkans regional").region.name == "Europe"
    assert Recipient.objects.get(name="Global").region.geographic is False


def test_it_loads_norads_17_partner_groups(db):
    assert PartnerGroup.objects.count() == 17
    assert PartnerGroup.objects.filter(name="NGO Norwegian").exists()


def test_channels_carry_group_code_and_parent(db):
    iom = Channel.objects.get(acronym="IOM")
    assert iom.partner_group.name == "Multilateral institutions"
    assert iom.oecd_code_id == 47066
    assert iom.parent is None
    save_norway = Channel.objects.get(name="Save the Children Norway")
    assert save_norway.parent.name == "Save the Children"
    assert save_norway.partner_group.name == "NGO Norwegian"
    assert Channel.objects.get(acronym="UNICEF").parent.name == "United Nations"


def test_it_loads_the_units_the_report_names(db):
    for name, kind in [
        ("West Balkans Section", "section"),
        ("Section for Human Rights and Democracy", "section"),
        ("Section for Global Security and the CIS Countries", "section"),
        ("Embassy in Pretoria", "embassy"),
        ("Embassy in Maputo", "embassy"),
    ]:
        assert AdministeringUnit.objects.get(name=name).kind == kind
    assert AdministeringUnit.objects.filter(kind="norad").exists()


def test_loading_reference_data_again_changes_nothing(db):
    from django.core.management import call_command

    before = (Recipient.objects.count(), Channel.objects.count(), AdministeringUnit.objects.count())
    call_command("load_reference")
    after = (Recipient.objects.count(), Channel.objects.count(), AdministeringUnit.objects.count())
    assert before == after
