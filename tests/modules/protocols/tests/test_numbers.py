"""`protocols.Num`: the number protocol, comparisons, hashing, truth, class attributes."""

import operator

import pytest

import protocols
from protocols import Num


def test_class_attributes():
    assert Num.ZERO == Num(0) and type(Num.ZERO) is Num
    assert Num.KIND == "integer"
    assert Num(5).KIND == "integer"


def test_repr_str_and_value():
    assert repr(Num(-3)) == "Num(-3)"
    assert str(Num(-3)) == "-3"
    assert Num(7).v == 7
    assert protocols.value_of(Num(9)) == 9


@pytest.mark.parametrize(
    "op, a, b, expected",
    [
        (operator.add, 7, 3, 10),
        (operator.sub, 7, 3, 4),
        (operator.mul, 7, 3, 21),
        (operator.floordiv, 7, 3, 2),
        (operator.floordiv, -7, 3, -3),
        (operator.floordiv, 7, -3, -3),
        (operator.mod, 7, 3, 1),
        (operator.mod, -7, 3, 2),
        (operator.mod, 7, -3, -2),
        (operator.and_, 6, 3, 2),
        (operator.or_, 6, 3, 7),
        (operator.xor, 6, 3, 5),
        (operator.lshift, 3, 4, 48),
        (operator.rshift, 48, 4, 3),
        (operator.pow, 3, 4, 81),
    ],
)
def test_binary_operators_match_int(op, a, b, expected):
    assert op(a, b) == expected  # the reference
    result = op(Num(a), b)
    assert type(result) is Num and result == expected
    if op not in (operator.lshift, operator.rshift, operator.pow):
        assert op(Num(a), Num(b)) == expected


@pytest.mark.parametrize(
    "op, a, b",
    [(operator.add, 2, 5), (operator.sub, 2, 5), (operator.mul, 2, 5), (operator.pow, 2, 5)],
)
def test_reflected_operators(op, a, b):
    result = op(a, Num(b))
    assert type(result) is Num and result == op(a, b)


def test_true_division_and_divmod():
    assert Num(7) / 2 == 3.5 and type(Num(7) / 2) is float
    assert divmod(Num(7), 3) == (Num(2), Num(1))
    assert divmod(Num(-7), 3) == (Num(-3), Num(2))
    assert divmod(10, Num(3)) == (Num(3), Num(1))
    with pytest.raises(ZeroDivisionError, match="^division by zero$"):
        Num(1) / 0
    with pytest.raises(ZeroDivisionError, match="^integer division or modulo by zero$"):
        Num(1) // 0
    with pytest.raises(ZeroDivisionError):
        divmod(Num(1), Num(0))


def test_matmul_returns_a_plain_int():
    assert Num(2**40) @ Num(2**40) == 2**80


def test_three_argument_pow():
    assert pow(Num(3), 4, 5) == Num(81 % 5)
    assert pow(Num(3), 4, -5) == Num(81 % -5)
    with pytest.raises(ValueError, match=r"^pow\(\) 3rd argument cannot be 0$"):
        pow(Num(3), 2, 0)
    # `__rpow__` is only for the two-operand form, as in CPython.
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \*\* or pow\(\): 'int', 'protocols.Num', 'int'"):
        pow(3, Num(2), 5)


def test_unary_operators():
    n = Num(7)
    assert -n == Num(-7) and type(-n) is Num
    assert +n is n
    assert abs(Num(-7)) == Num(7)
    assert ~n == Num(-8)


def test_conversions():
    n = Num(7)
    assert int(n) == 7 and type(int(n)) is int
    assert float(n) == 7.0
    assert operator.index(n) == 7
    assert [0, 1, 2, 3, 4, 5, 6, 7, 8][n] == 7
    assert bin(Num(5)) == "0b101"
    assert range(10)[Num(2) : Num(4)] == range(2, 4)


def test_truth():
    assert bool(Num(3)) is True
    assert bool(Num(0)) is False
    assert (not Num(0)) is True


@pytest.mark.parametrize("other", ["a", 1.5, None, [1]])
def test_other_operand_types_give_not_implemented(other):
    name = type(other).__name__
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for -: 'protocols.Num' and '{name}'$"):
        Num(1) - other
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for -: '{name}' and 'protocols.Num'$"):
        other - Num(1)
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for &: 'protocols.Num' and '{name}'$"):
        Num(1) & other


def test_a_python_operand_can_take_over_through_its_reflected_method():
    class Wildcard:
        def __radd__(self, other):
            return ("radd", other)

        def __rsub__(self, other):
            return ("rsub", other)

    w = Wildcard()
    n = Num(1)
    assert n + w == ("radd", n)
    assert n - w == ("rsub", n)


def test_overflow_raises_instead_of_wrapping():
    big = Num(2**62)
    with pytest.raises(OverflowError, match="^Num overflowed 64 bits$"):
        big * 4
    with pytest.raises(OverflowError):
        -Num(-(2**63))
    with pytest.raises(OverflowError):
        Num(1) << 64
    with pytest.raises(OverflowError):
        Num(1) + 2**63  # the operand itself does not fit


def test_rich_comparison_with_one_richcmp():
    assert Num(1) < Num(2) and Num(1) < 2
    assert Num(2) <= 2 and Num(3) > 2 and Num(3) >= Num(3)
    assert Num(3) == 3 and Num(3) != 4
    assert not (Num(3) == 4)
    assert 2 < Num(3)  # reflected by Python: Num(3) > 2
    assert sorted([Num(3), Num(1), Num(2)]) == [1, 2, 3]
    with pytest.raises(TypeError, match=r"^'<' not supported between instances of 'protocols.Num' and 'str'$"):
        Num(1) < "a"
    assert Num(1) != "a"
    assert not (Num(1) == "a")


def test_hash():
    assert hash(Num(5)) == 5
    assert hash(Num(-1)) == -2 == hash(-1)  # -1 is reserved for errors in tp_hash
    assert {Num(1): "x"}[Num(1)] == "x"


def test_frozen_values_cannot_be_set():
    with pytest.raises(AttributeError, match=r"^attribute 'v' of 'protocols.Num' objects is not writable$"):
        Num(1).v = 2


def test_wrong_argument_types_name_both_types():
    with pytest.raises(TypeError, match=r"^value_of\(\) argument 'num' must be protocols.Num, not protocols.Acc$"):
        protocols.value_of(protocols.Acc())
    with pytest.raises(TypeError, match=r"^value_of\(\) argument 'num' must be protocols.Num, not int$"):
        protocols.value_of(3)
