"""Code written for piconumpy runs unchanged with `import picoarray as np`: the same program
(RK4 on a harmonic oscillator, in piconumpy's API only) gives bit-identical results with
picoarray and with numpy, and matches a pure-Python computation of the same maths."""

import math

import numpy
import pytest

import picoarray


def simulate(np, n_steps=100, dt=0.05):
    """Piconumpy-style code: module functions, arrays of 2 floats, array arithmetic with
    scalars on either side, in-place updates and indexing."""

    def f(state):
        return np.array([state[1], -state[0]])

    def rk4_step(x0, dt):
        k1 = f(x0) * dt
        k2 = f(x0 + k1 / 2) * dt
        k3 = f(x0 + k2 / 2) * dt
        k4 = f(x0 + k3) * dt
        return x0 + (k1 + 2 * k2 + 2 * k3 + k4) / 6

    state = np.zeros(2)
    state[0] = 1.0
    energies = np.empty(n_steps)
    for i in range(n_steps):
        state = rk4_step(state, dt)
        energies[i] = state[0] * state[0] + state[1] * state[1]
    drift = np.ones(n_steps)
    drift -= energies
    drift *= -1
    return state.tolist(), drift.tolist()


def simulate_with_lists(n_steps=100, dt=0.05):
    """The same maths, element by element, on plain floats."""

    def f(s):
        return [s[1], -s[0]]

    state = [1.0, 0.0]
    drift = []
    for _ in range(n_steps):
        k1 = [v * dt for v in f(state)]
        k2 = [v * dt for v in f([s + k / 2 for s, k in zip(state, k1)])]
        k3 = [v * dt for v in f([s + k / 2 for s, k in zip(state, k2)])]
        k4 = [v * dt for v in f([s + k for s, k in zip(state, k3)])]
        total = [a + 2 * b + 2 * c + d for a, b, c, d in zip(k1, k2, k3, k4)]
        state = [s + t / 6 for s, t in zip(state, total)]
        drift.append(-(1.0 - (state[0] * state[0] + state[1] * state[1])))
    return state, drift


def test_picoarray_runs_piconumpy_code_like_numpy():
    assert simulate(picoarray) == simulate(numpy)


def test_picoarray_matches_plain_float_maths():
    state, drift = simulate(picoarray)
    expected_state, expected_drift = simulate_with_lists()
    assert state == expected_state
    assert drift == expected_drift


def test_the_oscillator_is_integrated_accurately():
    (x, v), drift = simulate(picoarray)
    t = 100 * 0.05
    assert x == pytest.approx(math.cos(t), abs=1e-6)
    assert v == pytest.approx(-math.sin(t), abs=1e-6)
    assert max(abs(d) for d in drift) < 1e-6


def test_the_module_exports_piconumpys_names():
    for name in ("array", "empty", "zeros", "ones"):
        assert callable(getattr(picoarray, name)) and callable(getattr(numpy, name))
    assert picoarray.pi == numpy.pi
