"""URL patterns of the NRM's cases pages (included by liaison/nrm/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
