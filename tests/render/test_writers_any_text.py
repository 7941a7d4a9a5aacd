"""Every writer accepts any text a reader can produce: control characters
(OCR output has them), U+FFFE and U+FFFF, any script; TEI output is XML that
parses, with the characters XML cannot hold shown by stand-ins."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import dedupe
from dedupe.render.xml_text import NOT_XML, xml_safe, xml_text

FORMATS = ("text", "md", "json", "html", "tei")
BASE = "The report was filed in Beijing on Monday.\n\nA second paragraph both have.\n"

#: What the text reader can give: any character but NUL (dropped or refused)
#: and surrogates (strict decoding never makes one); CR becomes a line feed.
reader_chars = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00\r"
) | st.sampled_from("\x01\x07\x08\x0b\x1b\x1f\x7f\x85\ufffe\uffff\u2028\ufeff")
words = st.text(reader_chars, min_size=1, max_size=12)


def check_every_writer(collation) -> None:
    for fmt in FORMATS:
        out = dedupe.render(fmt, collation)
        assert isinstance(out, str) and out
    json.loads(dedupe.render("json", collation))
    tei = dedupe.render("tei", collation).encode("utf-8")
    root = etree.fromstring(tei)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(inserted=st.lists(words, min_size=1, max_size=6), where=st.integers(0, 8))
def test_every_writer_accepts_any_text_a_reader_gives(tmp_path, collate_texts, inserted, where):
    base = BASE.split(" ")
    first = " ".join(base[:where] + inserted + base[where:])
    if not first.strip() or not BASE.strip():
        return
    try:
        collation = collate_texts(tmp_path, {"a.txt": first, "b.txt": BASE})
    except dedupe.DedupeError:
        return  # refused as binary or empty: one clear line, tested elsewhere
    check_every_writer(collation)


def test_control_characters_reach_tei_as_control_pictures(tmp_path, collate_texts):
    first = BASE.replace("report", "report\x01").replace("filed", "\x1b[1mfiled\ufffe")
    collation = collate_texts(tmp_path, {"a.txt": first, "b.txt": BASE})
    check_every_writer(collation)
    tei = etree.fromstring(dedupe.render("tei", collation).encode("utf-8"))
    readings = [el.text for el in tei.iter("{*}rdg", "{*}lem") if el.text]
    assert "report␁" in readings and "␛[1mfiled�" in readings
    assert "report" in readings and "filed" in readings


def test_tei_at_the_command_line_exits_0_on_control_characters(tmp_path):
    (tmp_path / "a.txt").write_text(BASE.replace("Monday", "Mon\x01day\x1b"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(BASE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", "a.txt", "b.txt", "-f", "tei", "-q"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Mon␁day␛" in result.stdout
    etree.fromstring(result.stdout.encode("utf-8"))


def test_stand_ins_keep_every_offset_and_cover_lone_surrogates():
    text = "a\x01b\ud800c\uffffd\te\nf"
    safe = xml_text(text)
    assert safe == "a␁b\ufffdc\ufffdd\te\nf" and len(safe) == len(text)
    assert not NOT_XML.search(safe)
    etree.fromstring(f"<t>{safe}</t>")
    same = ("ok", {"k": ["fine"]})
    assert xml_safe(same) is same
