"""What an administrator does on the import pages, as test steps."""

import io
import re


def upload(client, data: bytes, name: str = "obstacles.csv", kind: str = "obstacles"):
    return client.post("/admin/imports/", data={"kind": kind, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def job_id(response) -> int:
    assert response.status_code == 303, re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.get_data(as_text=True))
    return int(re.search(r"/admin/imports/(\d+)", response.headers["Location"])[1])


def dry_run(client, data: bytes, name: str = "obstacles.csv", kind: str = "obstacles") -> tuple[int, str]:
    """Upload, keep the columns as recognised, run the dry run; the job and its page."""
    job = job_id(upload(client, data, name, kind))
    page = client.get(f"/admin/imports/{job}").get_data(as_text=True)
    mapping = {name: _selected(page, name) for name in re.findall(r'name="(column_\d+)"', page)}
    response = client.post(f"/admin/imports/{job}/check", data=mapping)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    return job, client.get(f"/admin/imports/{job}").get_data(as_text=True)


def _selected(page: str, name: str) -> str:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)[1]
    chosen = re.search(r'<option([^>]*)selected[^>]*>|<option selected([^>]*)>', select)
    if chosen is None:
        return ""
    value = re.search(r'value="([^"]*)"', chosen[0])
    return value[1] if value else ""


def counts(page: str) -> list[str]:
    """Rows, to create (or created), to update (or updated), unchanged, with problems: the page's counters."""
    block = re.search(r'<dl class="import-counts">(.*?)</dl>', page, re.S)
    assert block, page[:4000]
    figures = re.findall(r"<dd>(\d+)</dd>", block[1])
    assert len(figures) == 5, block[1]
    return figures
