"""The speed benchmark's harness, run on the sample pair only (``--quick``):
it must measure real runs and find what dedupe and the fast peers report."""

from __future__ import annotations

import doctest
import json

import bench_compare
import books
import measure
import peers


def test_quick_run_on_the_sample_pair(tmp_path):
    out, raw = tmp_path / "RESULTS.md", tmp_path / "results.json"
    code = bench_compare.main(
        ["--quick", "--tools", "dedupe,difflib", "--out", str(out), "--json", str(raw)]
    )
    assert code == 0
    results = json.loads(raw.read_text(encoding="utf-8"))
    runs = {r["tool"]: r for r in results["runs"]}
    assert set(runs) == {"dedupe", "difflib"}
    dedupe = runs["dedupe"]
    assert dedupe["status"] == "ok" and dedupe["case"] == "sample pair (1x)"
    assert dedupe["seconds"] > 0 and dedupe["peak_mb"] > 10
    assert dedupe["words"] == 8842  # a.txt and b.txt, whitespace-separated
    # dedupe reports every known variant of the pair in a place of its own
    assert dedupe["found"] and all(dedupe["found"].values())
    assert dedupe["places"] > 0 and runs["difflib"]["places"] > 0
    assert results["startup"] > 0 and results["machine"]["cores"]
    text = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## dedupe compare", "## Peers", "## Targets"):
        assert heading in text
    assert "Zholdosbaev / Zholdoshaev" in text


def test_hand_written_notes_survive_a_rerun(tmp_path):
    out = tmp_path / "RESULTS.md"
    out.write_text(f"old tables\n\n{bench_compare.NOTES_MARK}\n\nkept\n", encoding="utf-8")
    bench_compare.main(["--quick", "--tools", "difflib", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "old tables" not in text
    assert text.rstrip().endswith("kept") and text.count(bench_compare.NOTES_MARK) == 1


def test_books_are_long_distinct_and_damaged():
    texts = [p.read_text(encoding="utf-8") for p in bench_compare.SAMPLE]
    one, two, three = books.witnesses(texts, 3, 2)
    first_a = books.chapters(texts, 1, seed=1)[0][0]
    assert len(one.split()) > 1.9 * len(first_a.split())
    assert one != three  # same source, own damage
    assert "Zholdosbaev" in one and "Zholdoshaev" in two  # chapter 1 is the sample itself


def test_doctests_of_the_benchmark_modules():
    for module in (bench_compare, books, measure, peers):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__


def test_a_dedupe_only_run_keeps_the_peers_last_numbers(tmp_path):
    raw = tmp_path / "results.json"
    earlier = {
        "machine": {"date": "2026-11-30 19:02", "commit": "abc1234", "load before": "2.1",
                    "load after": "1.0"},
        "runs": [
            {"case": "sample pair (1x)", "tool": "difflib", "words": 8842, "seconds": 0.08},
            {"case": "sample pair (1x)", "tool": "dedupe", "words": 8842, "seconds": 9.9},
            {"case": "an input not run now", "tool": "difflib", "words": 1, "seconds": 1.0},
        ],
    }  # fmt: skip
    raw.write_text(json.dumps(earlier), encoding="utf-8")
    now = [bench_compare.Run("sample pair (1x)", "dedupe", 8842, seconds=0.4)]
    info: dict = {}
    runs = bench_compare.keep_earlier_runs(raw, now, info, ["dedupe"])
    assert [(r.tool, r.seconds) for r in runs] == [("dedupe", 0.4), ("difflib", 0.08)]
    assert info["peers from"].startswith("2026-11-30 19:02 at commit abc1234")


def test_stage_timer_covers_every_stage():
    import stages

    spent = stages.main([str(p) for p in bench_compare.SAMPLE])
    assert list(spent) == ["read", "normalise", "align", "collate", "decide"]
    assert all(v >= 0 for v in spent.values()) and sum(spent.values()) > 0
