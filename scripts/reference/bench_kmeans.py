#!/usr/bin/python3
"""The scikit-learn side of scripts/bench-kmeans.ts (which writes the matrix and runs this script).

    /usr/bin/python3 scripts/reference/bench_kmeans.py --file X.f64 --n 100000 --d 12 --k 6 --n-init 10 \
        [--max-iter 300] [--tol 1e-4] [--runs 3] [--minibatch-file Y.f64 --minibatch-n 1000000]

X.f64 is the row-major float64 (little-endian) matrix. Times KMeans(algorithm="lloyd") with the
threads it uses here (OpenMP and OpenBLAS over all cores by default; threadpoolctl's report is part
of the output) and, for the record, KMeans(algorithm="elkan") and KMeans(algorithm="lloyd") limited
to one thread; then MiniBatchKMeans on the second matrix with random_state 0, 1, … per run (its
number of steps depends much on the seed; median steps and inertia are reported). Each is the
median of --runs fits after one warm-up fit; wall time and CPU time (all threads) are reported.
Prints one JSON object on stdout.
"""

import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans
from threadpoolctl import threadpool_info, threadpool_limits


def timed(make, x, runs):
    """make(run) builds the estimator of run 0, 1, …; run -1 is the warm-up."""
    make(-1).fit(x)  # warm-up: imports, thread pool start
    times, cpu, model, steps, inertias = [], [], None, [], []
    for run in range(runs):
        model = make(run)
        t0, c0 = time.perf_counter(), time.process_time()
        model.fit(x)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        steps.append(int(getattr(model, "n_steps_", model.n_iter_)))
        inertias.append(float(model.inertia_))
    out = {
        "seconds": float(np.median(times)),
        "bestSeconds": float(np.min(times)),
        "cpuSeconds": float(np.median(cpu)),
        "allSeconds": times,
        "nIter": int(model.n_iter_),
        "inertia": float(model.inertia_),
    }
    if hasattr(model, "n_steps_"):
        out["nSteps"] = int(np.median(steps))
        out["inertia"] = float(np.median(inertias))
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
            lambda run: KMeans(
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
    # The same fit on one thread, for the record: OpenMP's two threads wait on each other when another
    # process holds a core, so on a busy machine one thread can be faster than two.
    with threadpool_limits(limits=1):
        out["lloyd1"] = timed(
            lambda run: KMeans(
                n_clusters=a.k,
                init="k-means++",
                n_init=a.n_init,
                max_iter=a.max_iter,
                tol=a.tol,
                algorithm="lloyd",
                random_state=0,
            ),
            x,
            a.runs,
        )
    if a.minibatch_file:
        y = np.fromfile(a.minibatch_file, dtype="<f8").reshape(a.minibatch_n, a.d)
        out["minibatch"] = timed(
            lambda run: MiniBatchKMeans(n_clusters=a.k, batch_size=1024, n_init=3, random_state=max(run, 0)),
            y,
            a.runs,
        )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
