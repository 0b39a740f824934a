"""The funding sources every network starts with; administrators add, rename and retire them at /funding/sources/."""

from app.core import reference
from app.extensions import db
from app.funding.models import FundingSource

# (kind, English name, French name): the sources the Council note and the network's first meetings name.
DEFAULT_SOURCES: list[tuple[str, str, str]] = [
    ("isf_national", "ISF national programme", "Programme national du FSI"),
    ("isf_union", "ISF Union actions", "Actions de l'Union du FSI"),
    ("cepol", "CEPOL", "CEPOL"),
    ("national", "National budget", "Budget national"),
    ("agency", "Agency contribution (Europol, Frontex, eu-LISA, INTERPOL)",
     "Contribution d'une agence (Europol, Frontex, eu-LISA, INTERPOL)"),
    ("other", "Other", "Autre"),
]


def seed_sources() -> int:
    """Insert the default sources that are missing (by English name); never overwrites an administrator's edits."""
    known = set(db.session.scalars(db.select(FundingSource.name)))
    added = 0
    for position, (kind, name, name_fr) in enumerate(DEFAULT_SOURCES):
        if name not in known:
            db.session.add(FundingSource(kind=kind, name=name, name_fr=name_fr, position=position * 10))
            added += 1
    db.session.flush()
    return added


reference.seeder("funding_sources", seed_sources)
reference.watch(FundingSource)
