#!/usr/bin/python3
"""Reference fixtures for lib/analytics preprocessing: impute, winsorize, log1p, scalers, one-hot, feature selection.

Regenerate (from the repository root, with Debian's python3-sklearn: scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 scripts/reference/preprocessing.py

Writes lib/analytics/fixtures/preprocessing.json. The output is deterministic (fixed seed); the tests in
lib/analytics/{impute,winsorize,log1p,scalers,one-hot,feature-selection}.test.ts compare against it.

The dataset imitates per-customer features with very different scales: heavy-tailed revenue with two
outliers, an order count, a constant column (0.1, which is not exactly representable, so the computed
variance is round-off rather than an exact zero), net revenue almost collinear with revenue, a tiny-scale
rate and a negative balance that
falls with the order count. NaN marks missing values and is written as null (JSON has no NaN).
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.feature_selection import VarianceThreshold
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

SEED = 20240601
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "analytics", "fixtures", "preprocessing.json")


def mat(a):
    """A 2-D float array as nested lists, NaN as None."""
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(a, dtype=np.float64)]


def vec(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=np.float64)]


def main():
    rng = np.random.default_rng(SEED)
    n = 200

    revenue = rng.lognormal(mean=5.0, sigma=1.0, size=n)
    revenue[[3, 77]] = [25000.0, 40000.0]  # outliers that winsorizing should clip
    orders = rng.poisson(3.0, size=n).astype(np.float64)
    constant = np.full(n, 0.1)
    net_revenue = 0.9 * revenue + rng.normal(0.0, 5.0, size=n)  # |r| with revenue well above 0.95
    rate = rng.normal(0.002, 0.001, size=n)  # variance ~1e-6: dropped by a variance threshold of 1e-4
    # Negatively correlated with orders (r near -0.9): kept at |r| > 0.95, dropped at |r| > 0.8.
    balance = -10.0 - 2.5 * (orders - 3.0) / np.sqrt(3.0) + rng.normal(0.0, 1.2, size=n)
    x = np.column_stack([revenue, orders, constant, net_revenue, rate, balance])

    # Missing values: an even count of observed values in column 0 (190) and an odd one in column 1 (193)
    # exercise both branches of the median; column 4 has a single NaN, columns 2, 3 and 5 none.
    x_missing = x.copy()
    x_missing[rng.choice(n, 10, replace=False), 0] = np.nan
    x_missing[rng.choice(n, 7, replace=False), 1] = np.nan
    x_missing[17, 4] = np.nan
    x_new = np.array(
        [
            [np.nan, 2.0, 0.1, 100.0, np.nan, -9.0],
            [50.0, np.nan, 0.1, 45.0, 0.001, np.nan],
            [np.nan, np.nan, np.nan, np.nan, np.nan, np.nan],
        ]
    )

    impute = {"x": mat(x_missing), "xNew": mat(x_new)}
    for strategy, kwargs in [("mean", {}), ("median", {}), ("constant", {"fill_value": -1.0})]:
        imp = SimpleImputer(strategy=strategy, **kwargs).fit(x_missing)
        entry = {"statistics": vec(imp.statistics_), "transformedNew": mat(imp.transform(x_new))}
        if strategy == "mean":
            entry["transformed"] = mat(imp.transform(x_missing))
        impute[strategy] = entry

    # Winsorizing has no scikit-learn estimator: the bounds are numpy's default percentile (method="linear",
    # Hyndman & Fan type 7) and the clipping is np.clip.
    winsorize = {"x": mat(x), "cases": []}
    for lower, upper in [(5.0, 95.0), (1.0, 99.0), (0.0, 100.0), (12.5, 87.5)]:
        lo = np.percentile(x, lower, axis=0)
        hi = np.percentile(x, upper, axis=0)
        case = {"lower": lower, "upper": upper, "lowerBounds": vec(lo), "upperBounds": vec(hi)}
        if (lower, upper) == (5.0, 95.0):
            case["transformed"] = mat(np.clip(x, lo, hi))
        winsorize["cases"].append(case)
    # Percentiles of an odd-sized sample whose virtual index (n - 1) * q / 100 is fractional.
    sample = rng.normal(size=37)
    qs = [0.0, 1.0, 2.5, 10.0, 33.3, 50.0, 66.7, 90.0, 97.5, 99.0, 100.0]
    winsorize["percentiles"] = {"sample": vec(sample), "q": qs, "expected": vec(np.percentile(sample, qs))}

    log1p_columns = [0, 1, 4]
    x_log = x.copy()
    x_log[:, log1p_columns] = np.log1p(x_log[:, log1p_columns])
    log1p = {"x": mat(x), "columns": log1p_columns, "transformed": mat(x_log)}

    ss = StandardScaler().fit(x)
    standard = {
        "x": mat(x),
        "mean": vec(ss.mean_),
        "variance": vec(ss.var_),
        "scale": vec(ss.scale_),
        "transformed": mat(ss.transform(x)),
        "nSamplesSeen": int(ss.n_samples_seen_),
    }

    min_max = {"x": mat(x), "cases": []}
    x_out = np.array([[-100.0, 50.0, 0.1, 1e5, 0.5, 0.0], [1e6, -3.0, 0.2, -1.0, -0.5, -100.0]])
    for feature_range, clip in [((0.0, 1.0), False), ((-1.0, 1.0), False), ((0.0, 1.0), True)]:
        mm = MinMaxScaler(feature_range=feature_range, clip=clip).fit(x)
        case = {
            "featureRange": list(feature_range),
            "clip": clip,
            "dataMin": vec(mm.data_min_),
            "dataMax": vec(mm.data_max_),
            "dataRange": vec(mm.data_range_),
            "scale": vec(mm.scale_),
            "min": vec(mm.min_),
            "xOut": mat(x_out),
            "transformedOut": mat(mm.transform(x_out)),
        }
        if feature_range == (0.0, 1.0) and not clip:
            case["transformed"] = mat(mm.transform(x))
        min_max["cases"].append(case)

    # Categories include mixed case, CJK, a fullwidth letter (U+FF46) and an astral emoji (U+1F600): Python
    # sorts by code point, which puts the emoji after U+FF46, unlike JavaScript's default UTF-16 sort.
    cities = np.array(["上海", "北京", "深圳", "广州", "Zürich", "zebra", "Apple", "\uff46ull", "\U0001f600 fans", ""])
    channels = np.array(["web", "app", "store", "wechat"])
    cat = np.column_stack(
        [cities[rng.integers(0, len(cities), size=n)], channels[rng.integers(0, len(channels), size=n)]]
    ).astype(object)
    cat_new = np.array([["北京", "web"], ["Berlin", "app"], ["\U0001f600 fans", "fax"]], dtype=object)
    enc = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(cat)
    one_hot = {
        "columns": [list(cat[:, 0]), list(cat[:, 1])],
        "names": ["city", "channel"],
        "categories": [list(c) for c in enc.categories_],
        "featureNames": list(enc.get_feature_names_out(["city", "channel"])),
        "transformed": np.asarray(enc.transform(cat), dtype=int).tolist(),
        "columnsNew": [list(cat_new[:, 0]), list(cat_new[:, 1])],
        "transformedNew": np.asarray(enc.transform(cat_new), dtype=int).tolist(),
    }

    # Variance filter: scikit-learn's VarianceThreshold decides; the reported variances are np.var (ddof=0).
    # Correlation filter: np.corrcoef on the columns that pass, then the greedy rule of feature-selection.ts
    # (scan columns left to right, drop a column when |r| > threshold with an earlier column still kept,
    # naming the kept partner with the largest |r|), written out independently here.
    selection = {"x": mat(x), "variance": vec(np.var(x, axis=0)), "cases": []}
    for var_t, corr_t in [(0.0, 0.95), (1e-4, 0.95), (0.0, 0.8)]:
        support = VarianceThreshold(threshold=var_t).fit(x).get_support()
        after_var = [j for j in range(x.shape[1]) if support[j]]
        r = np.corrcoef(x[:, after_var], rowvar=False)
        kept_pos, dropped = [], []
        for b in range(len(after_var)):
            over = [(abs(r[a, b]), a) for a in kept_pos if abs(r[a, b]) > corr_t]
            if over:
                best = max(over, key=lambda t: (t[0], -t[1]))[1]
                dropped.append({"column": after_var[b], "partner": after_var[best], "r": float(r[best, b])})
            else:
                kept_pos.append(b)
        selection["cases"].append(
            {
                "varianceThreshold": var_t,
                "correlationThreshold": corr_t,
                "varianceSupport": [bool(s) for s in support],
                "correlation": mat(r),
                "correlationColumns": after_var,
                "kept": [after_var[p] for p in kept_pos],
                "droppedCorrelated": dropped,
            }
        )

    fixture = {
        "generator": "scripts/reference/preprocessing.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "seed": SEED,
        "impute": impute,
        "winsorize": winsorize,
        "log1p": log1p,
        "standardScaler": standard,
        "minMaxScaler": min_max,
        "oneHot": one_hot,
        "featureSelection": selection,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
