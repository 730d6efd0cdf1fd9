"""scikit-learn peer for the anomaly throughput benchmark.

Reads the feature matrices the TypeScript side wrote (float64, little-endian, row-major), fits
IsolationForest(n_estimators=100, max_samples=256) on the history and times score_samples on the stream,
single-threaded, printing one JSON line.
"""
import json
import os
import sys
import time

# One core, as for our side: no BLAS / OpenMP threads behind scikit-learn's back.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402


def main() -> None:
    path, cols, history_rows, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = np.fromfile(path, dtype="<f8").reshape(-1, cols)
    history, stream = data[:history_rows], data[history_rows:]
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0, n_jobs=1).fit(history)
    forest.score_samples(stream[:10000])  # warm-up
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        forest.score_samples(stream)
        best = min(best, time.perf_counter() - started)
    print(json.dumps({"points": int(stream.shape[0]), "seconds": best, "pointsPerSecond": stream.shape[0] / best}))


if __name__ == "__main__":
    main()
