"""URL patterns of the justice app's network pages (included by liaison/justice/urls.py)."""

urlpatterns: list = []
