#!/usr/bin/python3
"""Reference fixtures for lib/analytics/dbscan.ts and lib/analytics/k-distance.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 scripts/reference/dbscan.py

writes lib/analytics/fixtures/dbscan.json. Every dataset is drawn from a fixed seed, so the output only
changes when scikit-learn's DBSCAN or NearestNeighbors change.

What is recorded:
- DBSCAN(eps, min_samples).fit(X).labels_ and .core_sample_indices_ for several eps/min_samples on
  blobs with uniform noise, two moons with noise, 5-D blobs, three touching blobs (many border points
  between clusters), and an integer grid with duplicate points;
- for each run, how many border points are within eps of core points of two or more clusters, so the
  tests can show they exercise sklearn's "first expansion wins" rule;
- NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X) distances to the k-th neighbour (the point
  itself is the first), sorted ascending: the k-distance curve.

Boundary safety: for the continuous datasets no pairwise distance lies within a relative 1e-9 of eps
(asserted below), so the result cannot depend on the rounding of a distance computation. The integer
grid deliberately has distances exactly equal to eps = 1 and sqrt(2) ≈ 1.414 < 1.5: those are computed
exactly by any method (squares of small integers), and test that a distance equal to eps is a neighbour.
"""

import json
from pathlib import Path

import numpy as np
import sklearn
from scipy.spatial.distance import pdist
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs, make_moons
from sklearn.neighbors import NearestNeighbors

OUT = Path(__file__).resolve().parents[2] / "lib" / "analytics" / "fixtures" / "dbscan.json"


def blobs_noise():
    x, _ = make_blobs(
        n_samples=360, centers=[[0, 0], [3, 3], [-3, 2.5]], cluster_std=[0.4, 0.6, 0.3], random_state=1
    )
    rng = np.random.RandomState(11)
    noise = rng.uniform(-6, 6, size=(40, 2))
    x = np.vstack([x, noise])
    return x[rng.permutation(len(x))]


def moons_noise():
    x, _ = make_moons(n_samples=300, noise=0.08, random_state=2)
    rng = np.random.RandomState(12)
    noise = np.column_stack([rng.uniform(-1.5, 2.5, 20), rng.uniform(-1, 1.5, 20)])
    x = np.vstack([x, noise])
    return x[rng.permutation(len(x))]


def blobs_5d():
    x, _ = make_blobs(n_samples=500, n_features=5, centers=4, cluster_std=1.0, center_box=(-6, 6), random_state=3)
    return x


def touching_blobs():
    x, _ = make_blobs(
        n_samples=400, centers=[[0, 0], [1.8, 0], [0.9, 1.6]], cluster_std=0.45, random_state=13
    )
    return x


def integer_grid():
    rng = np.random.RandomState(14)
    return rng.randint(0, 20, size=(300, 2)).astype(float)


DATASETS = [
    ("blobs-noise-2d", blobs_noise(), [0.3, 0.5, 0.8], [3, 5, 10], False),
    ("moons-noise-2d", moons_noise(), [0.1, 0.15, 0.25], [4, 8], False),
    ("blobs-5d", blobs_5d(), [1.0, 1.5, 2.5], [5, 15], False),
    ("touching-blobs-2d", touching_blobs(), [0.2, 0.3], [6, 10, 15], False),
    ("integer-grid-duplicates", integer_grid(), [1.0, 1.5], [3, 6, 10], True),
]
K_DISTANCE_KS = [2, 5, 10]


def contested_borders(x, eps, labels, core):
    """Border points with core neighbours in two or more clusters."""
    nn = NearestNeighbors(radius=eps).fit(x)
    count = 0
    for i in np.where((labels != -1) & ~core)[0]:
        neighbours = nn.radius_neighbors(x[i : i + 1], return_distance=False)[0]
        clusters = {labels[j] for j in neighbours if core[j]}
        if len(clusters) > 1:
            count += 1
    return count


def main():
    datasets = []
    for name, x, epss, min_samples_list, exact_ties in DATASETS:
        distances = pdist(x)
        runs = []
        for eps in epss:
            if not exact_ties:
                margin = np.min(np.abs(distances - eps)) / eps
                assert margin > 1e-9, f"{name}: a distance is within {margin:.1e} of eps={eps}"
            for min_samples in min_samples_list:
                model = DBSCAN(eps=eps, min_samples=min_samples).fit(x)
                core = np.zeros(len(x), dtype=bool)
                core[model.core_sample_indices_] = True
                runs.append(
                    {
                        "eps": eps,
                        "minSamples": min_samples,
                        "labels": model.labels_.tolist(),
                        "coreSampleIndices": model.core_sample_indices_.tolist(),
                        "clusterCount": int(model.labels_.max() + 1),
                        "noiseCount": int(np.sum(model.labels_ == -1)),
                        "contestedBorders": contested_borders(x, eps, model.labels_, core),
                    }
                )
        k_distances = []
        for k in K_DISTANCE_KS:
            dist, _ = NearestNeighbors(n_neighbors=k).fit(x).kneighbors(x)
            k_distances.append({"k": k, "distances": np.sort(dist[:, k - 1]).tolist()})
        datasets.append(
            {
                "name": name,
                "rows": x.shape[0],
                "cols": x.shape[1],
                "data": x.ravel().tolist(),
                "runs": runs,
                "kDistances": k_distances,
            }
        )

    fixture = {
        "generatedBy": "/usr/bin/python3 scripts/reference/dbscan.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "datasets": datasets,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    for d in datasets:
        summary = ", ".join(
            f"eps={r['eps']}/min={r['minSamples']}: {r['clusterCount']} clusters, {r['noiseCount']} noise, "
            f"{r['contestedBorders']} contested"
            for r in d["runs"]
        )
        print(f"{d['name']}: {summary}")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
