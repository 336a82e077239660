# The constraints in their own migration (transaction), after the duplicates were resolved.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('biodiva', '0006_resolve_duplicate_scans_and_site_names'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='scan',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'in_progress')), fields=('site',), name='biodiva_one_scan_in_progress_per_site'),
        ),
        migrations.AddConstraint(
            model_name='site',
            constraint=models.UniqueConstraint(fields=('company', 'name'), name='biodiva_site_name_unique_per_company'),
        ),
    ]
