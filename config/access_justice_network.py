"""Access rules of the justice app's network pages and operations (merged into config/access_matrix.py)."""

from liaison.directory.access import LOGIN, MEMBER, PUBLIC, STAFF, needs  # noqa: F401
from liaison.directory.roles import Capability as C  # noqa: F401, N817

PAGES: dict = {}
API: dict = {}
