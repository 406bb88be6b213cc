"""Routes of app/events (public pages, the organisers' back office and the API)."""

from app.auth.models import Role
from tests.access import PUBLIC, roles

ORGANISER = roles(Role.ORGANISER)

ACCESS = {
    "events_public.list_events": PUBLIC,
    "events_public.show_event": PUBLIC,
    "events_public.register": PUBLIC,
    "events_public.registered": PUBLIC,
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
