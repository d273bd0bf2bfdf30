"""Conversions read what CPython reads: the storage of an exact list, tuple or dict, and a
subclass through its iterator (as `list(obj)` / `dict(obj)` do) — never a subclass's
`__len__` or `__getitem__`, which may lie about sizes (an allocation sized by them would
abort the process) or contents."""

import pytest

import roundtrip as rt


class HugeLenList(list):
    def __len__(self):
        return 2**40


class LyingList(list):
    def __len__(self):
        return 10**6

    def __getitem__(self, index):
        return 7


class LyingTuple(tuple):
    def __len__(self):
        return 2**40

    def __getitem__(self, index):
        return "lie"


class ReversedList(list):
    """Overrides `__iter__`: iteration is what `list(obj)` uses, so it is honoured."""

    def __iter__(self):
        return reversed(list.copy(self))


class EndlessList(list):
    def __iter__(self):
        n = 0
        while True:
            yield n
            n += 1


def test_a_list_subclass_with_a_huge_len_converts_its_real_items():
    lst = HugeLenList([1, 2, 3])
    # (`list(lst)` itself raises MemoryError: it preallocates from `__len__` as a hint.)
    assert rt.rt_vec(lst) == [1, 2, 3] == list(iter(lst))


def test_a_lying_len_and_getitem_are_not_trusted():
    lst = LyingList([1, 2, 3])
    assert rt.rt_vec(lst) == [1, 2, 3] == list(lst)
    assert rt.rt_vec(LyingTuple((4, 5))) == [4, 5]
    assert rt.rt_tuple(LyingTuple((1, "a", 2.5))) == (1, "a", 2.5)
    assert rt.rt_nested(LyingList([("a", None)])) == [("a", None)]


def test_a_subclass_iterator_is_honoured_like_list_does():
    lst = ReversedList([1, 2, 3])
    assert list(lst) == [3, 2, 1]
    assert rt.rt_vec(lst) == [3, 2, 1]


def test_an_endless_iterator_cannot_hang_a_fixed_size_tuple():
    with pytest.raises(TypeError) as e:
        rt.rt_tuple(EndlessList())
    assert str(e.value) == (
        "rt_tuple() argument 't' must be tuple of length 3, not EndlessList of more than 3 items"
    )


def test_a_subclass_of_the_wrong_length_names_its_real_length():
    with pytest.raises(TypeError) as e:
        rt.rt_tuple(LyingTuple((1, "a")))
    assert str(e.value) == (
        "rt_tuple() argument 't' must be tuple of length 3, not LyingTuple of length 2"
    )


def test_a_list_that_shrinks_while_its_items_convert_raises_index_error():
    lst = [1, 2, 3]

    class Shrinker:
        def __index__(self):
            lst.clear()
            return 0

    lst.insert(0, Shrinker())
    # CPython's own readers do the same: array.array("q", lst) raises IndexError here too.
    with pytest.raises(IndexError, match="list index out of range"):
        rt.rt_vec(lst)


def test_a_list_that_shrinks_while_a_tuple_converts_raises_index_error():
    lst = [1, "a", 2.0]

    class Shrinker:
        def __index__(self):
            lst.clear()
            return 0

    lst[0] = Shrinker()
    with pytest.raises(IndexError, match="list index out of range"):
        rt.rt_tuple(lst)


@pytest.mark.parametrize("change", ("pop", "clear", "append", "replace"))
def test_iteration_sees_a_list_change_as_a_for_loop_does(change):
    def changer(lst):
        def f(item):
            if change == "pop" and lst:
                lst.pop()
            elif change == "clear":
                lst.clear()
            elif change == "append" and len(lst) < 8:
                lst.append(len(lst))
            elif change == "replace" and len(lst) > 2:
                lst[2] = "new"
        return f

    expected, lst = [], [0, 1, 2, 3, 4]
    f = changer(lst)
    for item in lst:
        f(item)
        expected.append(item)
    lst = [0, 1, 2, 3, 4]
    assert rt.walk(lst, changer(lst)) == expected


def test_a_list_that_grows_while_its_items_convert_gives_the_items_it_had():
    lst = [1, 2]

    class Grower:
        def __index__(self):
            lst.extend(range(100))
            return 0

    lst.insert(0, Grower())
    assert rt.rt_vec(lst) == [0, 1, 2]


def test_a_dict_subclass_is_read_as_dict_reads_it():
    class LyingDict(dict):
        def __getitem__(self, key):
            return -1

        def __len__(self):
            return 2**40

    d = LyingDict(a=1, b=2)
    assert rt.rt_hashmap(d) == {"a": 1, "b": 2} == dict(d)
    assert rt.rt_btreemap(LyingDict({2: ["x"]})) == {2: ["x"]}


def test_a_dict_changed_by_a_conversion_does_not_disturb_the_loop():
    d = {}

    class Mutator:
        def __index__(self):
            d.clear()
            d.update((str(i), i) for i in range(50))
            return 5

    d["m"] = Mutator()
    d["n"] = 6
    assert rt.rt_hashmap(d) == {"m": 5, "n": 6}
