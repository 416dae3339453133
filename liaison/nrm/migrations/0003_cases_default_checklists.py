"""Seed the default screening checklists (country blank: used where no country list exists)."""

from django.db import migrations


def seed(apps, schema_editor):
    from liaison.nrm.indicators import DEFAULT_CHECKLISTS

    checklist = apps.get_model("nrm", "IndicatorChecklist")
    for kind, indicators in DEFAULT_CHECKLISTS.items():
        checklist.objects.get_or_create(
            kind=kind, country="", version=1, defaults={"indicators": indicators}
        )


def unseed(apps, schema_editor):
    checklist = apps.get_model("nrm", "IndicatorChecklist")
    screening = apps.get_model("nrm", "Screening")
    used = set(screening.objects.values_list("checklist_id", flat=True))
    checklist.objects.filter(country="", version=1).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("nrm", "0002_cases_anonymous")]

    operations = [migrations.RunPython(seed, unseed)]
