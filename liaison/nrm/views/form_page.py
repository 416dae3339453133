"""The one shape of the NRM's small case forms: show, validate, call one service, go back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from liaison.directory.forms import add_service_errors
from liaison.nrm.models import Case


def case_form_page(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    done: str,
    back: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """On a valid POST, ``save`` calls the service; its ValidationError lands on the form (400)
    and nothing is written; on success the user goes back to the ``back`` page of the case."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(back, case_id=case.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"case": case, "form": form, **context}, status=status)
