"""The structural scores of the evaluation count structure, not spelling:
a damaged heading is still whole, a join or a split is not; a note is
recovered whole under its number; a page number is a word of its own."""

from __future__ import annotations

import metrics

TRUTH = (
    "Persistent Tensions\n\n"
    "But all good news must come to an end, and amidst this flood of support there has "
    "been a consistent pattern of bad news stories towards China as well.\n\n"
    "The Embassy sought to dismiss the story as a Western concoction.\n\n"
    "Raffaello Pantucci\n\n"
    "Raffaello Pantucci\n\n"
    "Notes\n\n"
    '1 "Death Toll In Ethnic Clashes Rises To 11," rferl.org, February 13, 2020.\n'
    '2 "Call Tsender," kaktus.media, March 2, 2020.\n'
)


def test_character_damage_leaves_blocks_and_notes_whole():
    damaged = (
        TRUTH.replace("Persistent", "Persisfeut")
        .replace("pattern", "pottcrn")
        .replace("Clashes", "Closhes")
    )
    assert metrics.paragraphs_intact(damaged, TRUTH) == 1.0
    assert metrics.footnotes_recovered(damaged, TRUTH) == 1.0


def test_joined_and_split_paragraphs_are_not_whole():
    joined = TRUTH.replace("as well.\n\nThe Embassy", "as well. The Embassy")
    assert set(metrics.broken_paragraphs(joined, TRUTH)) == {
        TRUTH.split("\n\n")[1],
        TRUTH.split("\n\n")[2],
    }
    split = TRUTH.replace("of support there has ", "of support there has\n\n")
    assert metrics.broken_paragraphs(split, TRUTH) == [TRUTH.split("\n\n")[1]]


def test_a_repeated_block_is_whole_twice():
    assert metrics.paragraphs_intact(TRUTH, TRUTH) == 1.0


def test_notes_merged_or_under_another_number_are_not_recovered():
    merged = TRUTH.replace("2020.\n2 ", "2020. ")
    assert metrics.footnotes_recovered(merged, TRUTH) == 0.0
    swapped = TRUTH.replace("\n1 ", "\n3 ").replace("\n2 ", "\n1 ").replace("\n3 ", "\n2 ")
    assert metrics.footnotes_recovered(swapped, TRUTH) == 0.0


def test_a_page_number_is_a_word_of_its_own():
    truth = "It cost (pp. 469-476). In: the memoirs.\n"
    split = "It cost (pp. 469-47 6). In: the memoirs.\n"
    assert metrics.layout_left(split, truth, ["6", "Revue suisse"]) == 0
    left = "It cost (pp. 469-476). 6 In: the memoirs.\n"
    assert metrics.layout_left(left, truth, ["6", "Revue suisse"]) == 1
