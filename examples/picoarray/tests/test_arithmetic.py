"""Arithmetic and comparison: element-wise `+ - * /` with arrays and numbers on either side,
unary operators, in-place operators that mutate the same object, and `==` as a plain bool."""

import operator
import re

import pytest

from picoarray import array

BINARY = [
    (operator.add, "+"),
    (operator.sub, "-"),
    (operator.mul, "*"),
    (operator.truediv, "/"),
]
INPLACE = [
    (operator.iadd, operator.add, "+="),
    (operator.isub, operator.sub, "-="),
    (operator.imul, operator.mul, "*="),
    (operator.itruediv, operator.truediv, "/="),
]
XS = [1.0, -2.5, 4.0]
YS = [0.5, 8.0, -3.0]


@pytest.mark.parametrize("op, symbol", BINARY)
def test_array_with_array(op, symbol):
    a, b = array(XS), array(YS)
    result = op(a, b)
    assert type(result) is array
    assert result.tolist() == [op(x, y) for x, y in zip(XS, YS)]
    assert a.tolist() == XS and b.tolist() == YS  # operands untouched


@pytest.mark.parametrize("op, symbol", BINARY)
@pytest.mark.parametrize("scalar", [2, 2.5, True])
def test_array_with_number_on_either_side(op, symbol, scalar):
    a = array(XS)
    assert op(a, scalar).tolist() == [op(x, scalar) for x in XS]
    assert op(scalar, a).tolist() == [op(scalar, x) for x in XS]


def test_the_issue_examples():
    a = array([1.0, 2.0])
    assert (2 * a).tolist() == [2.0, 4.0]
    assert (a / 2.0).tolist() == [0.5, 1.0]
    assert (1 - a).tolist() == [0.0, -1.0]
    assert (-a).tolist() == [-1.0, -2.0]


def test_division_by_zero_follows_ieee_as_numpy():
    result = array([1.0, -1.0, 0.0]) / 0
    assert result.tolist()[:2] == [float("inf"), float("-inf")]
    assert result.tolist()[2] != result.tolist()[2]  # nan


@pytest.mark.parametrize("op, symbol", BINARY)
def test_length_mismatch_is_a_value_error(op, symbol):
    with pytest.raises(ValueError, match=r"^operands could not be broadcast together with shapes \(3,\) \(2,\) $"):
        op(array(XS), array([1.0, 2.0]))


@pytest.mark.parametrize("op, symbol", BINARY)
def test_unsupported_operands_are_a_type_error(op, symbol):
    a = array(XS)
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for {re.escape(symbol)}: 'picoarray.array' and 'NoneType'$"):
        op(a, None)
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for {re.escape(symbol)}: 'NoneType' and 'picoarray.array'$"):
        op(None, a)
    with pytest.raises(TypeError, match=r"unsupported operand|can't multiply|can only concatenate"):
        op(a, [1.0, 2.0, 3.0])


def test_other_operators_are_not_supported():
    a = array([1.0])
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \*\* or pow\(\): 'picoarray.array' and 'int'$"):
        a**2
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for @: 'picoarray.array' and 'picoarray.array'$"):
        a @ a


def test_unary_operators():
    a = array([1.0, -2.0])
    assert (-a).tolist() == [-1.0, 2.0]
    plus = +a
    assert plus.tolist() == [1.0, -2.0] and plus is not a
    assert abs(a).tolist() == [1.0, 2.0]
    with pytest.raises(TypeError, match=r"^bad operand type for unary ~: 'picoarray.array'$"):
        ~a


@pytest.mark.parametrize("iop, op, symbol", INPLACE)
@pytest.mark.parametrize("other", ["array", 2, 0.5])
def test_inplace_operators_mutate_the_same_object(iop, op, symbol, other):
    a = array(XS)
    alias = a
    rhs = array(YS) if other == "array" else other
    expected = [op(x, y) for x, y in zip(XS, YS)] if other == "array" else [op(x, other) for x in XS]
    result = iop(a, rhs)
    assert result is alias
    assert alias.tolist() == expected


def test_inplace_with_itself():
    a = array([1.0, 3.0])
    a += a
    assert a.tolist() == [2.0, 6.0]
    a *= a
    assert a.tolist() == [4.0, 36.0]
    a -= a
    assert a.tolist() == [0.0, 0.0]


def test_inplace_statement_keeps_identity():
    a = array([1.0])
    before = id(a)
    a += 1
    a -= 0.5
    a *= 4
    a /= 2
    assert id(a) == before
    assert a.tolist() == [3.0]


@pytest.mark.parametrize("iop, op, symbol", INPLACE)
def test_inplace_errors(iop, op, symbol):
    a = array([1.0, 2.0])
    with pytest.raises(ValueError, match=r"^operands could not be broadcast together with shapes \(2,\) \(3,\) $"):
        iop(a, array([1.0, 2.0, 3.0]))
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for {re.escape(symbol)}: 'picoarray.array' and 'str'$"):
        iop(a, "x")
    assert a.tolist() == [1.0, 2.0]


def test_eq_is_a_plain_bool():
    a = array([1.0, 2.0])
    assert (a == array([1.0, 2.0])) is True
    assert (a == array([1.0, 3.0])) is False
    assert (a == array([1.0])) is False  # unlike numpy: different lengths are just unequal
    assert (a != array([1.0, 2.0])) is False
    assert (a != array([2.0, 1.0])) is True
    assert (array([]) == array([])) is True


def test_eq_with_other_objects_falls_back_to_identity():
    a = array([1.0, 2.0])
    assert (a == [1.0, 2.0]) is False
    assert ([1.0, 2.0] == a) is False
    assert (a == a) is True
    assert (a != None) is True  # noqa: E711


def test_nan_is_not_equal_to_itself():
    nan = float("nan")
    a = array([nan])
    assert (a == array([nan])) is False


def test_ordering_is_not_supported():
    a = array([1.0])
    with pytest.raises(TypeError, match=r"^'<' not supported between instances of 'picoarray.array' and 'picoarray.array'$"):
        a < a
