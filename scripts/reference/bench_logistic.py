#!/usr/bin/python3
"""The scikit-learn side of scripts/bench-logistic.ts (which writes the data and runs this script).

    /usr/bin/python3 scripts/reference/bench_logistic.py --x X.f64 --y Y.u8 --n 100000 --d 20 \
        [--C 1] [--tol 1e-8] [--max-iter 1000] [--runs 3]

X.f64 is the row-major float64 (little-endian) matrix, Y.u8 one byte (0 or 1) per row. Fits
LogisticRegression(penalty="l2", C, solver="lbfgs", tol, max_iter), the median wall and CPU time of
--runs fits after one warm-up fit, and for the record solver="newton-cholesky" (sklearn 1.2's Newton
solver, which stops on the gradient, so its coefficients are the minimiser to ~1e-10). Prints one
JSON object on stdout.
"""

import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info


def timed(make, x, y, runs):
    make().fit(x, y)  # warm-up: imports, thread pool start
    times, cpu, model = [], [], None
    for _ in range(runs):
        model = make()
        t0, c0 = time.perf_counter(), time.process_time()
        model.fit(x, y)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {
        "seconds": float(np.median(times)),
        "bestSeconds": float(np.min(times)),
        "cpuSeconds": float(np.median(cpu)),
        "nIter": int(model.n_iter_[0]),
        "coef": model.coef_[0].tolist(),
        "intercept": float(model.intercept_[0]),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--C", type=float, default=1.0)
    p.add_argument("--tol", type=float, default=1e-8)
    p.add_argument("--max-iter", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()

    x = np.fromfile(a.x, dtype="<f8").reshape(a.n, a.d)
    y = np.fromfile(a.y, dtype=np.uint8).astype(np.int64)
    out = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "cpus": os.cpu_count(),
        "threadpools": [{k: t.get(k) for k in ("user_api", "internal_api", "num_threads")} for t in threadpool_info()],
    }
    for solver in ("lbfgs", "newton-cholesky"):
        out[solver] = timed(
            lambda: LogisticRegression(penalty="l2", C=a.C, solver=solver, tol=a.tol, max_iter=a.max_iter),
            x,
            y,
            a.runs,
        )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
