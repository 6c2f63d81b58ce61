#!/usr/bin/python3
"""Reference values for lib/analytics/kmeans.test.ts and minibatch-kmeans.test.ts.

Regenerate (Debian's python3-sklearn 1.2.1 and numpy; fixed seeds, so the output is reproducible):

    /usr/bin/python3 scripts/reference/kmeans.py

writes lib/analytics/fixtures/kmeans.json:
  datasets      small matrices (values rounded to 4 decimals before anything is fitted, so that the
                TypeScript side clusters exactly the numbers sklearn clustered)
  explicit      KMeans(init=<centres>, n_init=1, algorithm="lloyd", tol, max_iter) on a dataset:
                labels, inertia, n_iter, centres; the same initial centres must give the same result
  plusplus      KMeans(init="k-means++", n_init=10, random_state=0) inertia, per dataset and k
                (the elbow regime k = 2..8 on "elbow"); the RNGs differ, so only the best inertia of
                the restarts is comparable
  minibatch     MiniBatchKMeans(batch_size=100, n_init=3, random_state=0) inertia next to the full
                KMeans inertia, for scale
"""

import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "analytics", "fixtures", "kmeans.json")


def r4(x):
    return np.round(np.asarray(x, dtype=np.float64), 4)


def datasets():
    out = {}
    # Blobs with very different spreads: k-means' bias towards equal-variance clusters shows here.
    x, _ = make_blobs(n_samples=600, n_features=3, centers=4, cluster_std=[0.4, 1.0, 1.8, 3.0], random_state=11)
    out["blobs-spreads"] = r4(x)
    # Anisotropic blobs (the linear map of sklearn's "k-means assumptions" example).
    x, _ = make_blobs(n_samples=500, centers=3, random_state=170)
    out["anisotropic"] = r4(x @ np.array([[0.60834549, -0.63667341], [-0.40887718, 0.85253229]]))
    # Five blobs in 5-D for the elbow curve k = 2..8.
    x, _ = make_blobs(n_samples=800, n_features=5, centers=5, cluster_std=1.5, random_state=3)
    out["elbow"] = r4(x)
    # Heavily overlapping clusters in 6-D, asked for more clusters than there are: many local minima.
    x, _ = make_blobs(n_samples=700, n_features=6, centers=3, cluster_std=4.0, center_box=(-5, 5), random_state=5)
    out["overlapping"] = r4(x)
    # Skewed, customer-like features (log-normal recency/frequency/monetary-like columns).
    rng = np.random.RandomState(7)
    x = np.column_stack(
        [rng.lognormal(3.0, 0.8, 600), rng.lognormal(1.0, 0.6, 600), rng.lognormal(5.0, 1.0, 600)]
    )
    out["skewed"] = r4(x)
    # A large offset with a small spread: checks the centring of the data before distances.
    x, _ = make_blobs(n_samples=400, n_features=2, centers=3, cluster_std=0.5, random_state=2)
    out["offset"] = r4(x + np.array([1e5, -2e5]))
    return out


def fit(x, k, init, tol=1e-4, max_iter=300):
    m = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=tol, max_iter=max_iter).fit(x)
    return m


def main():
    data = datasets()
    explicit = []

    def add(name, k, init, tol=1e-4, max_iter=300, note=""):
        x = data[name]
        init = r4(init)
        m = fit(x, k, init, tol, max_iter)
        explicit.append(
            {
                "dataset": name,
                "note": note,
                "k": k,
                "tol": tol,
                "maxIter": max_iter,
                "init": init.tolist(),
                "labels": m.labels_.tolist(),
                "inertia": float(m.inertia_),
                "nIter": int(m.n_iter_),
                "centers": m.cluster_centers_.tolist(),
            }
        )

    rng = np.random.RandomState(2024)
    for name, k in [
        ("blobs-spreads", 4),
        ("anisotropic", 3),
        ("elbow", 5),
        ("elbow", 8),
        ("overlapping", 5),
        ("skewed", 4),
        ("offset", 3),
    ]:
        x = data[name]
        rows = rng.choice(x.shape[0], size=k, replace=False)
        add(name, k, x[rows], note="initial centres: random rows")
    # Initial centres crowded at one edge of the data (the rows with the smallest first feature).
    x = data["elbow"]
    add("elbow", 5, x[np.argsort(x[:, 0])[:5]], note="initial centres: the 5 rows with the smallest x0")
    # A loose tol that stops before the labels settle (then the final E-step re-labels the points).
    add("overlapping", 5, data["overlapping"][:5], tol=0.05, note="tol 0.05 stops early")
    # max_iter reached.
    add("overlapping", 5, data["overlapping"][:5], max_iter=3, note="max_iter 3")
    # A centre far from every point: the cluster is empty after the first E-step and is relocated.
    x = data["blobs-spreads"]
    add("blobs-spreads", 4, np.vstack([x[:3], [[60.0, 60.0, 60.0]]]), note="one centre far away: empty cluster")
    # Two far centres: two relocations in the same iteration.
    add(
        "blobs-spreads",
        5,
        np.vstack([x[:3], [[60.0, 60.0, 60.0], [-80.0, 0.0, 0.0]]]),
        note="two centres far away: two empty clusters",
    )

    plusplus = []
    for name, ks in [
        ("blobs-spreads", [4]),
        ("anisotropic", [3]),
        ("elbow", [2, 3, 4, 5, 6, 7, 8]),
        ("overlapping", [3, 5]),
        ("skewed", [4]),
        ("offset", [3]),
    ]:
        for k in ks:
            m = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0, algorithm="lloyd").fit(data[name])
            plusplus.append({"dataset": name, "k": k, "inertia": float(m.inertia_)})

    minibatch = []
    for name, k in [("blobs-spreads", 4), ("elbow", 5), ("anisotropic", 3)]:
        x = data[name]
        mb = MiniBatchKMeans(n_clusters=k, batch_size=100, n_init=3, random_state=0).fit(x)
        full = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        minibatch.append(
            {
                "dataset": name,
                "k": k,
                "batchSize": 100,
                "inertia": float(mb.inertia_),
                "fullInertia": float(full.inertia_),
            }
        )

    out = {
        "generator": "scripts/reference/kmeans.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "datasets": {
            name: {"rows": int(x.shape[0]), "cols": int(x.shape[1]), "data": x.ravel().tolist()}
            for name, x in data.items()
        },
        "explicit": explicit,
        "plusplus": plusplus,
        "minibatch": minibatch,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
