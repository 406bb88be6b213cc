"""Routes of app/mail."""

from app.auth.models import Role
from tests.access import roles

ACCESS = {
    "mail.list_messages": roles(Role.ORGANISER),
    "mail.resend": roles(Role.ORGANISER),
}
