# Indexes for dangvu.figures.counting (indexes only; no change to the data): the events of a period for
# flows(), and the periods that cover a day, in date order and by organization, with the columns that
# member_counts() reads, so that the databases answer from the indexes alone.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_period_is_latest'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='membershipevent',
            index=models.Index(
                condition=models.Q(('voided_at__isnull', True)),
                fields=['date', 'kind', 'organization', 'to_organization'],
                name='members_event_flows_idx',
            ),
        ),
        migrations.RemoveIndex(
            model_name='membershipperiod',
            name='members_mem_start_ac7b06_idx',
        ),
        migrations.AddIndex(
            model_name='membershipperiod',
            index=models.Index(
                fields=['start', 'end', 'member', 'organization', 'recognized_on'],
                name='members_period_on_day_idx',
            ),
        ),
        migrations.RemoveIndex(
            model_name='membershipperiod',
            name='members_mem_organiz_9d5ca1_idx',
        ),
        migrations.AddIndex(
            model_name='membershipperiod',
            index=models.Index(
                fields=['organization', 'start', 'end', 'recognized_on'],
                name='members_period_org_day_idx',
            ),
        ),
    ]
