"""The app reads only files that were uploaded through it: a FileData payload naming any other
path on the server is refused at every endpoint that takes a file, and nothing of the file's
text comes back. Posted as raw HTTP, the way an attacker would, not through gradio_client
(which uploads a local file first)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.builders import make_pdf
from tests.test_ui import Served
from assistant.core import Assistant
from assistant.search.store import StoreConfig

SECRET = "Vertrouwelijk: het wachtwoord van de server is zonnebloem42."


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    app = Served(Assistant(StoreConfig(index_dir=tmp_path_factory.mktemp("paths") / "index"), embedder="fake"))
    yield app
    app.close()


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """Files on the server that were never uploaded: a PDF, a Word-like name, a text file."""
    folder = tmp_path_factory.mktemp("buiten")
    pdf = make_pdf(folder / "geheim.pdf", [["Geachte heer,", "", SECRET, "", "Hoogachtend,"]])
    text = folder / "geheim.txt"
    text.write_text(f"Onderwerp: intern\n\n{SECRET}\n", encoding="utf-8")
    return [pdf, text]


def file_data(path) -> dict:
    return {"path": str(path), "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}


def post(url: str, api_name: str, data: list) -> str:
    """Call an endpoint over plain HTTP and return everything it streamed back."""
    request = urllib.request.Request(f"{url.rstrip('/')}/gradio_api/call/{api_name}",
                                     data=json.dumps({"data": data}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        event = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(f"{url.rstrip('/')}/gradio_api/call/{api_name}/{event}", timeout=120) as response:
        return response.read().decode("utf-8", "replace")


def payloads(f) -> dict[str, list]:
    """Every endpoint that takes a file, with the outside file in each file slot."""
    return {
        "add": [[file_data(f)]],
        "points_advice": [None, file_data(f), None, None],
        "points_response": [None, None, None, file_data(f)],
        "draft_advice": [None, file_data(f), None, None, None, ""],
        "draft_template": [None, None, None, None, file_data(f), ""],
        "compare_old": [None, file_data(f), None, file_data(f), False, False],
    }


@pytest.mark.parametrize("slot", sorted(payloads(__import__("pathlib").Path("x")).keys()))
def test_a_path_that_was_never_uploaded_is_refused_everywhere(served, outside, slot):
    for f in outside:
        api_name = slot.split("_")[0]
        streamed = post(served.url, api_name, payloads(f)[slot])
        assert "event: error" in streamed, streamed[:300]
        assert "zonnebloem42" not in streamed
    assert served.assistant.documents() == []


def test_a_made_up_document_choice_is_refused(served, outside):
    streamed = post(served.url, "compare", [str(outside[0]), None, str(outside[1]), None, False, False])
    assert "event: error" in streamed and "zonnebloem42" not in streamed
