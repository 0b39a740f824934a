"""How an obstacle appears in the cross-module search."""

from flask import url_for

from app.core.i18n import _l
from app.obstacles.models import Obstacle
from app.search.index import Document, searchable


def _document(obstacle: Obstacle) -> Document:
    countries = ", ".join(c.name for c in obstacle.counterparts)
    body = "\n".join(filter(None, [obstacle.description, obstacle.agreed_action, obstacle.resolution,
                                   obstacle.reporting_org.name if obstacle.reporting_org else "", countries]))
    return Document(obstacle.title, body)


searchable("obstacles", _l("Obstacles"), Obstacle, _document,
           lambda record_id: url_for("obstacles.detail", obstacle_id=record_id))

