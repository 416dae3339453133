"""URL patterns of the justice app's cases pages (included by liaison/justice/urls.py)."""

urlpatterns: list = []
