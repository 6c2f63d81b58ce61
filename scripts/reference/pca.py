#!/usr/bin/python3
"""Reference fixtures for lib/analytics/pca.ts: scikit-learn's PCA (svd_solver="full").

Regenerate (from the repository root, with Debian's python3-sklearn: scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 scripts/reference/pca.py

Writes lib/analytics/fixtures/pca.json. Deterministic (fixed seed). scikit-learn 1.2 fixes component signs
with svd_flip(U, Vt) (u-based: the largest |U| entry of each component is made positive); the fixture
records, per component, how clearly that entry wins (`signMargin`) so the test can demand the exact sign
only where round-off cannot flip the decision.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA

SEED = 7
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "analytics", "fixtures", "pca.json")


def mat(a):
    return [[float(v) for v in row] for row in np.asarray(a, dtype=np.float64)]


def vec(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64)]


def sign_margin(model, x):
    """Per component: (largest |u| - runner-up) / largest, u = centred scores (the sign decision's margin)."""
    scores = np.abs((x - model.mean_) @ model.components_.T)
    top = -np.sort(-scores, axis=0)
    return vec((top[0] - top[1]) / top[0])


def fitted(model, x):
    return {
        "nComponents": int(model.n_components_),
        "mean": vec(model.mean_),
        "components": mat(model.components_),
        "explainedVariance": vec(model.explained_variance_),
        "explainedVarianceRatio": vec(model.explained_variance_ratio_),
        "singularValues": vec(model.singular_values_),
        "signMargin": sign_margin(model, x),
    }


def main():
    rng = np.random.default_rng(SEED)

    # Three latent factors seen through six noisy, offset features of comparable scale (as after
    # StandardScaler): distinct eigenvalues, so every component is determined up to sign.
    n, d = 200, 6
    loadings = rng.normal(size=(3, d))
    factors = rng.normal(size=(n, 3)) * np.array([3.0, 2.0, 1.0])
    x = factors @ loadings + rng.normal(scale=0.3, size=(n, d)) + np.array([5.0, -2.0, 0.0, 10.0, 1.0, -7.0])
    x_new = rng.normal(size=(3, d)) * 2.0
    full = PCA(svd_solver="full").fit(x)
    full_case = fitted(full, x)
    full_case.update({"x": mat(x), "transformed": mat(full.transform(x)), "xNew": mat(x_new)})
    full_case["transformedNew"] = mat(full.transform(x_new))

    # Unscaled features spanning five orders of magnitude, truncated to two components: the case the
    # covariance route is weakest on (the eigenvalues spread over ~1e8).
    scales = np.array([1.0, 10.0, 100.0, 0.1, 1.0, 1000.0])
    x_mixed = (rng.normal(size=(n, 2)) @ rng.normal(size=(2, d)) + rng.normal(scale=0.2, size=(n, d))) * scales
    trunc = PCA(n_components=2, svd_solver="full").fit(x_mixed)
    trunc_case = fitted(trunc, x_mixed)
    scores = trunc.transform(x_mixed)
    trunc_case.update(
        {"x": mat(x_mixed), "transformed": mat(scores), "reconstructed": mat(trunc.inverse_transform(scores))}
    )

    # A variance fraction in (0, 1) picks the smallest k whose cumulative ratio exceeds it (searchsorted
    # side="right", scikit-learn issue #15669).
    fractions = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]
    by_fraction = [
        {"fraction": f, "nComponents": int(PCA(n_components=f, svd_solver="full").fit(x).n_components_)}
        for f in fractions
    ]

    # Fewer samples than features: min(n, d) = 5 components, the last with a singular value at round-off
    # level (centring removes one dimension), so only the first four are determined.
    x_wide = rng.normal(size=(5, 8)) * np.arange(1.0, 9.0)
    wide = PCA(svd_solver="full").fit(x_wide)
    wide_case = fitted(wide, x_wide)
    wide_case["x"] = mat(x_wide)

    fixture = {
        "generator": "scripts/reference/pca.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "seed": SEED,
        "full": full_case,
        "truncated": trunc_case,
        "byFraction": by_fraction,
        "wide": wide_case,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
