"""The default participant categories (the same list the first events migration inserts)."""

from __future__ import annotations

from flask import has_request_context
from flask_babel import get_locale
from sqlalchemy import func, select

from app.events.models import ParticipantCategory
from app.extensions import db

LOCALES = ("de", "en", "tr", "ar", "uk")


def label_here(category: ParticipantCategory) -> str:
    """The category's label in the reader's language (German outside a request)."""
    locale = get_locale() if has_request_context() else None
    return category.label(str(locale) if locale else "de")


DEFAULTS = [
    ("resident", "Einwohner*in", "Resident", "Sakin", "مقيم/ة", "Мешканець/мешканка"),
    (
        "migrant_organisation",
        "Migrant*innenorganisation",
        "Migrant organisation",
        "Göçmen örgütü",
        "منظمة مهاجرين",
        "Організація мігрантів",
    ),
    (
        "administration",
        "Verwaltung",
        "Administration",
        "Belediye idaresi",
        "الإدارة",
        "Адміністрація",
    ),
    (
        "council_group",
        "Ratsfraktion",
        "Council group",
        "Meclis grubu",
        "كتلة في المجلس",
        "Фракція ради",
    ),
    (
        "ngo",
        "Träger / Wohlfahrtsverband",
        "NGO / welfare organisation",
        "STK / refah kuruluşu",
        "منظمة غير حكومية / منظمة رعاية",
        "НГО / благодійна організація",
    ),
    (
        "religious_community",
        "Religionsgemeinschaft",
        "Religious community",
        "Dini topluluk",
        "جماعة دينية",
        "Релігійна громада",
    ),
    ("police", "Polizei", "Police", "Polis", "الشرطة", "Поліція"),
    (
        "job_centre",
        "Jobcenter",
        "Job centre",
        "İş ajansı (Jobcenter)",
        "مركز العمل (Jobcenter)",
        "Джобцентр",
    ),
    (
        "school_authority",
        "Schulaufsicht",
        "School authority",
        "Okul denetim makamı",
        "سلطة الإشراف المدرسي",
        "Шкільний нагляд",
    ),
    (
        "neighbourhood_council",
        "Quartiersrat",
        "Neighbourhood council",
        "Mahalle konseyi",
        "مجلس الحي",
        "Рада кварталу",
    ),
    ("other", "Sonstige", "Other", "Diğer", "أخرى", "Інше"),
]


def ensure_defaults() -> None:
    """Insert the default list into an empty table (tests truncate it; the migration fills it)."""
    if db.session.scalar(select(func.count(ParticipantCategory.id))):
        return
    for index, (code, *labels) in enumerate(DEFAULTS):
        db.session.add(
            ParticipantCategory(
                code=code,
                labels=dict(zip(LOCALES, labels, strict=True)),
                position=(index + 1) * 10,
                is_active=True,
            )
        )
    db.session.flush()


def active() -> list[ParticipantCategory]:
    return list(
        db.session.scalars(
            select(ParticipantCategory)
            .where(ParticipantCategory.is_active.is_(True))
            .order_by(ParticipantCategory.position, ParticipantCategory.id)
        )
    )


def by_code(code: str) -> ParticipantCategory | None:
    return db.session.scalar(select(ParticipantCategory).where(ParticipantCategory.code == code))
