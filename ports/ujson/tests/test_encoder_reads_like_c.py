"""Containers are read as C ujson 6.1.0 reads them — storage, never a subclass's overrides;
dict values with their keys, never looked up again; `sort_keys` through `list.sort` — checked
on the cases an adversarial review found (expected outputs are C ujson's). Run in universal
and debug mode (under LeakDetector)."""

import pytest
import ujson


class LyingTuple(tuple):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return "lie"


class RaisingTuple(tuple):
    def __len__(self):
        raise RuntimeError("len boom")


def test_tuple_subclasses_are_read_from_storage():
    assert ujson.dumps(LyingTuple([1, 2, 3])) == "[1,2,3]"
    assert ujson.dumps(RaisingTuple([1, 2, 3])) == "[1,2,3]"


class MutableHash:
    h = 1

    def __hash__(self):
        return self.h

    def __str__(self):
        return "muthash"


class NewHashEachTime:
    calls = 0

    def __hash__(self):
        NewHashEachTime.calls += 1
        return NewHashEachTime.calls

    def __str__(self):
        return "h"


class HashOnce:
    n = 0

    def __hash__(self):
        HashOnce.n += 1
        if HashOnce.n > 1:
            raise RuntimeError("hash called again")
        return 7

    def __str__(self):
        return "hashonce"


class EqualAfterwards:
    merge = False

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 0

    def __eq__(self, other):
        return self is other or EqualAfterwards.merge

    def __str__(self):
        return "k%d" % self.n


def test_dict_values_come_with_their_keys():
    key = MutableHash()
    d = {key: 1, "b": 2}
    key.h = 2
    assert ujson.dumps(d) == '{"muthash":1,"b":2}'
    assert ujson.dumps({NewHashEachTime(): 1}) == '{"h":1}'
    assert ujson.dumps({HashOnce(): 1}) == '{"hashonce":1}'
    EqualAfterwards.merge = False
    plain = {EqualAfterwards(1): 1, EqualAfterwards(2): 2}

    class Sub(dict):
        pass

    sub = Sub()
    sub[EqualAfterwards(1)] = 1
    sub[EqualAfterwards(2)] = 2
    EqualAfterwards.merge = True
    try:
        assert ujson.dumps(plain) == '{"k1":1,"k2":2}'
        assert ujson.dumps(sub) == '{"k1":1,"k2":2}'
    finally:
        EqualAfterwards.merge = False


class LyingDict(dict):
    def keys(self):
        return ["x"]

    def __getitem__(self, key):
        return "lie"

    def __iter__(self):
        return iter(["x"])


def test_dict_subclasses_are_read_from_storage():
    assert ujson.dumps(LyingDict(a=1, b=2)) == '{"a":1,"b":2}'
    assert ujson.dumps(LyingDict(b=1, a=2), sort_keys=True) == '{"a":2,"b":1}'


class NonTransitive:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return (self.n + other.n) % 3 == 0

    def __hash__(self):
        return hash(self.n)

    def __str__(self):
        return str(self.n)


def test_sort_keys_is_list_sort():
    """The same comparisons as C ujson's PyList_Sort: the same order for an inconsistent
    `<`, and the same first failing comparison."""
    data = {NonTransitive(i): i for i in [5, 3, 8, 1, 9, 2, 7]}
    assert ujson.dumps(data, sort_keys=True) == '{"5":5,"3":3,"2":2,"1":1,"8":8,"9":9,"7":7}'
    with pytest.raises(TypeError, match="^'<' not supported between instances of 'int' and 'str'$"):
        ujson.dumps({"b": 1, "a": 2, 2: 3, 1.5: 4}, sort_keys=True)


class NotCallableToDict:
    toDict = 5


def test_a_hook_that_is_not_callable():
    with pytest.raises(TypeError, match="^attribute of type 'int' is not callable$"):
        ujson.dumps(NotCallableToDict())
