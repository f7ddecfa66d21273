"""The funding facts summed for the overview (funding.sums), filled from the facts."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Nothing: the sums are gone in 0015, which writes the facts again."""


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0013_facts_in_ore'),
        ('projects', '0014_iom_channel_code_outside_un'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChannelSum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('objective', models.CharField(max_length=10, verbose_name='objective')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('prev_any', models.PositiveSmallIntegerField(help_text="The year of the agreement's latest earlier amount (0: none).")),
                ('ore', models.BigIntegerField(verbose_name='amount (øre)')),
                ('facts', models.IntegerField(verbose_name='facts')),
                ('channel', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.channel', verbose_name='channel')),
            ],
            options={
                'verbose_name': 'facts summed by channel',
                'verbose_name_plural': 'facts summed by channel',
                'constraints': [models.UniqueConstraint(fields=('channel', 'objective', 'year', 'prev_any'), name='channel_sum_key')],
            },
        ),
        migrations.CreateModel(
            name='RecipientSum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('objective', models.CharField(max_length=10, verbose_name='objective')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('prev_any', models.PositiveSmallIntegerField(help_text="The year of the agreement's latest earlier amount (0: none).")),
                ('ore', models.BigIntegerField(verbose_name='amount (øre)')),
                ('facts', models.IntegerField(verbose_name='facts')),
                ('next_any', models.PositiveSmallIntegerField(help_text="The year of the agreement's earliest later amount (9999: none).")),
                ('small_prev_any', models.PositiveSmallIntegerField(help_text='Its latest earlier amount above NOK 100 000, for facts above it.')),
                ('medium_prev_any', models.PositiveSmallIntegerField(help_text='Its latest earlier amount above NOK 1 000 000, for facts above.')),
                ('size', models.PositiveSmallIntegerField(help_text='0: up to NOK 100 000, 1: up to NOK 1 000 000, 2: above.', verbose_name='size')),
                ('recipient', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.recipient', verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'facts summed by recipient',
                'verbose_name_plural': 'facts summed by recipient',
                'constraints': [models.UniqueConstraint(fields=('recipient', 'objective', 'year', 'prev_any', 'next_any', 'small_prev_any', 'medium_prev_any', 'size'), name='recipient_sum_key')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
