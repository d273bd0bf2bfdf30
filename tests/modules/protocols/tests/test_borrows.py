"""`protocols.Acc`: `&mut self` under the borrow flag, in-place operators, `__call__`, and
methods with every signature feature."""

import inspect

import pytest

import protocols
from protocols import Acc


def test_in_place_operators_mutate_and_return_self():
    a = Acc(10)
    alias = a
    a += 5
    a -= 3
    a **= 2
    assert a is alias
    assert a.total == 144


def test_an_in_place_operator_may_return_a_new_object():
    a = Acc(3)
    b = a
    a *= 4
    assert a is not b
    assert (a.total, b.total) == (12, 3)


def test_in_place_errors():
    a = Acc(2**63 - 1)
    with pytest.raises(OverflowError, match="^Acc overflowed 64 bits$"):
        a += 1
    assert a.total == 2**63 - 1
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \+=: 'protocols.Acc' and 'str'$"):
        a += "1"
    # `**=` with a modulo does not exist; pow() with three operands is not in-place.
    with pytest.raises(TypeError):
        pow(Acc(2), 3, 5)


def test_a_plus_equals_a_is_a_borrow_conflict_not_aliasing():
    a, b = Acc(1), Acc(2)
    a += b
    assert a.total == 3
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a += a
    assert a.total == 3
    a += 1  # the failed operation released its borrow
    assert a.total == 4


def test_a_conflicting_borrow_raises_instead_of_aliasing():
    a, b = Acc(1), Acc(6)
    a |= b
    assert a.total == 7
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a |= a
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a.absorb(a)
    assert a.total == 7
    a.absorb(b)
    assert a.total == 13


def test_two_mutable_borrows_of_one_object_conflict():
    a, b = Acc(1), Acc(2)
    a.swap(b)
    assert (a.total, b.total) == (2, 1)
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.swap(a)
    assert a.total == 2  # the failed call released its first borrow


def test_borrows_through_one_handle_are_checked_like_through_two():
    # `this.borrow_mut()` takes `&self`: exclusivity is the borrow flag's, as in RefCell.
    a = Acc(3)
    assert a.borrow_twice("shared", "shared") == 6
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a.borrow_twice("shared", "mutable")
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.borrow_twice("mutable", "shared")
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.borrow_twice("mutable", "mutable")
    assert a.total == 3  # nothing was changed, every borrow was released
    assert a.borrow_twice("shared", "shared") == 6


def test_python_code_cannot_reenter_a_mutably_borrowed_object():
    a = Acc(1)
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.while_mutating(lambda: a.total)
    assert a.total == 2  # the mutation before the call stands; the borrow is released
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.while_mutating(lambda: a.absorb(Acc(1)))


def test_shared_borrows_stack_but_exclude_mutation():
    a = Acc(5)
    assert a.while_reading(lambda: a.total) == 5
    assert a.while_reading(lambda: a.while_reading(lambda: a.total + 1)) == 6
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a.while_reading(lambda: a.absorb(Acc(1)))
    with pytest.raises(RuntimeError, match="^Already borrowed$"):

        def bump():
            nonlocal a
            a += 1

        a.while_reading(bump)
    assert a.total == 5


def test_a_panic_releases_the_borrow():
    a = Acc(1)
    with pytest.raises(BaseException, match="^exploded while mutably borrowed$") as info:
        a.explode()
    assert type(info.value).__name__ == "PanicException"
    a += 1
    assert a.total == 2


def test_typed_arguments_borrow_too():
    a = Acc(4)
    assert protocols.total_of(a) == 4
    assert a.while_reading(lambda: protocols.total_of(a)) == 4
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        a.while_mutating(lambda: protocols.total_of(a))
    with pytest.raises(TypeError, match=r"^total_of\(\) argument 'acc' must be protocols.Acc, not int$"):
        protocols.total_of(4)


def test_setter_with_option_supports_deletion():
    a = Acc(4)
    a.total = 9
    assert a.total == 9
    del a.total
    assert a.total == 0
    with pytest.raises(TypeError, match=r"must be int, not str"):
        a.total = "9"


def test_call():
    a = Acc()
    assert a(2) == 2
    assert a(3, times=2) == 8
    assert callable(a)
    with pytest.raises(TypeError, match=r"^Acc.__call__\(\) takes 2 positional arguments but 3 were given$"):
        a(1, 2)
    with pytest.raises(TypeError, match=r"^Acc.__call__\(\) missing 1 required positional argument: 'n'$"):
        a()
    with pytest.raises(TypeError, match=r"^Acc.__call__\(\) got an unexpected keyword argument 'time'$"):
        a(1, time=2)


def test_method_with_every_signature_feature():
    a = Acc(5)
    assert a.describe(1, c=3) == (5, 1, 2, [], 3, 4, [])
    assert a.describe(1, 2, 3, 4, c=5, d=6, z=7, y=8) == (5, 1, 2, [3, 4], 5, 6, [("y", 8), ("z", 7)])
    assert str(inspect.signature(Acc.describe)) == "(self, a, /, b=2, *rest, c, d=4, **extra)"
    with pytest.raises(TypeError, match=r"^Acc.describe\(\) missing 1 required keyword-only argument: 'c'$"):
        a.describe(1)
    # With **extra, a positional-only name given as a keyword lands in **extra (as in CPython).
    with pytest.raises(TypeError, match=r"^Acc.describe\(\) missing 1 required positional argument: 'a'$"):
        a.describe(a=1, c=2)
    assert a.describe(1, a=2, c=3)[-1] == [("a", 2)]
    with pytest.raises(TypeError, match=r"^Acc.describe\(\) got multiple values for argument 'b'$"):
        a.describe(1, 2, b=3, c=4)
    with pytest.raises(TypeError, match=r"^Acc.describe\(\) argument 'extra' keyword argument 'z' must be int, not str$"):
        a.describe(1, c=2, z="no")
    with pytest.raises(TypeError, match=r"^Acc.describe\(\) missing 1 required positional argument: 'a'$"):
        a.describe()


def test_the_receiver_type_is_checked():
    with pytest.raises(TypeError, match=r"descriptor 'absorb' for 'protocols.Acc' objects doesn't apply to a 'int' object"):
        Acc.absorb(1, Acc())
