"""A Chroma server that stops while the assistant uses it: one Dutch sentence with what to do, in
the CLI and the app, and a re-run after the restart completes what was half done."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.core import Assistant, StoreConfig
from assistant.errors import StoreError
from tests.conftest import CORPUS, start_chroma, stop_chroma

LETTERS = ("advies_asd_mantelzorg_2024.pdf", "reactie_college_mantelzorg_2024.pdf")


@pytest.mark.slow
def test_a_server_that_goes_away_is_one_dutch_sentence_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    for name in LETTERS:
        shutil.copy(CORPUS / name, folder / name)
    data = tmp_path / "chroma"
    proc, port = start_chroma(data)
    options = ["--chroma-host", "127.0.0.1", "--chroma-port", str(port), "--embedder", "fake"]
    runner = CliRunner()
    try:
        assert runner.invoke(main, ["ingest", str(folder / LETTERS[0]), *options]).exit_code == 0
        assistant = Assistant(StoreConfig(host="127.0.0.1", port=port), embedder="fake")
        assert assistant.documents()
    finally:
        stop_chroma(proc)

    with pytest.raises(StoreError, match="reageert niet meer|niet bereikbaar"):
        assistant.search("logeervoorziening")
    result = runner.invoke(main, ["search", "logeervoorziening", *options])
    assert result.exit_code == StoreError.exit_code
    assert result.output.startswith("Fout: De Chroma-server op 127.0.0.1") and "Traceback" not in result.output
    result = runner.invoke(main, ["ingest", str(folder), *options])
    assert result.exit_code == StoreError.exit_code and "Traceback" not in result.output

    proc, port2 = start_chroma(data)  # the same data, after a restart
    try:
        options[3] = str(port2)
        assert runner.invoke(main, ["ingest", str(folder), *options]).exit_code == 0
        listed = runner.invoke(main, ["documents", "--json", *options])
        assert all(name in listed.output for name in LETTERS), listed.output
    finally:
        stop_chroma(proc)
