#!/usr/bin/python3
"""scikit-learn's side of scripts/bench-dbscan.ts; not meant to be run by hand.

    /usr/bin/python3 scripts/reference/bench_dbscan.py DATA ROWS COLS EPS MIN_SAMPLES LABELS_OUT SIL_SAMPLE

reads ROWS x COLS little-endian float64 values (row-major) from DATA, times
DBSCAN(eps=EPS, min_samples=MIN_SAMPLES).fit and silhouette_score(sample_size=SIL_SAMPLE, random_state=0)
on its labels, writes the labels to LABELS_OUT as little-endian int32, and prints the timings as JSON.
"""

import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.metrics import silhouette_score


def main():
    data, rows, cols, eps, min_samples, labels_out, sil_sample = sys.argv[1:8]
    x = np.fromfile(data, dtype="<f8").reshape(int(rows), int(cols))
    start = time.perf_counter()
    labels = DBSCAN(eps=float(eps), min_samples=int(min_samples)).fit(x).labels_
    dbscan_seconds = time.perf_counter() - start
    labels.astype("<i4").tofile(labels_out)

    silhouette_seconds = None
    score = None
    if len(np.unique(labels)) >= 2:
        start = time.perf_counter()
        score = float(silhouette_score(x, labels, sample_size=int(sil_sample), random_state=0))
        silhouette_seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "sklearn": sklearn.__version__,
                "dbscanSeconds": dbscan_seconds,
                "silhouetteSeconds": silhouette_seconds,
                "silhouetteScore": score,
            }
        )
    )


if __name__ == "__main__":
    main()
