"""The cached word lists give exactly wordfreq's numbers, without wordfreq's
start-up cost, and a missing, unwritable or damaged cache never breaks a run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from dedupe import frequencies
from dedupe.lexicon import WORD

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEXTS = [
    *sorted((ROOT / "samples").rglob("*.txt")),
    *sorted((ROOT / "tests" / "data").rglob("*.txt")),
]
# words whose tokenization has a rule of its own in wordfreq
AWKWARD = [
    "won't", "britain’s", "l'arc", "d'heure", "qu'un", "Xi'an", "rock'n'roll",
    "e-future", "co-operate", "Straße", "naïve", "œuvre", "ſein", "covid-19",
    "COVID-19", "B52s", "MiG-21", "eng.unesco.org", "u.s", "H2O", "relief⁴⁷",
    "aͤrzte", "a--b", "x-", "Kazakh¹³",
]  # fmt: skip


def vocabulary() -> set[str]:
    words = set(AWKWARD)
    for path in TEXTS:
        words |= set(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(tmp_path / "cache"))
    frequencies.word_list.cache_clear()
    yield tmp_path / "cache"
    frequencies.word_list.cache_clear()


@pytest.mark.parametrize("language", sorted(frequencies.PLAIN_LANGUAGES))
def test_cached_lookup_equals_wordfreq_on_real_vocabulary(fresh_cache, language):
    words = vocabulary()
    assert len(words) > 3000
    lists = frequencies.word_list(language)
    lists.prefetch(sorted(words)[::2])  # half looked up at once, half one by one
    wrong = [w for w in words if lists.zipf(w) != wordfreq.zipf_frequency(w, language)]
    assert wrong == []
    assert list(fresh_cache.glob(f"wordfreq-*-{language}.sqlite3"))


def test_plain_words_need_no_wordfreq_import(fresh_cache):
    frequencies.word_list("en").zipf("warm")  # the copy is made (needs wordfreq)
    code = (
        "import sys; from dedupe.lexicon import zipf;"
        "print(zipf('software'), zipf('qxzvwq'), zipf('e-future'), 'wordfreq' in sys.modules)"
    )
    env = {**os.environ, "DEDUPE_CACHE_DIR": str(fresh_cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    software, misspelt, hyphened, imported = out.stdout.split()
    assert float(software) == wordfreq.zipf_frequency("software", "en") > 4
    assert float(misspelt) == 0.0 == wordfreq.zipf_frequency("qxzvwq", "en")
    assert float(hyphened) == wordfreq.zipf_frequency("e-future", "en")
    assert imported == "False"


def test_damaged_cache_is_made_again(fresh_cache):
    frequencies.word_list("en").zipf("warm")
    (copy,) = fresh_cache.glob("wordfreq-*-en.sqlite3")
    copy.write_bytes(b"not a database" * 100)
    frequencies.word_list.cache_clear()
    assert frequencies.word_list("en").zipf("software") == wordfreq.zipf_frequency("software", "en")
    assert copy.read_bytes().startswith(b"SQLite format 3")


def test_unwritable_cache_falls_back_to_wordfreq(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(blocker / "cache"))
    frequencies.word_list.cache_clear()
    try:
        lists = frequencies.word_list("en")
        assert lists.zipf("software") == wordfreq.zipf_frequency("software", "en")
        assert lists.zipf("Xi'an") == wordfreq.zipf_frequency("Xi'an", "en")
    finally:
        frequencies.word_list.cache_clear()


def test_languages_without_a_copy_ask_wordfreq(fresh_cache):
    assert frequencies.word_list("ru").zipf("слово") == wordfreq.zipf_frequency("слово", "ru")
    assert not list(fresh_cache.glob("*ru*"))
