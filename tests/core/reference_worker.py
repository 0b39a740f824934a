"""A second application process for tests/core/test_reference_cache.py: the same database, its own memory.

Run as ``python -m tests.core.reference_worker DATABASE_URL EMAIL``: logs in as EMAIL (the suite's password),
then for each path read on stdin prints one JSON line: the status, the options of the page's instrument and
country filters, and how many SQL statements of that request read the instruments or the organisations.
"""

import json
import re
import sys

from sqlalchemy import event

from app import create_app
from app.extensions import db
from tests.factories import PASSWORD, test_config


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) if select else []


def main() -> None:
    url, email = sys.argv[1], sys.argv[2]
    app = create_app(test_config(url))
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        statements.clear()
        response = client.get(line.strip())
        html = response.get_data(as_text=True)
        print(json.dumps({
            "status": response.status_code,
            "instruments": _options(html, "instrument"),
            "countries": _options(html, "country"),
            "reference_reads": sum(1 for s in statements if "FROM legal_instruments" in s or "FROM organisations" in s),
        }), flush=True)


if __name__ == "__main__":
    main()
