#!/usr/bin/python3
"""The scikit-learn side of scripts/bench-kmeans.ts (which writes the matrix and runs this script).

    /usr/bin/python3 scripts/reference/bench_kmeans.py --file X.f64 --n 100000 --d 12 --k 6 --n-init 10 \
        [--max-iter 300] [--tol 1e-4] [--runs 3] [--minibatch-file Y.f64 --minibatch-n 1000000]

X.f64 is the row-major float64 (little-endian) matrix. Times KMeans(algorithm="lloyd") and, for the
record, KMeans(algorithm="elkan"), and MiniBatchKMeans on the second matrix, each as the median of
--runs fits after one warm-up fit, with the threads it uses here (OpenMP over all cores by default;
threadpoolctl's report is printed with the results). Prints one JSON object on stdout.
"""

import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans
from threadpoolctl import threadpool_info


def timed(make, x, runs):
    make().fit(x)  # warm-up: imports, thread pool start
    times, model = [], None
    for _ in range(runs):
        model = make()
        t0 = time.perf_counter()
        model.fit(x)
        times.append(time.perf_counter() - t0)
    out = {
        "seconds": float(np.median(times)),
        "allSeconds": times,
        "nIter": int(model.n_iter_),
        "inertia": float(model.inertia_),
    }
    if hasattr(model, "n_steps_"):
        out["nSteps"] = int(model.n_steps_)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--file", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--k", type=int, required=True)
    p.add_argument("--n-init", type=int, required=True)
    p.add_argument("--max-iter", type=int, default=300)
    p.add_argument("--tol", type=float, default=1e-4)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--minibatch-file")
    p.add_argument("--minibatch-n", type=int)
    a = p.parse_args()

    x = np.fromfile(a.file, dtype="<f8").reshape(a.n, a.d)
    out = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "cpus": os.cpu_count(),
        "threadpools": [
            {k: t.get(k) for k in ("user_api", "internal_api", "num_threads", "filepath")} for t in threadpool_info()
        ],
    }
    for algorithm in ("lloyd", "elkan"):
        out[algorithm] = timed(
            lambda: KMeans(
                n_clusters=a.k,
                init="k-means++",
                n_init=a.n_init,
                max_iter=a.max_iter,
                tol=a.tol,
                algorithm=algorithm,
                random_state=0,
            ),
            x,
            a.runs,
        )
    if a.minibatch_file:
        y = np.fromfile(a.minibatch_file, dtype="<f8").reshape(a.minibatch_n, a.d)
        out["minibatch"] = timed(
            lambda: MiniBatchKMeans(n_clusters=a.k, batch_size=1024, n_init=3, random_state=0), y, a.runs
        )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
