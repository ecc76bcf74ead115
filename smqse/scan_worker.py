"""A child process of the anomaly scan (smqse.refresh_anomalies): reads the pickled series of its chunk from
stdin (one float array of values and the (start, end) span of each series in it), runs the detector on each,
writes the pickled flagged points to stdout: [(start, [(position, value, expected, score, kind, reason), …]),
…] for the series with a flag.

A process of its own (`python -m smqse.scan_worker`), not a multiprocessing child: multiprocessing's spawn
re-runs the parent's `__main__`, which inside the Streamlit server is the page script being run. The parent
starts it before it reads the data: the imports below (SciPy) run while the parent reads.
"""

from __future__ import annotations

import pickle
import sys


def main() -> int:
    from smqse.blas_threads import single_thread_environment

    single_thread_environment()  # before NumPy loads: the parallelism is the processes, not BLAS threads
    from smqse.analysis.anomalies import flagged_points  # SciPy loaded now, while the parent reads

    values, spans = pickle.load(sys.stdin.buffer)
    found = []
    for a, b in spans:
        points = flagged_points(values[a:b])
        if points:
            found.append((a, points))
    pickle.dump(found, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
