"""`#[hpy(get)]` fields: read-only members CPython reads straight from the object."""

import pytest

import protocols

INTS = {
    "i8_": (-(2**7), 2**7 - 1),
    "u8_": (0, 2**8 - 1),
    "i16_": (-(2**15), 2**15 - 1),
    "u16_": (0, 2**16 - 1),
    "i32_": (-(2**31), 2**31 - 1),
    "u32_": (0, 2**32 - 1),
    "i64_": (-(2**63), 2**63 - 1),
    "u64_": (0, 2**64 - 1),
    "isize_": (-(2**63), 2**63 - 1),
    "usize_": (0, 2**64 - 1),
}


class Sub(protocols.Members):
    """A Python subclass: its instances carry a `__dict__` after the payload."""


@pytest.mark.parametrize("cls", [protocols.Members, Sub])
@pytest.mark.parametrize("high", [False, True])
def test_members_read_each_type_exactly(cls, high):
    m = cls(high)
    for name, (low, top) in INTS.items():
        value = getattr(m, name)
        assert type(value) is int and value == (top if high else low), name
    assert m.f32_ == (1.5 if high else -2.25) and type(m.f32_) is float
    assert m.f64_ == (1e300 if high else -1e-300)
    assert m.bool_ is high
    assert m.type == 7
    assert m.others() == ("not a member", not high)


def test_members_are_read_only():
    m = protocols.Members(True)
    with pytest.raises(AttributeError, match="readonly attribute"):
        m.i64_ = 1
    with pytest.raises(AttributeError, match="readonly attribute"):
        del m.u8_
    assert m.i64_ == 2**63 - 1


def test_only_marked_fields_are_members():
    m = protocols.Members(True)
    for name in ("label", "flag"):
        assert not hasattr(m, name)


def test_members_are_member_descriptors_with_the_field_doc():
    descriptor = protocols.Members.__dict__["i8_"]
    assert type(descriptor).__name__ == "member_descriptor"
    assert descriptor.__doc__ == "A signed byte."
    assert protocols.Members.__dict__["u8_"].__doc__ is None
