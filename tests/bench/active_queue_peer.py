"""numpy peer for tests/bench/active-queue.ts: the same two-stage queue ordering (margin uncertainty, top-K by
argpartition, greedy uncertainty + k-center diversity within the candidates, the rest by uncertainty), vectorised.
Prints the median time in milliseconds over the given runs (after 3 warm-up runs).

    python active_queue_peer.py <dir> <items> <cols> <classes> <batch> <diversity> <runs>
"""
import sys
import time

import numpy as np


def rank(features, probabilities, labeled, batch, w, rng):
    n = features.shape[0]
    top2 = -np.partition(-probabilities, 1, axis=1)[:, :2]
    u = 1.0 - (top2[:, 0] - top2[:, 1])
    k = min(n, 10 * batch)
    tie = rng.permutation(n)
    candidates = np.argpartition(-(u + 1e-12 * tie / n), k - 1)[:k]
    order_head = candidates[np.argsort(-u[candidates], kind="stable")]
    if w > 0 and k > 1:
        mean = features.mean(axis=0)
        sd = features.std(axis=0)
        inv = np.where(sd > 0, 1.0 / np.where(sd > 0, sd, 1.0), 0.0)
        z = (features[candidates] - mean) * inv
        cols = features.shape[1]
        ur = u[candidates] / max(u[candidates].max(), 1e-300)
        min_d2 = np.full(k, np.inf)
        if labeled.shape[0] > 0:
            zl = (labeled - mean) * inv
            d2 = (z * z).sum(1)[:, None] - 2 * z @ zl.T + (zl * zl).sum(1)[None, :]
            min_d2 = np.maximum(d2.min(1), 0)
        scale = np.median(np.sqrt(min_d2[min_d2 > 0] / cols)) if np.isfinite(min_d2).any() else np.nan
        taken = np.zeros(k, dtype=bool)
        picks = []
        for _ in range(k):
            d = np.sqrt(min_d2 / cols)
            close = np.where(np.isinf(min_d2), 1.0, np.minimum(1.0, d / scale) if scale > 0 else 0.0)
            score = (1 - w) * ur + w * close
            score[taken] = -np.inf
            j = int(np.argmax(score))
            picks.append(j)
            taken[j] = True
            min_d2 = np.minimum(min_d2, ((z - z[j]) ** 2).sum(1))
            if np.isnan(scale):
                rest = min_d2[~taken]
                rest = rest[rest > 0]
                scale = float(np.median(np.sqrt(rest / cols))) if rest.size else 0.0
        order_head = candidates[np.array(picks)]
    mask = np.ones(n, dtype=bool)
    mask[order_head] = False
    rest = np.nonzero(mask)[0]
    rest = rest[np.lexsort((tie[rest], -u[rest]))]
    return np.concatenate([order_head, rest])


def main():
    folder, items, cols, classes, batch, w, runs = sys.argv[1:8]
    items, cols, classes, batch, runs, w = int(items), int(cols), int(classes), int(batch), int(runs), float(w)
    features = np.fromfile(f"{folder}/features.f64", dtype=np.float64).reshape(items, cols)
    probabilities = np.fromfile(f"{folder}/probabilities.f64", dtype=np.float64).reshape(items, classes)
    labeled = np.fromfile(f"{folder}/labeled.f64", dtype=np.float64).reshape(-1, cols)
    times = []
    for r in range(runs + 3):
        rng = np.random.default_rng(r)
        started = time.perf_counter()
        order = rank(features, probabilities, labeled, batch, w, rng)
        if r >= 3:
            times.append(1000 * (time.perf_counter() - started))
    assert order.shape[0] == items
    print(f"{float(np.median(times)):.3f}")


if __name__ == "__main__":
    main()
