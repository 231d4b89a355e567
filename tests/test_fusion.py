"""Fusing BM25 and dense rankings: RRF and normalised-score fusion."""

from __future__ import annotations

import pytest

from assistant.search.fusion import (
    KEYWORD_WEIGHTS,
    QUESTION_WEIGHTS,
    RECOMMENDED_WEIGHTS,
    hybrid,
    rrf,
    score_fusion,
    weights_for,
)


def test_rrf_adds_reciprocal_ranks():
    fused = dict(rrf([["a", "b"], ["b", "c"]], k=60))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 62)


def test_rrf_prefers_a_document_both_retrievers_rank():
    assert [d for d, _ in rrf([["a", "b", "c"], ["d", "b", "e"]])][0] == "b"


def test_rrf_weights_favour_one_retriever():
    lexical, dense = ["a", "b"], ["b", "a"]
    assert rrf([lexical, dense], weights=[1, 2])[0][0] == "b"
    assert rrf([lexical, dense], weights=[2, 1])[0][0] == "a"


def test_rrf_ties_are_broken_by_id():
    assert [d for d, _ in rrf([["b"], ["a"]])] == ["a", "b"]


def test_weights_must_match_the_number_of_lists():
    with pytest.raises(ValueError, match="2 weights for 3"):
        rrf([["a"], ["b"], ["c"]], weights=[1, 2])
    with pytest.raises(ValueError, match="1 weights for 2"):
        score_fusion([[("a", 1.0)], [("a", 1.0)]], weights=[1])


def test_minmax_maps_each_list_to_zero_one():
    fused = dict(score_fusion([[("a", 10.0), ("b", 5.0), ("c", 0.0)]], normalisation="minmax"))
    assert fused == pytest.approx({"a": 1.0, "b": 0.5, "c": 0.0})


def test_zscore_centres_and_scales_each_list():
    fused = dict(score_fusion([[("a", 3.0), ("b", 1.0)]], normalisation="zscore"))
    assert fused == pytest.approx({"a": 1.0, "b": -1.0})


def test_scores_on_different_scales_count_alike_after_normalising():
    # BM25 scores in the tens, cosine similarities near 0.8: "b" wins by being good in both.
    lexical = [("a", 14.0), ("b", 12.0), ("c", 2.0)]
    dense = [("c", 0.86), ("b", 0.85), ("a", 0.70)]
    for how in ("minmax", "zscore"):
        assert score_fusion([lexical, dense], normalisation=how)[0][0] == "b"


def test_candidate_missing_from_a_list_gets_its_lowest_score():
    lexical = [("a", 9.0), ("b", 3.0)]
    dense = [("c", 0.9), ("a", 0.5)]
    fused = dict(score_fusion([lexical, dense], normalisation="minmax"))
    assert fused["c"] == pytest.approx(0.0 + 1.0)  # below every BM25 candidate, best dense
    assert fused["b"] == pytest.approx(0.0 + 0.0)


def test_single_or_equal_candidates_do_not_divide_by_zero():
    assert score_fusion([[("a", 5.0)], []], normalisation="minmax") == [("a", 1.0)]
    assert score_fusion([[("a", 5.0), ("b", 5.0)]], normalisation="zscore") == [("a", 0.0), ("b", 0.0)]
    assert score_fusion([[], []]) == []


def test_unknown_normalisation_is_an_error():
    with pytest.raises(ValueError, match="minmax"):
        score_fusion([[("a", 1.0)]], normalisation="rank")  # type: ignore[arg-type]


def test_hybrid_is_zscore_fusion_with_the_recommended_weights():
    lexical = [("a", 14.0), ("b", 12.0), ("c", 2.0), ("d", 1.0)]
    dense = [("c", 0.86), ("b", 0.85), ("a", 0.70), ("e", 0.6)]
    assert hybrid(lexical, dense) == score_fusion([lexical, dense], RECOMMENDED_WEIGHTS, "zscore")
    assert sum(RECOMMENDED_WEIGHTS) == pytest.approx(1.0)


def test_a_long_question_leans_on_bm25_and_a_keyword_query_on_the_dense_model():
    keywords = "wijkregisseurs evaluatie"
    question = ("Kunt u aangeven waarom de evaluatie van de wijkregisseurs in de drie stadsdelen later "
                "verschijnt dan in de brief van vorig jaar aan de gemeenteraad werd toegezegd?")
    assert weights_for(keywords) == KEYWORD_WEIGHTS and weights_for(question) == QUESTION_WEIGHTS
    assert KEYWORD_WEIGHTS[1] > KEYWORD_WEIGHTS[0] and QUESTION_WEIGHTS[0] > QUESTION_WEIGHTS[1]
    assert sum(KEYWORD_WEIGHTS) == pytest.approx(1.0) == sum(QUESTION_WEIGHTS)
    # BM25 is sure of "a", the dense model of "c": the kind of query decides.
    lexical = [("a", 20.0), ("b", 5.0), ("c", 4.0), ("d", 1.0)]
    dense = [("c", 0.90), ("a", 0.80), ("b", 0.79), ("d", 0.78)]
    assert hybrid(lexical, dense, keywords)[0][0] == "c"
    assert hybrid(lexical, dense, question)[0][0] == "a"


def test_examples_in_the_docstrings_hold():
    import doctest

    import assistant.search.fusion as module

    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0
