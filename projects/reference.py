"""Reference data of the projects app, read from fixtures/reference/*.csv.

Regions, recipients (every ISO country and the regional recipients the report uses), partner
groups, OECD channel codes, the organisation register (organisations.csv: the funding channels
and every organisation the memo names) and administering units, with their aliases. Used by the
data migrations (with historical models) and by `manage.py load_reference`; idempotent.

`load` fills only the fields that the first data migration's models have; `load_register`
fills the register's own fields (kind, website, description, source), added later.
"""

from django.utils import timezone

from measures.reference import fill, reference_rows


def aliases(cell):
    return [a.strip() for a in cell.split("|") if a.strip()]


def add_aliases(alias_model, owner_field, owner, names, taken):
    """Add the aliases no record uses yet; `taken` holds the lower-cased names in use."""
    new = [n for n in names if n.lower() not in taken]
    alias_model.objects.bulk_create(alias_model(name=n, **{owner_field: owner}) for n in new)
    taken.update(n.lower() for n in new)


def taken_names(alias_model):
    return {n.lower() for n in alias_model.objects.values_list("name", flat=True)}


def load(apps):
    """Fill every reference table of the projects app from its CSV file (idempotent)."""
    load_geography(apps)
    load_partners(apps)
    load_units(apps)


def load_geography(apps):
    Region = apps.get_model("projects", "Region")
    Recipient = apps.get_model("projects", "Recipient")
    RecipientAlias = apps.get_model("projects", "RecipientAlias")
    taken = taken_names(RecipientAlias)
    regions = {
        row["name"]: fill(Region, {"name": row["name"]}, {"geographic": row["geographic"] == "1"})
        for row in reference_rows("regions.csv")
    }
    for row in reference_rows("countries.csv"):
        country = fill(
            Recipient,
            {"iso2": row["iso2"]},
            {
                "name": row["name"],
                "kind": "country",
                "iso3": row["iso3"] or None,
                "region": regions[row["region"]],
            },
        )
        add_aliases(RecipientAlias, "recipient", country, aliases(row["aliases"]), taken)
    for row in reference_rows("regional_recipients.csv"):
        recipient = fill(
            Recipient, {"name": row["name"]}, {"kind": "regional", "region": regions[row["region"]]}
        )
        add_aliases(RecipientAlias, "recipient", recipient, aliases(row["aliases"]), taken)


def load_partners(apps):
    PartnerGroup = apps.get_model("projects", "PartnerGroup")
    Channel = apps.get_model("projects", "Channel")
    ChannelAlias = apps.get_model("projects", "ChannelAlias")
    taken = taken_names(ChannelAlias)
    groups = {
        row["name"]: fill(PartnerGroup, {"name": row["name"]}, {})
        for row in reference_rows("partner_groups.csv")
    }
    load_channel_codes(apps)
    rows = list(reference_rows("organisations.csv"))
    channels = {}
    for row in rows:
        channels[row["name"]] = fill(
            Channel,
            {"name": row["name"]},
            {
                "acronym": row["acronym"],
                "partner_group": groups.get(row["partner_group"]),
                "oecd_code_id": int(row["oecd_code"]) if row["oecd_code"] else None,
            },
        )
    for row in rows:
        channel = channels[row["name"]]
        if row["parent"] and channel.parent_id is None:
            channel.parent = channels[row["parent"]]
            channel.save(update_fields=["parent"])
        add_aliases(ChannelAlias, "channel", channel, aliases(row["aliases"]), taken)


def load_channel_codes(apps):
    """The OECD channel codes, each with its name and parent code (a changed parent replaces
    the stored one)."""
    ChannelCode = apps.get_model("projects", "ChannelCode")
    for row in reference_rows("oecd_channel_codes.csv"):
        parent_code = int(row["parent_code"]) if row["parent_code"] else None
        fill(
            ChannelCode,
            {"code": int(row["code"])},
            {"name": row["name"], "parent_code": parent_code},
        )


def load_register(apps):
    """The register's own fields of every organisation (after load_partners)."""
    Channel = apps.get_model("projects", "Channel")
    for row in reference_rows("organisations.csv"):
        fields = ("kind", "website", "description", "source")
        fill(Channel, {"name": row["name"]}, {field: row[field] for field in fields})


def load_units(apps):
    Unit = apps.get_model("projects", "AdministeringUnit")
    UnitAlias = apps.get_model("projects", "UnitAlias")
    taken = taken_names(UnitAlias)
    for row in reference_rows("units.csv"):
        unit = fill(Unit, {"name": row["name"]}, {"kind": row["kind"]})
        add_aliases(UnitAlias, "unit", unit, aliases(row["aliases"]), taken)


def snapshot(apps, app_label, model_name):
    """Every row of a model as {primary key: values}, to compare before and after a load."""
    model = apps.get_model(app_label, model_name)
    key = model._meta.pk.attname  # "id", or "code" for the channel codes
    return {row[key]: row for row in model.objects.values()}


def record_history(apps, app_label, model_name, before, reason):
    """Give the rows a migration's load created or changed their historical record: a data
    migration's models send no signals, so simple-history records nothing by itself."""
    history = apps.get_model(app_label, f"Historical{model_name}")
    now = timezone.now()
    records = [
        history(
            **row,
            history_date=now,
            history_type="+" if key not in before else "~",
            history_change_reason=reason,
        )
        for key, row in snapshot(apps, app_label, model_name).items()
        if before.get(key) != row
    ]
    history.objects.bulk_create(records, batch_size=1000)


def load_earlier_names(apps):
    """The earlier names of countries and organisations (fixtures/reference/earlier_names.csv)."""
    Recipient = apps.get_model("projects", "Recipient")
    Channel = apps.get_model("projects", "Channel")
    EarlierName = apps.get_model("projects", "EarlierName")
    for row in reference_rows("earlier_names.csv"):
        key = "recipient" if row["kind"] == "country" else "channel"
        record = (Recipient if key == "recipient" else Channel).objects.get(name=row["name"])
        values = {"until": int(row["until"]), "source": row["source"]}
        fill(EarlierName, {key: record, "name": row["earlier_name"]}, values)


NORWEGIAN_NAMES = [
    ("Region", "regions.csv"),
    ("Recipient", "countries.csv"),
    ("Recipient", "regional_recipients.csv"),
    ("AdministeringUnit", "units.csv"),
]


def load_norwegian_names(apps):
    """The Norwegian names of regions, recipients and units (the `name_nb` columns: countries'
    from CLDR, fixtures/reference/README.md); a name staff changed is kept."""
    for model_name, file_name in NORWEGIAN_NAMES:
        model = apps.get_model("projects", model_name)
        for row in reference_rows(file_name):
            if row["name_nb"]:
                model.objects.filter(name=row["name"], name_nb="").update(name_nb=row["name_nb"])
