#!/usr/bin/python3
"""Reference values for lib/analytics/linear-models.test.ts, regression-metrics.test.ts and
permutation-importance.test.ts.

Regenerate (Debian's python3-sklearn 1.2.1 and numpy 1.24.2; fixed seeds, so the output is reproducible):

    /usr/bin/python3 scripts/reference/regression.py

writes lib/analytics/fixtures/regression.json:
  datasets      small regression problems, inputs and targets rounded to 4 decimals before anything is
                fitted, so that the TypeScript side fits exactly the numbers sklearn fitted:
                  "spend"     300×6, features on very different scales and offsets, two of them unused
                              by the target (a customer-spend-like problem)
                  "collinear" 80×3 with column 2 exactly 2 × column 0 (rank 2)
                  "duplicate" 80×3 with column 2 an exact copy of column 1 (rank 2)
  linear        LinearRegression().fit: coef_, intercept_, per dataset
  ridge         Ridge(alpha).fit (solver "auto" = Cholesky here) for several alphas
  lasso         Lasso(alpha, tol=1e-10, max_iter=100000).fit: coef_, intercept_, n_iter_, dual_gap_, for
                several alphas including alpha_max (all zeros) and alphas that zero some coefficients
  lassoGrid     LassoCV(n_alphas, eps).alphas_ (sklearn's _alpha_grid: log-spaced from alpha_max down
                to eps · alpha_max) and alpha_max = max_j |x_jᵀ(y − ȳ)| / n on centred x
  metrics       mean_squared_error(squared=False), mean_absolute_error, r2_score on prediction pairs,
                including constant targets (r2_score's force_finite rule: 1 if perfect, else 0)
  permutation   permutation_importance(LinearRegression on "spend", scoring=r2, n_repeats, random_state)
                together with the row permutations it applied, recomputed from the same RandomState
                (one seed drawn from random_state, the same fresh RandomState(seed) for every column,
                shuffles compounding over the repeats); the script checks that replaying those
                permutations reproduces sklearn's importances before writing them
"""

import json
import os

import numpy as np
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.linear_model import Lasso, LassoCV, LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "analytics", "fixtures", "regression.json")


def r4(x):
    return np.round(np.asarray(x, dtype=np.float64), 4)


def datasets():
    rng = np.random.RandomState(42)
    out = {}
    n = 300
    # Customer-like features: recency (days), frequency, monetary (large offset), a ratio in [0, 1],
    # and two noise columns the target does not use.
    recency = rng.exponential(60.0, n)
    frequency = rng.poisson(4.0, n).astype(float) + rng.uniform(0, 1, n)
    monetary = 1000.0 + rng.lognormal(4.0, 0.7, n)
    ratio = rng.uniform(0, 1, n)
    noise1 = rng.normal(0, 5, n)
    noise2 = rng.normal(100, 0.01, n)
    x = r4(np.column_stack([recency, frequency, monetary, ratio, noise1, noise2]))
    y = r4(20.0 - 0.15 * x[:, 0] + 3.0 * x[:, 1] + 0.02 * x[:, 2] + 12.0 * x[:, 3] + rng.normal(0, 4.0, n))
    out["spend"] = (x, y)

    m = 80
    a = r4(rng.normal(0, 1, (m, 2)))
    x = np.column_stack([a[:, 0], a[:, 1], 2.0 * a[:, 0]])  # exact: scaling by 2 is exact in binary
    y = r4(1.5 + 2.0 * a[:, 0] - 1.0 * a[:, 1] + rng.normal(0, 0.1, m))
    out["collinear"] = (x, y)

    b = r4(rng.normal(5, 2, (m, 2)))
    x = np.column_stack([b[:, 0], b[:, 1], b[:, 1]])
    y = r4(-3.0 + 0.5 * b[:, 0] + 4.0 * b[:, 1] + rng.normal(0, 0.2, m))
    out["duplicate"] = (x, y)
    return out


def alpha_max(x, y):
    xc = x - x.mean(axis=0)
    return float(np.max(np.abs(xc.T @ (y - y.mean()))) / x.shape[0])


def model_entry(m, **extra):
    return {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), **extra}


def compounded_permutations(random_state, n, n_repeats):
    """The row order of the permuted column after each repeat, as sklearn 1.2 builds it."""
    seed = np.random.RandomState(random_state).randint(np.iinfo(np.int32).max + 1)
    rs = np.random.RandomState(seed)
    shuffling_idx = np.arange(n)
    current = np.arange(n)
    out = []
    for _ in range(n_repeats):
        rs.shuffle(shuffling_idx)
        # X[:, j] = X[shuffling_idx, j] applied to the previous column: compose.
        current = current[shuffling_idx]
        out.append(current.copy())
    return out


def main():
    data = datasets()
    linear = {name: model_entry(LinearRegression().fit(x, y)) for name, (x, y) in data.items()}

    ridge = []
    for name, alphas in [("spend", [0.01, 1.0, 100.0, 1e5]), ("collinear", [0.1, 10.0]), ("duplicate", [1.0])]:
        x, y = data[name]
        for alpha in alphas:
            ridge.append({"dataset": name, "alpha": alpha, **model_entry(Ridge(alpha=alpha).fit(x, y))})

    lasso = []
    for name in ["spend", "collinear"]:
        x, y = data[name]
        amax = alpha_max(x, y)
        for alpha, note in [
            (amax * 1e-4, "tiny alpha: close to OLS"),
            (amax * 0.01, "small alpha"),
            (amax * 0.2, "zeros some coefficients"),
            (amax * 0.7, "one coefficient left"),
            (amax, "alpha_max: all zeros"),
            (amax * 3.0, "above alpha_max: all zeros"),
        ]:
            m = Lasso(alpha=alpha, tol=1e-10, max_iter=100000).fit(x, y)
            lasso.append(
                {
                    "dataset": name,
                    "alpha": alpha,
                    "note": note,
                    **model_entry(m, nIter=int(m.n_iter_), dualGap=float(m.dual_gap_)),
                }
            )

    x, y = data["spend"]
    cv = LassoCV(n_alphas=12, eps=1e-3, cv=3).fit(x, y)
    lasso_grid = {"dataset": "spend", "nAlphas": 12, "eps": 1e-3, "alphaMax": alpha_max(x, y), "alphas": cv.alphas_.tolist()}

    rng = np.random.RandomState(5)
    metrics = []
    yt = r4(rng.normal(50, 20, 40))
    for name, yp in [
        ("noisy", r4(yt + rng.normal(0, 5, 40))),
        ("biased", r4(yt + 7.5)),
        ("worse than the mean", r4(rng.normal(50, 20, 40))),
        ("perfect", yt.copy()),
    ]:
        metrics.append({"name": name, "yTrue": yt.tolist(), "yPred": yp.tolist()})
    metrics.append({"name": "constant target, perfect", "yTrue": [3.0] * 5, "yPred": [3.0] * 5})
    metrics.append({"name": "constant target, imperfect", "yTrue": [3.0] * 5, "yPred": [3.0, 3.0, 4.0, 3.0, 2.5]})
    for m in metrics:
        t, p = np.array(m["yTrue"]), np.array(m["yPred"])
        m["rmse"] = float(mean_squared_error(t, p, squared=False))
        m["mae"] = float(mean_absolute_error(t, p))
        m["r2"] = float(r2_score(t, p))

    x, y = data["spend"]
    model = LinearRegression().fit(x, y)
    n_repeats, random_state = 4, 7
    pi = permutation_importance(model, x, y, scoring="r2", n_repeats=n_repeats, random_state=random_state)
    perms = compounded_permutations(random_state, x.shape[0], n_repeats)
    baseline = r2_score(y, model.predict(x))
    replay = np.zeros((x.shape[1], n_repeats))
    for j in range(x.shape[1]):
        for r, perm in enumerate(perms):
            xp = x.copy()
            xp[:, j] = x[perm, j]
            replay[j, r] = baseline - r2_score(y, model.predict(xp))
    assert np.allclose(replay, pi.importances, rtol=0, atol=1e-12), "replayed permutations differ from sklearn"
    permutation = {
        "dataset": "spend",
        "nRepeats": n_repeats,
        "randomState": random_state,
        "permutations": [p.tolist() for p in perms],
        "baseline": float(baseline),
        "importances": pi.importances.tolist(),
        "importancesMean": pi.importances_mean.tolist(),
        "importancesStd": pi.importances_std.tolist(),
    }

    out = {
        "generator": "scripts/reference/regression.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "datasets": {
            name: {"rows": int(x.shape[0]), "cols": int(x.shape[1]), "data": x.ravel().tolist(), "y": y.tolist()}
            for name, (x, y) in data.items()
        },
        "linear": linear,
        "ridge": ridge,
        "lasso": lasso,
        "lassoGrid": lasso_grid,
        "metrics": metrics,
        "permutation": permutation,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
