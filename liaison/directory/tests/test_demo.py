"""The demo instance: complete, audited, idempotent, and never loaded into production by accident."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.core.audit import audit_verify
from liaison.core.fields import blind_lookup
from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.demo import ADMIN_USERNAME, DemoRefusedError, demo_load, demo_username
from liaison.directory.models import Agency, CountryProfile, Membership, User
from liaison.directory.permissions import has_capability, user_roles
from liaison.directory.procedure import deadline_date
from liaison.directory.roles import ROLE_CAPABILITIES, Role

PASSWORD = "a demo password for tests"


def _counts() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "profiles": CountryProfile.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time():
    first = demo_load(password=PASSWORD)
    after_first = _counts()

    second = demo_load(password=PASSWORD)

    assert first.changed
    assert not second.changed
    assert _counts() == after_first
    assert [login.username for login in second.logins] == [login.username for login in first.logins]


@pytest.mark.django_db
def test_a_partly_loaded_instance_is_completed_without_duplicates():
    demo_load(password=PASSWORD)
    complete = _counts()
    Membership.objects.filter(user__username=demo_username(Role.PROSECUTOR)).delete()

    result = demo_load(password=PASSWORD)

    assert result.created == {"agencies": 0, "users": 0, "memberships": 1, "profiles": 0}
    assert Membership.objects.count() == complete["memberships"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role.values))
def test_every_role_has_a_demo_user_who_holds_it_and_can_sign_in(role):
    demo_load(password=PASSWORD)

    user = User.objects.get(username=demo_username(role))

    assert role in user_roles(user)
    assert user.check_password(PASSWORD)
    assert user.full_name
    assert (
        blind_lookup(User.objects.all(), "email_index", f"{user.username}@example.org").get()
        == user
    )
    for capability in ROLE_CAPABILITIES[role]:
        assert has_capability(user, capability)


@pytest.mark.django_db
def test_admin_is_staff_and_superuser():
    demo_load(password=PASSWORD)

    admin = User.objects.get(username=ADMIN_USERNAME)

    assert admin.is_staff
    assert admin.is_superuser
    assert admin.check_password(PASSWORD)
    assert AuditEvent.objects.filter(
        action=AuditAction.SECURITY, object_id=str(admin.pk), fields=["is_superuser"]
    ).exists()


@pytest.mark.django_db
def test_home_country_is_portugal_and_its_profile_validates():
    demo_load(password=PASSWORD)

    home = CountryProfile.objects.get(is_home=True)
    home.full_clean()

    assert home.country == "PT"
    ladder = {step["code"]: step for step in home.status_ladder}
    assert ladder["flagged"]["next"] == ["pending"]
    assert set(ladder["pending"]["next"]) == {"confirmed", "not_confirmed"}
    assert set(ladder["confirmed"]["deciders"]) == {Role.INVESTIGATOR, Role.NRM_DECISION_MAKER}
    reflection = next(d for d in home.deadlines if d["code"] == "reflection_period")
    assert (reflection["days"], reflection["max_days"], reflection["unit"]) == (30, 60, "calendar")
    assert deadline_date(home, "residence_permit", datetime.date(2026, 1, 10)) == datetime.date(
        2027, 1, 10
    )
    assert "2026-06-10" in home.holidays
    assert home.population_year is not None
    assert 10_000_000 < (home.population or 0) < 11_000_000


@pytest.mark.django_db
def test_every_profile_validates_and_the_uk_deadline_skips_bank_holidays():
    demo_load(password=PASSWORD)

    for profile in CountryProfile.objects.all():
        profile.full_clean()
    uk = CountryProfile.objects.get(country="GB")

    # Referred on Thursday 21 May 2026: Monday 25 May is a bank holiday.
    assert deadline_date(uk, "rg_decision", datetime.date(2026, 5, 21)) == datetime.date(
        2026, 5, 29
    )
    assert set(CountryProfile.objects.values_list("country", flat=True)) == {"PT", "UZ", "TM", "GB"}
    assert "illustrative" in CountryProfile.objects.get(country="UZ").notes.lower()


@pytest.mark.django_db
def test_institutions_and_their_parents():
    demo_load(password=PASSWORD)

    rapporteur = Agency.objects.get(
        country="PT", name="Relator Nacional para o Tráfico de Seres Humanos"
    )
    regional_office = Agency.objects.get(short_name="UNODC ROCA")

    assert getattr(rapporteur.parent, "short_name", None) == "CIG"
    assert getattr(regional_office.parent, "short_name", None) == "UNODC"
    assert {"PT", "UZ", "TM"} <= set(Agency.objects.values_list("country", flat=True))
    assert (
        Agency.objects.filter(
            short_name__in=["PJ", "PSP", "GNR", "ACT", "OTSH", "AIMA", "APF"]
        ).count()
        == 7
    )


@pytest.mark.django_db
def test_every_row_is_in_the_access_log_and_the_chain_holds():
    demo_load(password=PASSWORD)

    for model in (Agency, User, Membership, CountryProfile):
        label = model._meta.label_lower
        logged = set(
            AuditEvent.objects.filter(
                object_type=label, action=AuditAction.CREATE, actor_label="system"
            ).values_list("object_id", flat=True)
        )
        assert {str(pk) for pk in model.objects.values_list("pk", flat=True)} <= logged, label
    assert audit_verify().ok


@pytest.mark.django_db
def test_production_is_refused_unless_forced(settings):
    settings.LIAISON_ENV = "production"

    with pytest.raises(DemoRefusedError):
        demo_load(password=PASSWORD)
    assert not Agency.objects.exists()

    with pytest.raises(CommandError, match="--force"):
        call_command("demo", stdout=StringIO())
    assert not Agency.objects.exists()

    assert demo_load(password=PASSWORD, force=True).changed


@pytest.mark.django_db
def test_command_prints_the_logins_and_the_password(monkeypatch, settings):
    monkeypatch.setenv("LIAISON_DEMO_PASSWORD", PASSWORD)
    settings.LIAISON_OTP_POLICY = "off"
    first, second = StringIO(), StringIO()

    call_command("demo", stdout=first)
    call_command("demo", stdout=second)

    assert "Created:" in first.getvalue()
    assert "nothing changed" in second.getvalue()
    for output in (first.getvalue(), second.getvalue()):
        assert PASSWORD in output
        assert ADMIN_USERNAME in output
        assert all(demo_username(role) in output for role in Role.values)
        assert "[two-factor]" not in output
    assert User.objects.get(username=demo_username(Role.CASE_WORKER)).check_password(PASSWORD)


@pytest.mark.django_db
def test_command_marks_accounts_that_need_two_factor(settings):
    settings.LIAISON_OTP_POLICY = "personal_data"
    out = StringIO()

    call_command("demo", stdout=out)

    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line.startswith("  ")}
    assert "[two-factor]" in lines[demo_username(Role.CASE_WORKER)]
    assert "[two-factor]" not in lines[demo_username(Role.PARTNER)]
