"""URL patterns of the justice app's network pages (included by liaison/justice/urls.py)."""

from django.urls import path

from liaison.justice.views import network

C = "criminal-cases/<int:criminal_case_id>/network"

urlpatterns: list = [
    path(f"{C}/", network.network, name="network"),
    path(f"{C}/entities/new/", network.network_entity_add, name="network_entity_add"),
    path(f"{C}/links/new/", network.network_link_add, name="network_link_add"),
    path(f"{C}/graph/", network.network_graph, name="network_graph"),
    path(f"{C}/export.csv", network.network_export, name="network_export"),
    path(
        "network-entities/<int:entity_id>/delete/",
        network.network_entity_delete,
        name="network_entity_delete",
    ),
]
