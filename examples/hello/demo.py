"""A tour of the `hello` module (run by scripts/demo.sh)."""

import inspect

import hello


def show(expression):
    try:
        result = repr(eval(expression))
    except BaseException as e:  # noqa: BLE001 - showing every outcome, panics included
        result = f"raises {type(e).__name__}: {e}"
    print(f"{expression:40} -> {result}")


print(hello.__doc__)
print()
for name in ["add", "greet", "divide", "sum_list", "join", "kwargs_keys", "echo", "boom"]:
    f = getattr(hello, name)
    print(f"hello.{name}{inspect.signature(f)}: {f.__doc__}")
print()
for expression in [
    "hello.add(40, 2)",
    "hello.add(2**63)",
    "hello.add(1, c=2)",
    "hello.greet('Ada')",
    "hello.greet('Ada', greeting='Hi')",
    "hello.divide(1, 4)",
    "hello.divide(1, 0)",
    "hello.sum_list([1, 2, 3])",
    "hello.sum_list([1, 'two', 3])",
    "hello.join('a', 'b', 'c', sep='-')",
    "hello.kwargs_keys(zeta=1, alpha=2)",
    "hello.echo(hello) is hello",
    "hello.boom()",
    "hello.add(1, 1)",
]:
    show(expression)
