#!/usr/bin/python3
"""Reference fixtures for lib/analytics/silhouette.ts, davies-bouldin.ts and adjusted-rand.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 scripts/reference/metrics.py

writes lib/analytics/fixtures/metrics.json. Every dataset is drawn from a fixed seed.

What is recorded:
- labelings: a data matrix and one labelling each, with sklearn.metrics.silhouette_samples,
  silhouette_score and davies_bouldin_score (labels are kept as given: DBSCAN's -1 is a cluster to
  sklearn; "noiseExcluded" repeats a labelling with the -1 rows removed first);
- davies_bouldin_score of two clusters with identical centroids (sklearn's zero-distance rule);
- adjusted_rand_score of label pairs (integers, negative and large integers, strings);
- adjusted_rand_score of two million-row labellings defined by a formula (given in "formula") that
  tests rebuild instead of storing them.
"""

import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_samples, silhouette_score

OUT = Path(__file__).resolve().parents[2] / "lib" / "analytics" / "fixtures" / "metrics.json"


def labelling(name, x, labels):
    labels = np.asarray(labels)
    return {
        "name": name,
        "rows": x.shape[0],
        "cols": x.shape[1],
        "data": x.ravel().tolist(),
        "labels": labels.tolist(),
        "silhouetteSamples": silhouette_samples(x, labels).tolist(),
        "silhouetteScore": float(silhouette_score(x, labels)),
        "daviesBouldin": float(davies_bouldin_score(x, labels)),
    }


def labellings():
    out = []
    x, y = make_blobs(n_samples=300, centers=3, n_features=2, cluster_std=1.2, random_state=4)
    out.append(labelling("blobs-true-labels", x, y))
    kmeans = KMeans(n_clusters=5, n_init=10, random_state=0).fit(x)
    out.append(labelling("blobs-kmeans-5", x, kmeans.labels_))

    rng = np.random.RandomState(5)
    xb, _ = make_blobs(n_samples=300, centers=[[0, 0], [4, 0], [2, 3.5]], cluster_std=0.6, random_state=6)
    xn = np.vstack([xb, rng.uniform(-3, 7, size=(30, 2))])
    xn = xn[rng.permutation(len(xn))]
    db = DBSCAN(eps=0.35, min_samples=6).fit(xn).labels_
    assert (db == -1).sum() > 10 and db.max() >= 2
    out.append(labelling("dbscan-noise-as-cluster", xn, db))
    noise_excluded = labelling("dbscan-noise-excluded", xn[db != -1], db[db != -1])
    noise_excluded["rowsKept"] = np.where(db != -1)[0].tolist()
    out.append(noise_excluded)

    xs = rng.normal(size=(40, 2))
    ys = np.repeat([0, 1, 2], [20, 18, 2])
    # Two one-row clusters. Their rows get dyadic coordinates because sklearn measures distances with the
    # expansion |x|^2 - 2 x.y + |y|^2, whose rounding can put a row up to ~1e-8 away from itself (its
    # own centroid) and so give a one-row cluster a Davies-Bouldin spread of ~1e-8 instead of 0; for
    # dyadic coordinates the expansion is exact, and the fixture tests the rule, not that rounding.
    ys[5], xs[5] = 3, [0.5, -1.25]
    ys[30], xs[30] = 4, [1.75, 0.25]
    out.append(labelling("singletons", xs, ys))

    x6, y6 = make_blobs(n_samples=400, centers=5, n_features=6, cluster_std=2.0, random_state=7)
    out.append(labelling("6d-odd-label-values", x6, np.array([7, -3, 42, 0, 1000])[y6]))
    return out


def coincident_centroids():
    # Clusters 0 and 1 are the points (±1, 0) and (0, ±2): both centroids are exactly (0, 0), so sklearn
    # turns their zero centroid distance into inf. Cluster 2 sits at (5, 5) ± 0.5.
    x = np.array(
        [[1, 0], [-1, 0], [0, 2], [0, -2], [5.5, 5], [4.5, 5], [5, 5.5], [5, 4.5]],
        dtype=float,
    )
    y = np.array([0, 0, 1, 1, 2, 2, 2, 2])
    return {
        "rows": 8,
        "cols": 2,
        "data": x.ravel().tolist(),
        "labels": y.tolist(),
        "daviesBouldin": float(davies_bouldin_score(x, y)),
    }


def ari_pairs():
    rng = np.random.RandomState(8)
    pairs = []

    def add(name, a, b):
        a, b = list(a), list(b)
        pairs.append({"name": name, "labelsTrue": a, "labelsPred": b, "ari": float(adjusted_rand_score(a, b))})

    add("random-4-vs-6", rng.randint(0, 4, 500).tolist(), rng.randint(0, 6, 500).tolist())
    x, y = make_blobs(n_samples=300, centers=3, n_features=2, cluster_std=1.2, random_state=4)
    add("blobs-true-vs-kmeans-5", y.tolist(), KMeans(n_clusters=5, n_init=10, random_state=0).fit(x).labels_.tolist())
    archetypes = np.array(["bargain hunter", "loyal regular", "big spender", "one-off", "lapsed"])
    truth = archetypes[rng.randint(0, 5, 400)]
    pred = np.where(rng.uniform(size=400) < 0.7, np.searchsorted(np.sort(archetypes), truth), rng.randint(-1, 5, 400))
    add("archetype-strings-vs-dbscan", truth.tolist(), pred.tolist())
    add(
        "negative-and-large-integers",
        rng.choice([-5, 0, 10**9, 3], 300).tolist(),
        rng.choice([-1, 2**31 - 1, 17], 300).tolist(),
    )
    add("one-cluster-vs-all-singletons", [0] * 50, list(range(50)))
    return pairs


def million_row_formulas():
    i = np.arange(1_000_000, dtype=np.int64)
    block = i // 20_000
    out = []
    true = block
    pred = np.where(i % 97 == 0, -1, np.where(i % 20_000 < 17_000, block, (block * 3 + i % 5) % 50))
    out.append(
        {
            "name": "blocks-with-reassigned-tails",
            "formula": "true = floor(i / 20000); pred = i % 97 == 0 ? -1 : i % 20000 < 17000 ? floor(i / 20000)"
            " : (3 * floor(i / 20000) + i % 5) % 50; i = 0 … 999999",
            "ari": float(adjusted_rand_score(true, pred)),
        }
    )
    true = i // 1000
    pred = np.where(i % 100_003 == 0, -1, i // 1000)
    out.append(
        {
            "name": "near-identical",
            "formula": "true = floor(i / 1000); pred = i % 100003 == 0 ? -1 : floor(i / 1000); i = 0 … 999999",
            "ari": float(adjusted_rand_score(true, pred)),
        }
    )
    return out


def main():
    fixture = {
        "generatedBy": "/usr/bin/python3 scripts/reference/metrics.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "labellings": labellings(),
        "coincidentCentroids": coincident_centroids(),
        "ariPairs": ari_pairs(),
        "ariMillionRows": million_row_formulas(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    for c in fixture["labellings"]:
        print(f"{c['name']}: silhouette {c['silhouetteScore']:.6f}, Davies–Bouldin {c['daviesBouldin']:.6f}")
    print(f"coincident centroids: Davies–Bouldin {fixture['coincidentCentroids']['daviesBouldin']:.6f}")
    for p in fixture["ariPairs"] + fixture["ariMillionRows"]:
        print(f"ARI {p['name']}: {p['ari']!r}")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
