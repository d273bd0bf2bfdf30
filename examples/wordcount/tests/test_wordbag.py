"""`wordcount.WordBag`: a subclassable counting bag with its own iterator type, a real
classmethod, pickling and copying. Run in universal and debug mode (under LeakDetector)."""

import copy
import pickle

import pytest

from wordcount import WordBag


class Tagged(WordBag):
    """A Python subclass with an instance attribute, to check subclass pickling."""


def test_construct_from_any_iterable_of_str():
    assert WordBag().total() == 0 and len(WordBag()) == 0
    assert WordBag(None).total() == 0
    bag = WordBag(["a", "b", "a"])
    assert (len(bag), bag["a"], bag["b"], bag.total()) == (2, 2, 1, 3)
    assert WordBag(w for w in "abca") == WordBag(["a", "b", "c", "a"])
    assert WordBag(iter(("x", "y"))) == WordBag(["x", "y"])
    assert WordBag({"k": 10, "j": 20}) == WordBag(["k", "j"])  # a dict gives its keys
    assert WordBag(bag) == WordBag(["a", "b"])  # another bag gives its words, once each
    assert WordBag(iterable=["q"])["q"] == 1
    with pytest.raises(TypeError, match="argument 'iterable' must be iterable, not int"):
        WordBag(5)
    with pytest.raises(TypeError):
        WordBag(["a", 1])


def test_add_and_update():
    bag = WordBag()
    bag.add("x")
    bag.add("x")
    bag.add("y")
    assert (bag["x"], bag["y"], len(bag), bag.total()) == (2, 1, 2, 3)
    bag.update(["y", "z"])
    bag.update(w for w in ["z", "z"])
    bag.update({"x": None})
    assert list(bag.items()) == [("x", 3), ("y", 2), ("z", 3)]
    with pytest.raises(TypeError):
        bag.add(1)
    with pytest.raises(TypeError):
        bag.update(5)


def test_update_with_itself_doubles_each_word_once():
    bag = WordBag(["a", "a", "b"])
    bag.update(bag)
    assert list(bag.items()) == [("a", 3), ("b", 2)]


def test_update_is_all_or_nothing():
    bag = WordBag(["a"])
    for bad in (["b", "c", 3], ("b", b"bytes"), (w for w in ["b", None]), ["b", ["c"]]):
        with pytest.raises(TypeError):
            bag.update(bad)
        assert list(bag.items()) == [("a", 1)]

    def failing():
        yield "b"
        raise ZeroDivisionError("from the generator")

    with pytest.raises(ZeroDivisionError, match="from the generator"):
        bag.update(failing())
    assert list(bag.items()) == [("a", 1)] and len(bag) == 1


def test_update_names_the_bad_item():
    with pytest.raises(TypeError, match=r"item 2 must be str, not int"):
        WordBag().update(["a", "b", 7])


def test_getitem_and_contains():
    bag = WordBag(["a", "a"])
    assert bag["a"] == 2
    with pytest.raises(KeyError) as info:
        bag["missing"]
    assert info.value.args == ("missing",)
    for key in (1, None, ("a",), b"a"):
        with pytest.raises(KeyError) as info:
            bag[key]
        assert info.value.args == (key,)
    assert "a" in bag and "b" not in bag
    assert 1 not in bag and None not in bag and b"a" not in bag and ["a"] not in bag
    assert "\ud800" not in bag  # a str no bag can hold, as for a dict of str keys
    with pytest.raises(KeyError) as info:
        bag["\ud800"]
    assert info.value.args == ("\ud800",)


class StrSubclass(str):
    pass


def test_str_subclasses_are_words():
    bag = WordBag([StrSubclass("a")])
    assert bag["a"] == 1 and StrSubclass("a") in bag and bag[StrSubclass("a")] == 1
    assert type(next(iter(bag))) is str


def test_iterator_protocol():
    bag = WordBag(["b", "a", "b", "c"])
    it = iter(bag)
    assert iter(it) is it
    assert type(it).__name__ == "WordBagIterator"
    assert list(it) == ["b", "a", "c"]
    for _ in range(3):
        with pytest.raises(StopIteration):
            next(it)
    bag.add("d")  # after the end, the iterator stays exhausted
    with pytest.raises(StopIteration):
        next(it)
    assert list(bag) == ["b", "a", "c", "d"]
    assert list(WordBag()) == [] and list(WordBag().items()) == []


def test_iterators_are_independent():
    bag = WordBag(["x", "y"])
    first, second = iter(bag), iter(bag)
    assert next(first) == "x"
    assert list(second) == ["x", "y"]
    assert list(first) == ["y"]


def test_growing_during_iteration_raises_forever():
    bag = WordBag(["a", "b"])
    it = iter(bag)
    assert next(it) == "a"
    bag.add("c")
    for _ in range(3):
        with pytest.raises(RuntimeError, match="^WordBag changed size during iteration$"):
            next(it)
    items = bag.items()
    bag.add("d")
    with pytest.raises(RuntimeError, match="changed size during iteration"):
        next(items)


def test_adding_to_a_known_word_during_iteration_is_allowed():
    bag = WordBag(["a", "b"])
    it = bag.items()
    assert next(it) == ("a", 1)
    bag.add("a")
    bag.add("b")
    assert list(it) == [("b", 2)]


def test_iterator_keeps_the_bag_alive():
    it = iter(WordBag(["only"]))
    assert list(it) == ["only"]


def test_iterator_type_cannot_be_built_from_python():
    with pytest.raises(TypeError):
        type(iter(WordBag()))()


def test_items():
    bag = WordBag(["p", "q", "p"])
    items = bag.items()
    assert iter(items) is items
    assert list(items) == [("p", 2), ("q", 1)]
    assert dict(bag.items()) == {"p": 2, "q": 1}


def test_most_common():
    bag = WordBag(["c", "a", "b", "a", "b", "d", "a"])
    assert bag.most_common() == [("a", 3), ("b", 2), ("c", 1), ("d", 1)]  # ties: insertion order
    assert bag.most_common(None) == bag.most_common()
    assert bag.most_common(2) == [("a", 3), ("b", 2)]
    assert bag.most_common(n=1) == [("a", 3)]
    assert bag.most_common(100) == bag.most_common()
    assert bag.most_common(0) == [] and bag.most_common(-5) == []
    assert WordBag().most_common() == []
    with pytest.raises(TypeError):
        bag.most_common("2")
    with pytest.raises(TypeError):
        bag.most_common(1.5)


def test_total_and_len():
    bag = WordBag(["w"] * 1000 + ["v"])
    assert bag.total() == 1001 and len(bag) == 2


def test_equality_compares_counts_like_dicts():
    assert WordBag(["a", "b"]) == WordBag(["b", "a"])
    assert WordBag(["a", "a"]) != WordBag(["a"])
    assert not (WordBag(["a"]) != WordBag(["a"]))
    assert WordBag() == WordBag()
    assert WordBag(["a"]) != {"a": 1}  # another type: NotImplemented on both sides
    assert WordBag(["a"]).__eq__({"a": 1}) is NotImplemented
    assert WordBag(["a"]) != "a" and WordBag() != None  # noqa: E711
    assert Tagged(["a"]) == WordBag(["a"])


def test_unhashable():
    with pytest.raises(TypeError, match="unhashable"):
        hash(WordBag())


def test_repr():
    assert repr(WordBag()) == "WordBag()"
    assert repr(WordBag(["a", "b", "a", "a", "b", "c"])) == "WordBag({'a': 3, 'b': 2, 'c': 1})"
    assert repr(WordBag(["z", "y", "y"])) == "WordBag({'y': 2, 'z': 1})"
    assert repr(WordBag(["it's"])) == 'WordBag({"it\'s": 1})'
    assert repr(Tagged(["x"])) == "Tagged({'x': 1})"
    assert repr(Tagged()) == "Tagged()"


def test_fromkeys_is_a_real_classmethod():
    assert isinstance(WordBag.__dict__["fromkeys"], classmethod)
    bag = WordBag.fromkeys(["a", "b"])
    assert type(bag) is WordBag and list(bag.items()) == [("a", 1), ("b", 1)]
    assert list(WordBag.fromkeys(("a", "b"), 5).items()) == [("a", 5), ("b", 5)]
    with pytest.raises(TypeError, match="must be iterable other than str, not str"):
        WordBag.fromkeys("ab")  # a str is one text, not its characters (as PyO3 decides)
    assert list(WordBag.fromkeys(["a"], count=2).items()) == [("a", 2)]
    tagged = Tagged.fromkeys(["t"])
    assert type(tagged) is Tagged and tagged["t"] == 1
    assert type(WordBag().fromkeys(["i"])) is WordBag  # through an instance: its class
    with pytest.raises(TypeError):
        WordBag.fromkeys([1])
    with pytest.raises(OverflowError):
        WordBag.fromkeys(["a"], -1)


def test_subclass():
    bag = Tagged(["s", "s"])
    bag.label = "mine"
    assert isinstance(bag, WordBag) and bag["s"] == 2 and bag.label == "mine"
    assert list(iter(bag)) == ["s"]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickles_with_every_protocol(protocol):
    bag = WordBag(["b", "a", "b"])
    copied = pickle.loads(pickle.dumps(bag, protocol))
    assert type(copied) is WordBag and copied == bag
    assert list(copied.items()) == [("b", 2), ("a", 1)]  # the order survives
    empty = pickle.loads(pickle.dumps(WordBag(), protocol))
    assert type(empty) is WordBag and len(empty) == 0


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_subclass_pickles_with_its_attributes(protocol):
    bag = Tagged(["x"])
    bag.label = "kept"
    copied = pickle.loads(pickle.dumps(bag, protocol))
    assert type(copied) is Tagged and copied == bag and copied.label == "kept"


def test_setstate_rejects_bad_state():
    bag = WordBag(["a"])
    with pytest.raises(TypeError):
        bag.__setstate__(5)
    with pytest.raises(TypeError):
        bag.__setstate__({"a": "one"})
    assert list(bag.items()) == [("a", 1)]


def test_copies_are_independent():
    bag = Tagged(["a"])
    bag.label = "l"
    shallow, deep = copy.copy(bag), copy.deepcopy(bag)
    bag.add("b")
    bag.add("a")
    for other in (shallow, deep):
        assert type(other) is Tagged and list(other.items()) == [("a", 1)]
        assert other.label == "l"
    shallow.add("s")
    assert "s" not in bag and "s" not in deep
