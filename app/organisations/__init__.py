"""The registry of organisations, and each organisation's personal link to an election."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Role

CHANGE_LABELS = {
    "created": _l("registered"),
    "updated": _l("details changed"),
    "imported": _l("imported from CSV"),
    "eligibility": _l("eligibility decided"),
    "link_revoked": _l("personal link renewed"),
    "delegate": _l("delegate named or changed"),
    "nomination": _l("candidate nominated"),
    "nomination_withdrawn": _l("nomination withdrawn"),
    "nomination_decided": _l("nomination decided"),
    "override": _l("override after the deadline granted"),
}

#: Words for the keys of :attr:`OrganisationChange.details`
DETAIL_LABELS = {
    "name": _l("Name"),
    "kind": _l("Kind"),
    "contact_person": _l("Contact person"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "address": _l("Address"),
    "languages": _l("Languages"),
    "website": _l("Website"),
    "notes": _l("Notes"),
    "election": _l("Election"),
    "eligible": _l("Eligible"),
    "may_nominate": _l("May nominate a candidate"),
    "reason": _l("Reason"),
    "role": _l("Role"),
    "candidate": _l("Candidate"),
    "source": _l("Source"),
    "status": _l("Status"),
    "hours": _l("Valid for (hours)"),
    "row": _l("Row"),
}


def init_app(app: Flask) -> None:
    from app import api, navigation
    from app.core.demo import register_seeder
    from app.organisations import models  # noqa: F401  (register the tables)
    from app.organisations.api import blp
    from app.organisations.cli import organisations_cli
    from app.organisations.demo import seed_demo
    from app.organisations.public_views import bp as public_bp
    from app.organisations.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    api.register(app, blp)
    app.cli.add_command(organisations_cli)
    register_seeder(10, seed_demo)
    navigation.register(
        navigation.Section(
            "organisations.list_organisations", _l("Organisations"), frozenset({Role.ORGANISER})
        ),
        before="auth.list_users",
    )
    app.jinja_env.globals["change_label"] = lambda action: CHANGE_LABELS.get(action, action)
    app.jinja_env.globals["detail_label"] = lambda key: DETAIL_LABELS.get(key, key)
