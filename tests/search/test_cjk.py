"""The CJK bigram helpers behind Chinese search (site45/search/cjk.py)."""

from site45.search.cjk import bigram_query, bigram_text, has_cjk


def test_bigram_text_indexes_unigrams_and_bigrams_of_each_run():
    assert bigram_text("中高齡就業博覽會").split() == [
        "中",
        "高",
        "齡",
        "就",
        "業",
        "博",
        "覽",
        "會",
        "中高",
        "高齡",
        "齡就",
        "就業",
        "業博",
        "博覽",
        "覽會",
    ]


def test_bigram_text_keeps_latin_words_and_numbers():
    words = bigram_text("2025 Job Fair 就業博覽會").split()
    assert words[:3] == ["2025", "Job", "Fair"]
    assert "就業" in words and "博覽" in words


def test_bigram_text_empty():
    assert bigram_text("") == ""
    assert bigram_text(None) == ""


def test_bigram_query_turns_a_word_into_its_bigrams():
    assert bigram_query("就業") == "就業"
    assert bigram_query("博覽會") == "博覽 覽會"
    assert bigram_query("博物館") == "博物 物館"


def test_query_bigrams_are_a_subset_of_the_text_bigrams_only_for_real_substrings():
    indexed = set(bigram_text("中高齡就業博覽會").split())
    assert set(bigram_query("就業").split()) <= indexed
    assert set(bigram_query("博覽會").split()) <= indexed
    assert not set(bigram_query("博物館").split()) <= indexed


def test_bigram_query_single_character_stays_itself():
    assert bigram_query("就") == "就"


def test_bigram_query_drops_punctuation_and_spaces():
    assert bigram_query("中高齡、就業") == "中高 高齡 就業"
    assert bigram_query("「就業」！") == "就業"
    assert bigram_query('"就業" (博覽會)') == "就業 博覽 覽會"
    assert bigram_query("就業-博覽會") == "就業 博覽 覽會"
    assert bigram_query("、，。") == ""


def test_bigram_query_mixed_chinese_and_english():
    assert bigram_query("45+ 就業 Job Fair!") == "45 就業 Job Fair"
    assert bigram_query("C++就業") == "C 就業"


def test_bigram_query_removes_search_syntax_characters():
    # Characters with a meaning in tsquery or FTS5 syntax never reach the database.
    assert bigram_query("a:b & c | !d * 'e' \"f\"") == "a b c d e f"
    assert bigram_query("O'Brien") == "O Brien"
    assert bigram_query("\x00就業") == "就業"


def test_bigram_query_empty():
    assert bigram_query("") == ""
    assert bigram_query(None) == ""
    assert bigram_query("   ") == ""


def test_has_cjk():
    assert has_cjk("45+ 就業")
    assert not has_cjk("Job fair")
    assert not has_cjk("")
