"""Per-series neural peer for tests/bench/forecast-lstm: scikit-learn's MLPRegressor.

No deep-learning framework is installed for an LSTM peer, so the closest mainstream per-series neural forecaster
stands in: one hidden layer of 64 units mapping a week of standardised hourly values to the next 48 (direct
multi-output, like our head), with sklearn's own early stopping. Timing covers fit + forecast per series.
Writes {"forecasts": {id: [48 floats]}, "seconds": [...]} as JSON.

    python forecast-lstm-peer.py --data <datasets root> --out peer.json --ids H2,H12,...
"""
import argparse
import csv
import json
import os
import time
import warnings

import numpy as np

HORIZON = 48
LOOKBACK = 168


def read_m4(path):
    series = {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            series[row[0]] = np.array([float(v) for v in row[1:] if v != ""])
    return series


def mlp_forecast(y):
    from sklearn.neural_network import MLPRegressor

    mean, std = y.mean(), y.std() or 1.0
    z = (y - mean) / std
    count = len(z) - LOOKBACK - HORIZON + 1
    x = np.stack([z[i : i + LOOKBACK] for i in range(count)])
    t = np.stack([z[i + LOOKBACK : i + LOOKBACK + HORIZON] for i in range(count)])
    model = MLPRegressor(hidden_layer_sizes=(64,), early_stopping=True, max_iter=300, random_state=1)
    model.fit(x, t)
    return model.predict(z[-LOOKBACK:][None, :])[0] * std + mean


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--ids", required=True)
    args = parser.parse_args()
    train = read_m4(os.path.join(args.data, "m4-hourly", "Hourly-train.csv"))
    forecasts, seconds = {}, []
    warnings.simplefilter("ignore")
    for sid in args.ids.split(","):
        if sid not in train:
            continue
        started = time.perf_counter()
        try:
            forecasts[sid] = [float(v) for v in mlp_forecast(train[sid])]
        except Exception as error:  # a failing series is reported by the caller, not fatal
            print(f"mlp peer: {sid} failed: {error}")
            continue
        seconds.append(time.perf_counter() - started)
    with open(args.out, "w") as f:
        json.dump({"forecasts": forecasts, "seconds": seconds}, f)


if __name__ == "__main__":
    main()
