"""pytest plugin of the ujson suite runner (loaded with ``-p suite_tally``): at the end of the
session, writes how many tests passed, failed, were skipped, xfailed, xpassed or errored to
the JSON file named by ``$UJSON_SUITE_TALLY``, the counts of pytest's own summary line.
"""

import json
import os

OUTCOMES = ("passed", "failed", "skipped", "xfailed", "xpassed", "error")


def pytest_terminal_summary(terminalreporter):
    path = os.environ.get("UJSON_SUITE_TALLY")
    if not path:
        return
    counts = {outcome: len(terminalreporter.stats.get(outcome, [])) for outcome in OUTCOMES}
    with open(path, "w") as f:
        json.dump(counts, f)
