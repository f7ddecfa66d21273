"""The funding facts lose the windows the overview's profile read (next and size years):
agreements are profiled by their period and their largest yearly amount (funding.models.facts),
and the overview's sums are keyed by those classes (funding.models.sums). Derived data: emptied
first, written again at the end (funding.refresh)."""

import django.db.models.deletion
from django.db import migrations, models


def empty(apps, schema_editor):
    for name in ("FactPart", "Fact"):
        apps.get_model("funding", name).objects.all().delete()


def fill(apps, schema_editor):
    """The facts of the amounts already recorded, with today's code (a later migration that
    changes the facts' columns must make this a no-op, as 0013 was made)."""
    from funding.refresh import facts_refresh

    if apps.get_model("funding", "YearlyAmount").objects.exists():
        facts_refresh()


WINDOWS = [
    f"{kind}_{stage}"
    for kind in ("next", "small_prev", "medium_prev")
    for stage in ("planned", "allocated", "disbursed", "any")
]


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0014_facts_summed"),
        ("projects", "0014_iom_channel_code_outside_un"),
    ]

    operations = [
        migrations.RunPython(empty, migrations.RunPython.noop, elidable=True),
        *[migrations.RemoveField(model_name="fact", name=name) for name in WINDOWS],
        migrations.RemoveField(model_name="fact", name="prev_any"),
        migrations.RemoveField(model_name="factpart", name="prev_any"),
        migrations.RemoveField(model_name="factpart", name="first_part"),
        migrations.AddField(
            model_name="fact",
            name="multi_year",
            field=models.BooleanField(
                default=False,
                help_text="The agreement's period spans several years.",
                verbose_name="multi-year agreement",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="fact",
            name="largest",
            field=models.BigIntegerField(
                default=0,
                help_text="Of all the agreement's yearly amounts, at any stage.",
                verbose_name="agreement's largest yearly amount (øre)",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="factpart",
            name="lead",
            field=models.BooleanField(
                default=False,
                help_text="One part of each fact, for counting facts.",
                verbose_name="lead part",
            ),
        ),
        migrations.DeleteModel(name="ChannelSum"),
        migrations.DeleteModel(name="RecipientSum"),
        migrations.CreateModel(
            name='ChannelSum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('objective', models.CharField(max_length=10, verbose_name='objective')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('prev', models.PositiveSmallIntegerField(help_text="Of the agreement's amounts, at any stage (0: none).", verbose_name='latest earlier year')),
                ('ore', models.BigIntegerField(verbose_name='amount (øre)')),
                ('facts', models.PositiveIntegerField(verbose_name='facts')),
                ('channel', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.channel', verbose_name='channel')),
            ],
            options={
                'verbose_name': 'facts summed by channel',
                'verbose_name_plural': 'facts summed by channel',
                'constraints': [models.UniqueConstraint(fields=('channel', 'objective', 'year', 'prev'), name='channel_sum_key')],
            },
        ),
        migrations.CreateModel(
            name='RecipientSum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('objective', models.CharField(max_length=10, verbose_name='objective')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('prev', models.PositiveSmallIntegerField(help_text="Of the agreement's amounts, at any stage (0: none).", verbose_name='latest earlier year')),
                ('ore', models.BigIntegerField(verbose_name='amount (øre)')),
                ('facts', models.PositiveIntegerField(verbose_name='facts')),
                ('multi_year', models.BooleanField(verbose_name='multi-year agreement')),
                ('size', models.PositiveSmallIntegerField(help_text="The agreement's largest yearly amount: 0 up to NOK 100 000, 1 up to NOK 1 000 000, 2 above.", verbose_name='size')),
                ('small', models.BooleanField(verbose_name='at most NOK 100 000')),
                ('recipient', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.recipient', verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'facts summed by recipient',
                'verbose_name_plural': 'facts summed by recipient',
                'constraints': [models.UniqueConstraint(fields=('recipient', 'objective', 'year', 'prev', 'multi_year', 'size', 'small'), name='recipient_sum_key')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
