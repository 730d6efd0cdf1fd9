"""Peer forecasters for tests/bench/forecast-m4: statsmodels' Holt-Winters (ETS) and Theta, and Prophet.

Fits each method on the M4 Hourly train series and forecasts 48 steps, timing fit + forecast per series with
perf_counter. Writes {method: {"ids": [...], "forecasts": [[48 floats]], "seconds": [...], "errors": n}} as JSON;
the Node side scores everything with the same code as our own forecasts.

    python forecast_peers.py --data <datasets root> --out peers.json [--methods ets,theta,prophet] [--prophet-series 20]
"""
import argparse
import csv
import json
import logging
import os
import sys
import time
import warnings

import numpy as np

HORIZON = 48
PERIOD = 24


def read_m4(path):
    series = []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            values = np.array([float(v) for v in row[1:] if v != ""])
            series.append((row[0], values))
    return series


def statsmodels_ets(y):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    model = ExponentialSmoothing(
        y, trend="add", damped_trend=True, seasonal="mul", seasonal_periods=PERIOD, initialization_method="estimated"
    )
    return model.fit().forecast(HORIZON)


def statsmodels_theta(y):
    from statsmodels.tsa.forecasting.theta import ThetaModel

    return ThetaModel(y, period=PERIOD).fit().forecast(HORIZON)


def prophet(y):
    import pandas as pd
    from prophet import Prophet

    # Prophet sets up cmdstanpy's logger on import; quiet it afterwards.
    logging.getLogger("cmdstanpy").setLevel(logging.ERROR)
    logging.getLogger("prophet").setLevel(logging.ERROR)

    # M4 publishes no start dates; any hourly calendar gives the same daily and weekly phases up to a shift.
    ds = pd.date_range("2017-01-01", periods=len(y), freq="h")
    model = Prophet(daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=False)
    model.fit(pd.DataFrame({"ds": ds, "y": y}))
    future = model.make_future_dataframe(periods=HORIZON, freq="h", include_history=False)
    return model.predict(future)["yhat"].to_numpy()


METHODS = {
    "statsmodels ETS (damped, multiplicative season)": ("ets", statsmodels_ets),
    "statsmodels Theta": ("theta", statsmodels_theta),
    "Prophet": ("prophet", prophet),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--methods", default="ets,theta,prophet")
    parser.add_argument("--prophet-series", type=int, default=20)
    args = parser.parse_args()

    warnings.filterwarnings("ignore")

    series = read_m4(os.path.join(args.data, "m4-hourly", "Hourly-train.csv"))
    wanted = set(args.methods.split(","))
    results = {}
    for name, (key, fit) in METHODS.items():
        if key not in wanted:
            continue
        # Prophet takes seconds per series: an evenly spaced subset keeps the run short and representative.
        step = max(1, len(series) // max(1, args.prophet_series))
        subset = series[::step][: args.prophet_series] if key == "prophet" else series
        out = {"ids": [], "forecasts": [], "seconds": [], "errors": 0}
        try:
            fit(subset[0][1])  # import and warm up outside the timed loop
        except Exception as err:  # not installed, or broken: say so and go on with the other peers
            print(f"{name}: not available ({type(err).__name__}: {err})", file=sys.stderr)
            continue
        for sid, y in subset:
            started = time.perf_counter()
            try:
                forecast = [float(v) for v in fit(y)]
            except Exception as err:  # a peer failing on a series is reported, not hidden
                out["errors"] += 1
                print(f"{name} failed on {sid}: {err}", file=sys.stderr)
                continue
            out["seconds"].append(time.perf_counter() - started)
            out["ids"].append(sid)
            out["forecasts"].append(forecast)
        results[name] = out
        print(f"{name}: {len(out['ids'])} series", file=sys.stderr)
    with open(args.out, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
