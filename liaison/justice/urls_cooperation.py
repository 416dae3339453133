"""URL patterns of the justice app's cooperation pages (included by liaison/justice/urls.py)."""

urlpatterns: list = []
