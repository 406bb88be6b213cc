"""Routes of app/events (public pages, the organisers' back office and the API)."""

from app.auth.models import Role
from tests.access import PUBLIC, roles

ORGANISER = roles(Role.ORGANISER)

ACCESS = {
    "events_public.list_events": PUBLIC,
    "events_public.show_event": PUBLIC,
    "events_public.register": PUBLIC,
    "events_public.registered": PUBLIC,
    "events_public.already_registered": PUBLIC,
    "events_public.manage": PUBLIC,
    "events_public.ticket_pdf": PUBLIC,
    "events_public.calendar": PUBLIC,
    "events_public.cancel": PUBLIC,
    "events_public.invitation": PUBLIC,
    "events_public.decline_invitation": PUBLIC,
}
ACCESS.update(
    {
        "events_api.Events": PUBLIC,
        "events_api.OneEvent": PUBLIC,
        "events_api.Registrations": PUBLIC,
    }
)
ACCESS.update(
    {
        "events_admin.list_events": ORGANISER,
        "events_admin.create_event": ORGANISER,
        "events_admin.edit_event": ORGANISER,
        "events_admin.edit_session": ORGANISER,
        "events_admin.show_event": ORGANISER,
        "events_admin.statistics": ORGANISER,
        "events_admin.export_registrations": ORGANISER,
        "events_admin.export_session": ORGANISER,
        "events_admin.add_registration": ORGANISER,
        "events_admin.edit_registration": ORGANISER,
        "events_admin.cancel_registration": ORGANISER,
        "events_admin.export_person": ORGANISER,
        "events_admin.purge": roles(Role.ADMIN),
        "events_admin.edit_categories": ORGANISER,
        "events_admin.invitations_page": ORGANISER,
        "events_admin.import_invitations": ORGANISER,
        "events_admin.confirm_import": ORGANISER,
        "events_admin.send_invitations": ORGANISER,
        "events_admin.remind_invitations": ORGANISER,
    }
)
