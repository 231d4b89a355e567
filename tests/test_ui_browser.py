"""The app in a real browser (Debian's Chromium, driven by Playwright): upload through the file
input, see the document listed, search, read a hit in its context; see the advice points, the
commitment register, download a Word draft and a redline; and nothing is fetched from anywhere
but the app itself.

With ASSISTANT_SCREENSHOTS=1 each tab is saved to docs/screenshots/<tab>.png.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import ui  # noqa: E402
from assistant.core import Assistant  # noqa: E402
from assistant.search.store import StoreConfig  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: apt-get install -y chromium"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_letter(folder: Path, name: str, subject: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"Gemeente Rijnwaarde\n\nDatum: 14 maart 2024\nOns kenmerk: 2024/001\nOnderwerp: {subject}\n\n"
                    f"Geachte leden van de raad,\n\n{body}\n\nHoogachtend,\n\nhet college\n", encoding="utf-8")
    return path


def screenshot(page, tab: str, full_page: bool = True) -> None:
    if os.environ.get("ASSISTANT_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{tab}.png"), full_page=full_page)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app over an index that already holds the sample corpus (PDF versions).

    The fake embedder keeps this fast; screenshots are taken with the real model, so they
    show the results a user gets.
    """
    folder = tmp_path_factory.mktemp("browser")
    corpus = folder / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus").glob("*.pdf")):
        shutil.copy(path, corpus / path.name)
    embedder = "e5" if os.environ.get("ASSISTANT_SCREENSHOTS") == "1" else "fake"
    assistant = Assistant(StoreConfig(index_dir=folder / "index"), embedder=embedder)
    assistant.ingest([corpus])
    blocks = ui.build_app(assistant)
    url = ui.serve(blocks, host="127.0.0.1", port=free_port(), block=False)
    yield assistant, url
    blocks.close()


@pytest.fixture(scope="module")
def app_url(app) -> str:
    return app[1]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(app_url)
    page.get_by_role("tab", name="Documenten").wait_for()
    yield page
    context.close()
    outside = [url for url in requested if not url.startswith(app_url) and not url.startswith("data:")]
    assert outside == [], f"the page fetched from elsewhere: {outside}"


def test_uploaded_letter_is_listed_and_found_with_its_citation(page, tmp_path):
    from playwright.sync_api import expect

    letter = write_letter(tmp_path, "logeerhuis_uitbreiding.txt", "Uitbreiding logeerhuis De Linde",
                          "Het logeerhuis De Linde krijgt in 2025 vier extra logeerbedden.\n\n"
                          "De gemeente betaalt de verbouwing uit de middelen voor mantelzorgondersteuning.")

    page.locator("#upload input[type=file]").set_input_files(str(letter))
    # Gradio shows the name's stem and extension in separate spans; the stem says it arrived.
    expect(page.locator("#upload")).to_contain_text("logeerhuis_uitbreiding")
    page.get_by_role("button", name="Toevoegen aan de index").click()

    expect(page.locator("#documents-status")).to_contain_text("1 document toegevoegd", timeout=30_000)
    expect(page.locator("#documents-table")).to_contain_text("Uitbreiding logeerhuis De Linde")
    page.get_by_text("Document verwijderen of de index opnieuw opbouwen").click()
    expect(page.get_by_role("button", name="Verwijderen", exact=True)).to_be_visible()
    screenshot(page, "documenten")

    page.get_by_role("tab", name="Zoeken").click()
    page.get_by_label("Zoekvraag").fill("extra logeerbedden De Linde")
    page.get_by_label("Zoekvraag").press("Enter")

    first = page.locator("#results .hit").first
    expect(first).to_contain_text("Uitbreiding logeerhuis De Linde, 14-03-2024, kenmerk 2024/001, p. 1, alinea",
                                  timeout=30_000)
    expect(first.locator("mark").first).to_be_visible()
    expect(page.locator("#context .para.found")).to_contain_text("vier extra logeerbedden")


def test_clicking_a_result_shows_it_in_its_context(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Zoeken").click()
    page.get_by_label("Zoekvraag").fill("wanneer wordt de logeervoorziening uitgebreid")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    second = page.locator("#results .hit").nth(1)
    expect(second).to_be_visible(timeout=30_000)
    text = second.locator("p").inner_text()

    second.click()

    expect(page.locator("#context .para.found")).to_contain_text(text[:60])
    expect(page.locator("#context-choice input[type=radio]").nth(1)).to_be_checked()
    screenshot(page, "zoeken")


def test_context_stays_in_view_when_a_result_far_down_is_clicked(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Zoeken").click()
    page.get_by_label("Zoekvraag").fill("mantelzorgers respijtzorg logeervoorziening")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    last = page.locator("#results .hit").last
    expect(page.locator("#results .hit")).to_have_count(10, timeout=30_000)

    last.click()

    expect(page.locator("#context-choice input[type=radio]").nth(9)).to_be_checked()
    expect(page.locator("#context .para.found")).to_be_in_viewport()
    screenshot(page, "zoeken-context", full_page=False)  # what the user sees after the click


def search_with_an_unreadable_date(page) -> None:
    page.get_by_role("tab", name="Zoeken").click()
    page.get_by_text("Filters: soort document en periode").click()
    page.get_by_label("Vanaf").fill("gisteren")
    page.get_by_label("Zoekvraag").fill("logeervoorziening")
    page.get_by_role("button", name="Zoeken", exact=True).click()


def test_a_date_that_cannot_be_read_shows_a_dutch_message(page):
    from playwright.sync_api import expect

    search_with_an_unreadable_date(page)

    expect(page.get_by_text("'gisteren' is geen datum")).to_be_visible(timeout=30_000)
    toast = page.locator(".toast-body").first
    assert "Fout" in toast.inner_text() and "Error" not in toast.inner_text()


ENGLISH = ["Drop File Here", "Click to Upload", "Copy table data", "Fullscreen", "Error", "Settings", "Use via API",
           "Built with Gradio", "Loading..."]


def test_a_browser_set_to_english_still_sees_a_dutch_app(browser, app_url):
    from playwright.sync_api import expect

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    page.get_by_role("tab", name="Documenten").wait_for()
    expect(page.get_by_text("Sleep het bestand hierheen").first).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Toezeggingen").click()
    expect(page.locator("#register-table")).to_be_visible(timeout=30_000)
    search_with_an_unreadable_date(page)
    expect(page.get_by_text("'gisteren' is geen datum")).to_be_visible(timeout=30_000)

    shown = page.inner_text("body")
    tooltips = page.eval_on_selector_all("[title], [aria-label]", "els => els.flatMap(e => [e.title, e.getAttribute('aria-label')])")
    context.close()
    assert [word for word in ENGLISH if word in shown or word in tooltips] == []


def test_the_footer_offers_no_developer_settings_or_api_page(page):
    footer = page.locator("footer").inner_text() if page.locator("footer").count() else ""
    for word in ("Settings", "Instellingen", "API", "Use via API"):
        assert word not in footer


def test_login_page_lets_a_known_user_in(browser, tmp_path):
    from playwright.sync_api import expect

    blocks = ui.build_app(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"))
    url = ui.serve(blocks, host="127.0.0.1", port=free_port(), auth=[("griffie", "geheim1")], block=False)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 700})
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text("Log in met de naam en het wachtwoord")).to_be_visible()
        screenshot(page, "inloggen", full_page=False)
        page.locator("input[type=text]").fill("griffie")
        page.locator("input[type=password]").fill("geheim1")
        page.locator("input[type=password]").press("Enter")
        expect(page.get_by_role("tab", name="Documenten")).to_be_visible(timeout=30_000)
    finally:
        context.close()
        blocks.close()


# -- Adviespunten, Toezeggingen, Concept, Vergelijken --------------------------------------------


def choose(page, picker: str, file_name: str) -> None:
    """Pick the indexed document with this file name in a document dropdown."""
    page.locator(f"#{picker} input").click()
    page.locator(f"#{picker}").get_by_role("option", name=re.compile(re.escape(file_name))).click()


def test_points_tab_shows_each_points_stance_and_commitments(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Adviespunten").click()
    choose(page, "points-advice-choice", "advies_asd_mantelzorg_2024.pdf")
    choose(page, "points-response-choice", "reactie_college_mantelzorg_2024.pdf")
    page.get_by_role("button", name="Adviespunten tonen").click()

    badges = page.locator("#points td.stance > .badge")
    expect(badges).to_have_text(["neemt over", "neemt gedeeltelijk over", "neemt gedeeltelijk over", "neemt over",
                                 "neemt niet over", "neemt gedeeltelijk over"], timeout=30_000)
    expect(page.locator("#points tr[data-point='1']")).to_contain_text("De logeervoorziening aan de Molenweg")
    answer = page.locator("#points tr[data-point='5'] details", has_text="Hele antwoord")
    answer.locator("summary").click()
    expect(answer.locator("p")).to_contain_text("Wij nemen dit advies niet over.")
    screenshot(page, "adviespunten")


def test_register_tab_filters_shows_a_commitment_and_exports_excel(page, tmp_path):
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Toezeggingen").click()
    expect(page.locator("#register-summary")).to_contain_text("toezeggingen op peildatum", timeout=30_000)
    page.locator("#register-status").get_by_text("verlopen", exact=True).click()
    expect(page.locator("#register-summary")).to_contain_text("verlopen.", timeout=30_000)
    statuses = page.locator("#register-table .virtual-row .body-cell:nth-child(2)")
    expect(statuses.first).to_have_text("verlopen")

    page.locator("#register-table .body-cell", has_text="digitaal aanvragen").first.click()

    detail = page.locator("#register-detail")
    expect(detail).to_contain_text("kunnen mantelzorgers de waardering ook digitaal aanvragen", timeout=30_000)
    expect(detail).to_contain_text("Wat latere documenten erover melden")
    expect(detail.locator(".later").first).to_contain_text("Voortgang uitvoering advies mantelzorgondersteuning")
    expect(detail).to_be_in_viewport()
    screenshot(page, "toezeggingen")

    with page.expect_download() as download:
        page.locator("#register-xlsx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert saved.suffix == ".xlsx" and sheet.freeze_panes == "A2"
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} == {"verlopen"}


def test_a_sorted_register_still_shows_the_commitment_that_was_clicked(page, app):
    from playwright.sync_api import expect

    from assistant.present import amount_text, money

    largest = max((c for c in app[0].register() if c.amount), key=lambda c: c.amount.eur)

    page.get_by_role("tab", name="Toezeggingen").click()
    expect(page.locator("#register-summary")).to_contain_text("toezeggingen op peildatum", timeout=30_000)
    amount = page.locator("#register-table th[data-heading='9']:visible")
    amount.hover()
    amount.locator("button.cell-menu-button").click()
    page.get_by_role("menuitem", name="Aflopend sorteren").click()

    first = page.locator("#register-table .virtual-row").first
    expect(first).to_contain_text(money(largest.amount.eur))
    first.locator(".body-cell").nth(3).click()

    detail = page.locator("#register-detail")
    expect(detail).to_contain_text(amount_text(largest.amount), timeout=30_000)
    expect(detail).to_contain_text(largest.text[:60])


def test_concept_tab_makes_a_word_draft_to_download(page, tmp_path):
    import docx
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Concept").click()
    choose(page, "draft-advice-choice", "advies_asd_mantelzorg_2024.pdf")
    choose(page, "draft-response-choice", "reactie_college_mantelzorg_2024.pdf")
    page.get_by_role("button", name="Concept maken").click()

    expect(page.locator("#draft-summary")).to_contain_text("Het concept is klaar: 6 adviespunten", timeout=60_000)
    screenshot(page, "concept")
    with page.expect_download() as download:
        page.locator("#draft-download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert saved.name == "concept-vervolgadvies-advies_asd_mantelzorg_2024.docx"
    headings = [p.text for p in docx.Document(str(saved)).paragraphs
                if p.style.name == "Heading 1" and p.text.startswith("Adviespunt")]
    assert len(headings) == 6


def test_compare_tab_shows_the_changed_commitments_and_gives_a_redline(page, tmp_path):
    import docx
    from docx.oxml.ns import qn
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Vergelijken").click()
    choose(page, "compare-old-choice", "beleidsbrief_armoede_concept.pdf")
    choose(page, "compare-new-choice", "beleidsbrief_armoede_definitief.pdf")
    page.get_by_role("button", name="Vergelijken", exact=True).click()

    changed = page.locator("#compare .commitment.changed", has_text="€ 300.000")
    expect(changed).to_be_visible(timeout=30_000)
    expect(changed.locator("del")).to_contain_text("€ 250.000")
    expect(changed.locator("ins")).to_contain_text("€ 300.000")
    screenshot(page, "vergelijken")
    with page.expect_download() as download:
        page.locator("#compare-download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    body = docx.Document(str(saved)).element.body
    assert body.findall(".//" + qn("w:ins")) and body.findall(".//" + qn("w:del"))


def test_version_pickers_show_date_kenmerk_and_the_whole_file_name_and_no_cut_word(page, app):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Vergelijken").click()
    page.locator("#compare-old-choice input").click()
    options = page.locator("#compare-old-choice").get_by_role("option")
    expect(options.first).to_be_visible(timeout=30_000)
    labels = [options.nth(i).get_attribute("aria-label") for i in range(options.count())]
    assert labels and all(label.rstrip().endswith((".pdf)", ".docx)", ".txt)", ".odt)")) for label in labels)
    concept = next(label for label in labels if "beleidsbrief_armoede_concept.pdf" in label)
    assert "kenmerk" in concept
    for i in range(options.count()):
        option = options.nth(i)
        text = option.get_attribute("aria-label")
        # shortened only at a word ("…" after a whole word), and the whole text on hover
        assert option.get_attribute("title") == text
        if "…" in text:
            shown = text.split("…")[0]
            assert any(d.title.startswith(shown) and d.title[len(shown)] == " " for d in app[0].documents()), text
        # what the list shows is not clipped by its width
        assert option.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
