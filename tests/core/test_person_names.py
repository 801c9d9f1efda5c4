"""A person's name as Taiwan writes it (``site45.core.names``)."""

from django.contrib.auth import get_user_model

from site45.core.names import full_name, name_or_username


def person(first="", last="", username="someone"):
    return get_user_model()(username=username, first_name=first, last_name=last)


def test_a_chinese_name_is_family_name_first_without_a_space():
    assert full_name(person("俊傑", "劉")) == "劉俊傑"
    assert full_name(person(" 雅婷 ", "吳 ")) == "吳雅婷"


def test_a_latin_name_keeps_its_owners_order():
    assert full_name(person("Alice", "Chen")) == "Alice Chen"


def test_one_part_alone_and_no_name_at_all():
    assert full_name(person("陳小華")) == "陳小華"
    assert full_name(person(last="林")) == "林"
    assert full_name(person()) == ""
    assert name_or_username(person(username="txg-editor")) == "txg-editor"
