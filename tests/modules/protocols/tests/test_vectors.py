"""`protocols.Vec2`: binary operators whose operands and results are the class itself."""

import operator

import pytest

from protocols import Vec2


class Sub(Vec2):
    pass


def pair(v):
    return (type(v), v.x, v.y)


def test_operands_of_the_class():
    assert pair(Vec2(1, 2) + Vec2(10, 20)) == (Vec2, 11, 22)
    assert pair(Vec2(1, 2) - Vec2(10, 20)) == (Vec2, -9, -18)
    assert Vec2(1, 2) @ Vec2(3, 4) == 11
    assert pair(3 * Vec2(1, 2)) == (Vec2, 3, 6)


def test_subclass_operands_give_the_class():
    assert pair(Sub(1, 2) + Sub(1, 1)) == (Vec2, 2, 3)
    assert pair(Vec2(1, 2) - Sub(1, 1)) == (Vec2, 0, 1)
    assert Sub(1, 2) @ Vec2(1, 1) == 3


def test_errors_of_the_method_propagate():
    with pytest.raises(OverflowError, match="^Vec2 overflowed 64 bits$"):
        Vec2(-(2**63), 0) - Vec2(1, 0)


def name(obj):
    return "protocols.Vec2" if isinstance(obj, Vec2) else type(obj).__name__


@pytest.mark.parametrize("op, symbol", [
    (operator.add, r"\+"), (operator.sub, "-"), (operator.matmul, "@"), (operator.mul, r"\*"),
])
@pytest.mark.parametrize("other", [1.5, None, object()])
def test_other_operands_are_not_implemented(op, symbol, other):
    for a, b in ((Vec2(1, 2), other), (other, Vec2(1, 2))):
        message = rf"^unsupported operand type\(s\) for {symbol}: '{name(a)}' and '{name(b)}'$"
        with pytest.raises(TypeError, match=message):
            op(a, b)


def test_the_reflected_method_alone_takes_the_other_type():
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \*: 'protocols.Vec2' and 'int'$"):
        Vec2(1, 2) * 3
