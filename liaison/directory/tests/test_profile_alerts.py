import re

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role


@pytest.mark.django_db
def test_a_user_opts_in_to_email_alerts_from_the_profile(make_member, client_for):
    user = make_member(Role.CASE_WORKER)
    client = client_for(user)

    response = client.post(reverse("accounts:profile"), {"email_alerts": "on"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_alerts is True
    events = AuditEvent.objects.filter(
        object_type="directory.user", object_id=str(user.pk), action="update"
    )
    assert any("email_alerts" in event.fields for event in events)


@pytest.mark.django_db
def test_the_profile_shows_the_current_alert_preference(make_member, client_for):
    user = make_member(Role.PARTNER)
    user.email_alerts = True
    user.save(update_fields=["email_alerts"])

    response = client_for(user).get(reverse("accounts:profile"))

    assert response.status_code == 200
    checkbox = re.search(r"<input[^>]*name=\"email_alerts\"[^>]*>", response.content.decode())
    assert checkbox is not None
    assert "checked" in checkbox.group(0)
