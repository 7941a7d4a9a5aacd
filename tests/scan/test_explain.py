"""Why members are in a cluster, and chains (A~B, B~C, A!~C) reported and
split off with ``--strict``."""

from __future__ import annotations

import json
from pathlib import Path

from dedupe.scan.files import find_files
from dedupe.scan.pipeline import scan

from .test_commands import run

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin" / "darwin1859.txt"


def chain_folder(folder: Path) -> Path:
    """Four files made of five consecutive stretches of Darwin, each file
    three of them shifted by one: 1=uvw, 2=vwx, 3=wxy, 4=xyz. Neighbours
    share two thirds (similarity 0.67), files two apart a third (0.33)."""
    words = DARWIN.read_text().split()
    stretch = [" ".join(words[k * 2000 : (k + 1) * 2000]) for k in range(6)]
    for n in range(4):
        (folder / f"part{n + 1}.txt").write_text("\n\n".join(stretch[n : n + 3]) + "\n")
    return folder


def test_a_member_similar_only_through_another_is_reported_as_chained(tmp_path):
    result = scan(find_files([str(chain_folder(tmp_path))]), variants=0)
    (c,) = result.clusters
    roles = {Path(r.path).name: r for r in c.roles}
    kept = Path(c.keep).name
    assert kept in ("part2.txt", "part3.txt")  # the two in the middle are most complete
    far = "part4.txt" if kept == "part2.txt" else "part1.txt"
    near = "part3.txt" if kept == "part2.txt" else "part2.txt"
    assert roles[far].chained and Path(roles[far].linked_to).name == near
    assert roles[far].similar_to_keep < 0.5 <= roles[far].similarity
    assert [n for n, r in roles.items() if r.chained] == [far]
    assert not roles[near].chained and roles[near].similar_to_keep >= 0.5


def test_strict_splits_the_chained_member_off(tmp_path):
    folder = chain_folder(tmp_path)
    result = scan(find_files([str(folder)]), strict=True, variants=0)
    (c,) = result.clusters
    assert len(c.members) == 3 and not any(r.chained for r in c.roles)
    assert len(result.singletons) == 1
    assert Path(result.singletons[0]).name in ("part1.txt", "part4.txt")


def test_cli_json_explains_members_and_strict_splits(tmp_path):
    folder = chain_folder(tmp_path)
    data = json.loads(run("scan", str(folder), "-f", "json", "-q").stdout)
    (c,) = data["clusters"]
    assert c["keep"] in [m["path"] for m in c["members"]] and c["keep_reason"]
    assert c["chained"] == 1
    assert [m["n"] for m in c["members"]] == [1, 2, 3, 4]
    chained = [m for m in c["members"] if m["chained"]]
    assert chained[0]["role"] == "version" and chained[0]["linked_to"]
    strict = json.loads(run("scan", str(folder), "-f", "json", "-q", "--strict", "--all").stdout)
    assert [len(x["members"]) for x in strict["clusters"]] == [3]
    assert len(strict["singletons"]) == 1
    table = run("scan", str(folder), "-q").stdout
    assert "chained: only through" in table
