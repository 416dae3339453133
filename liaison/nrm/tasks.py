"""Background tasks of the NRM. Each wraps one service and is safe to run again."""

from __future__ import annotations

from django_tasks import task

from liaison.nrm.services.clocks import deadline_alerts_send


@task()
def send_deadline_alerts() -> int:
    """The daily deadline alert e-mails; a second run the same day sends nothing new."""
    return deadline_alerts_send()
