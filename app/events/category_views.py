"""The configurable list of participant categories (labels in every language)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.events import categories
from app.events.models import ParticipantCategory
from app.events.views import MAX_ID, bp, organiser_required
from app.extensions import db
from app.forms import Form


class CategoryForm(Form):
    code = StringField(
        _l("Code"),
        description=_l("Lower-case letters and _, used in CSV files, e.g. sports_club"),
        validators=[DataRequired(), Length(max=40), Regexp(r"^[a-z][a-z0-9_]*$")],
    )
    label_de = StringField(_l("Label (German)"), validators=[DataRequired(), Length(max=100)])
    label_en = StringField(_l("Label (English)"), validators=[Optional(), Length(max=100)])
    label_tr = StringField(_l("Label (Turkish)"), validators=[Optional(), Length(max=100)])
    label_ar = StringField(_l("Label (Arabic)"), validators=[Optional(), Length(max=100)])
    label_uk = StringField(_l("Label (Ukrainian)"), validators=[Optional(), Length(max=100)])
    is_active = BooleanField(_l("Offered on forms"), default=True)


def _labels(form: CategoryForm) -> dict[str, str]:
    return {
        locale: form[f"label_{locale}"].data.strip()
        for locale in categories.LOCALES
        if (form[f"label_{locale}"].data or "").strip()
    }


@bp.route("/categories", methods=["GET", "POST"])
@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@organiser_required
def edit_categories(category_id: int | None = None) -> Response | str:
    """List the categories; add one or change one (codes stay fixed once created)."""
    categories.ensure_defaults()
    category = None
    if category_id is not None and category_id <= MAX_ID:
        category = db.session.get(ParticipantCategory, category_id)
    if category_id is not None and category is None:
        return redirect(url_for("events_admin.edit_categories"))
    form = CategoryForm(obj=category)
    if category is not None and request.method == "GET":
        for locale in categories.LOCALES:
            form[f"label_{locale}"].data = (category.labels or {}).get(locale, "")
    if form.validate_on_submit():
        if category is None:
            if categories.by_code(form.code.data) is not None:
                form.code.errors = [_("This code is already used.")]
                return _page(form, category), 400
            position = db.session.scalar(select(func.max(ParticipantCategory.position))) or 0
            category = ParticipantCategory(code=form.code.data, position=position + 10)
            db.session.add(category)
        category.labels = _labels(form)
        category.is_active = bool(form.is_active.data)
        db.session.commit()
        flash(_("The category was saved."), "success")
        return redirect(url_for("events_admin.edit_categories"))
    return _page(form, category)


def _page(form: CategoryForm, category: ParticipantCategory | None) -> str:
    everything = db.session.scalars(
        select(ParticipantCategory).order_by(ParticipantCategory.position)
    ).all()
    return render_template(
        "events/categories.html", form=form, category=category, categories=everything
    )
