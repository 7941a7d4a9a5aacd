"""Every format is known by its content, not its name: each witness read
under a misleading extension (and under none) is read as what it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = {
    "alto": DATA / "alto" / "test.alto3.xml",
    "hocr": DATA / "hocr" / "minutes.hocr",
    "page": DATA / "page" / "lorem-ipsum-scan.gt.page.xml",
    "abbyy": DATA / "abbyy" / "finereader_10_excerpt.xml",
    "tei": DATA / "tei" / "clarke-excerpt.xml",
}
HTML = "<!DOCTYPE html><html><body><main><p>The committee met in spring.</p></main></body></html>"
KINDS = [*FILES, "html", "docx", "epub", "pdf"]


def make(kind: str, path: Path, docx_package, epub_package, simple_pdf) -> None:
    if kind in FILES:
        shutil.copyfile(FILES[kind], path)
    elif kind == "html":
        path.write_text(HTML)
    elif kind == "docx":
        path.write_bytes(
            docx_package(
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>The committee met.</w:t></w:r></w:p></w:body>'
                "</w:document>"
            )
        )
    elif kind == "epub":
        path.write_bytes(
            epub_package(
                "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>The committee met.</p>"
                "</body></html>"
            )
        )
    else:
        path.write_bytes(simple_pdf(["The committee met."]))


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".png", ".docx", ""])
@pytest.mark.parametrize("kind", KINDS)
def test_format_from_content_whatever_the_name(
    kind: str, suffix: str, tmp_path: Path, docx_package, epub_package, simple_pdf
) -> None:
    path = tmp_path / f"witness{suffix}"
    make(kind, path, docx_package, epub_package, simple_pdf)
    source = read(str(path))
    assert source.witness.format == kind
    assert source.text.strip()
