"""`Context::warn`: warnings with a category, through the warning filters. Run in universal
and debug mode (under LeakDetector)."""

import warnings

import pytest

import interpreter


@pytest.mark.parametrize(
    "name, category",
    [("user", UserWarning), ("deprecation", DeprecationWarning), ("runtime", RuntimeWarning)],
)
def test_builtin_categories(name, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        interpreter.warn(name, f"a {name} warning")
    assert len(caught) == 1
    assert caught[0].category is category
    assert str(caught[0].message) == f"a {name} warning"


def test_the_modules_own_category():
    assert issubclass(interpreter.CustomWarning, UserWarning)
    with pytest.warns(interpreter.CustomWarning, match="^custom$"):
        interpreter.warn("custom", "custom")


def test_stack_level_1_points_at_the_caller():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        interpreter.warn("user", "here")  # this line
    assert caught[0].filename == __file__
    assert caught[0].lineno == test_stack_level_1_points_at_the_caller.__code__.co_firstlineno + 3


def test_stack_level_2_points_at_the_callers_caller():
    def helper():
        interpreter.warn("user", "up one", 2)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        helper()  # this line
    assert caught[0].lineno == test_stack_level_2_points_at_the_callers_caller.__code__.co_firstlineno + 6


def test_huge_stack_level_is_accepted():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        interpreter.warn("user", "far", 2**62)
    assert len(caught) == 1 and str(caught[0].message) == "far"


def test_filters_apply():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")
        interpreter.warn("user", "ignored")
    assert caught == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        for _ in range(3):
            interpreter.warn("user", "once per location")
    assert len(caught) == 1


def test_error_filter_raises_and_stops_the_function():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="^before returning$"):
            interpreter.warn_then_return(5)
        with pytest.raises(DeprecationWarning, match="^as error$"):
            interpreter.warn("deprecation", "as error")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert interpreter.warn_then_return(5) == 5


def test_non_ascii_message():
    with pytest.warns(UserWarning, match="^héllo ✓$"):
        interpreter.warn("user", "héllo ✓")


def test_nul_in_the_message_is_a_value_error():
    with pytest.raises(ValueError, match="NUL"):
        interpreter.warn("user", "a\0b")


def test_a_category_that_is_not_a_warning():
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        with pytest.raises(TypeError, match="category must be a Warning subclass"):
            interpreter.warn("not a warning", "x")


def test_a_stored_category_that_is_no_type_is_a_type_error():
    """A category from a Global may hold any object: it is checked to be a type first."""
    for category, shown in ((42, "int"), ("text", "str"), (int, "type")):
        interpreter.store_category(category)
        with pytest.raises(TypeError, match=f"^category must be a Warning subclass, not '{shown}'$"):
            interpreter.warn_stored()
    interpreter.store_category(UserWarning)
    with pytest.warns(UserWarning, match="^stored$"):
        interpreter.warn_stored()
