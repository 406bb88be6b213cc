"""Routes of app/core, app/auth, app/i18n and the API meta endpoints."""

from app.auth.models import Role
from tests.access import PUBLIC, STAFF, roles

ACCESS = {
    "core.index": PUBLIC,
    "core.privacy": PUBLIC,
    "core.health": PUBLIC,
    "core.dashboard": STAFF,
    "switch_language": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": STAFF,
    "auth.change_password": STAFF,
    "auth.list_users": roles(Role.ADMIN),
    "auth.create_user": roles(Role.ADMIN),
    "auth.edit_user": roles(Role.ADMIN),
    "api-docs.openapi_json": PUBLIC,
    "api_meta.version": PUBLIC,
}
