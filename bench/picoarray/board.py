"""The board workload: sleds on a bumpy surface, integrated with classic Runge-Kutta (RK4)
over 4-element state arrays. `make(array)` returns `bench(n_sleds, n_time)` written against
the given array type, so every backend runs the same Python code.

The state of a sled is (x, y, u, v): position and velocity on the surface
z = -a x + b sin(p x) cos(q y); the force field gives the velocity's derivative. Each step
calls the field 4 times; each call reads the 4 components, does scalar maths and builds a new
4-element array; the step combines the 4 slopes with array `*`, `/` and `+`.
"""

import math
import random

G, FRICTION, SLOPE, BUMPS = 9.81, 0.5, 0.25, 0.5
P, Q = 2 * math.pi / 10.0, 2 * math.pi / 4.0


def make(array):
    sin, cos = math.sin, math.cos

    def field(state):
        x, y, u, v = state[0], state[1], state[2], state[3]
        sx, cx, sy, cy = sin(P * x), cos(P * x), sin(Q * y), cos(Q * y)
        h_x = -SLOPE + BUMPS * P * sx * cy
        h_y = BUMPS * Q * cx * sy
        h_xx = BUMPS * P * P * cx * cy
        h_yy = BUMPS * Q * Q * cx * cy
        h_xy = -BUMPS * P * Q * sx * sy
        force = (G + h_xx * u * u + 2 * h_xy * u * v + h_yy * v * v) / (1 + h_x * h_x + h_y * h_y)
        return array([u, v, -force * h_x - FRICTION * u, -force * h_y - FRICTION * v])

    def rk4_step(f, x0, dt):
        k1 = f(x0) * dt
        k2 = f(x0 + k1 / 2) * dt
        k3 = f(x0 + k2 / 2) * dt
        k4 = f(x0 + k3) * dt
        return x0 + (k1 + 2 * k2 + 2 * k3 + k4) / 6

    def bench(n_sleds, n_time, dt=0.01):
        rng = random.Random(1234)
        finals = []
        for _ in range(n_sleds):
            state = array([0.0, rng.random(), 3.5, 0.0])
            for _ in range(n_time):
                state = rk4_step(field, state, dt)
            finals.append(state.tolist())
        return finals

    return bench
