"""A child process of the anomaly scan (smqse.refresh_anomalies): reads pickled series from stdin, runs the
detector on each, writes the pickled flags to stdout.

A process of its own (`python -m smqse.scan_worker`), not a multiprocessing child: multiprocessing's spawn
re-runs the parent's `__main__`, which inside the Streamlit server is the page script being run.
"""

from __future__ import annotations

import pickle
import sys


def main() -> int:
    from smqse.anomalies_view import detect_one

    series = pickle.load(sys.stdin.buffer)  # [(key, periods, values), …]
    found = []
    for key, periods, values in series:
        flagged, _ = detect_one(periods, values)
        if flagged.height:
            found.append((key, flagged))
    pickle.dump(found, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
