"""Access rules of the justice app's network pages and operations (merged into config/access_matrix.py).
Object rules (the cases in reach, editing a case) are the policies' and services'."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817  (reads as a table)

PAGES: dict = {
    "justice:network": needs(C.VIEW_NETWORKS),
    "justice:network_entity_add": needs(C.VIEW_NETWORKS),
    "justice:network_link_add": needs(C.VIEW_NETWORKS),
    "justice:network_entity_delete": needs(C.VIEW_NETWORKS),
    "justice:network_graph": needs(C.VIEW_NETWORKS),
    "justice:network_export": needs(C.VIEW_NETWORKS),
}
API: dict = {
    "justice_list_network_entities": needs(C.VIEW_NETWORKS),
    "justice_add_network_entity": needs(C.VIEW_NETWORKS),
    "justice_delete_network_entity": needs(C.VIEW_NETWORKS),
    "justice_add_network_link": needs(C.VIEW_NETWORKS),
    "justice_get_network": needs(C.VIEW_NETWORKS),
    "justice_get_network_path": needs(C.VIEW_NETWORKS),
}
