#!/usr/bin/python3
"""Reference values for lib/analytics/logistic-regression.test.ts, linear-svm.test.ts and
classification-metrics.test.ts.

Regenerate (Debian's python3-sklearn 1.2.1 with numpy and scipy; fixed seeds, reproducible):

    /usr/bin/python3 scripts/reference/classification.py

writes lib/analytics/fixtures/classification.json:
  datasets      small binary problems (inputs rounded to 4 decimals before anything is fitted, so the
                TypeScript side fits exactly the numbers sklearn fitted); "sampleWeight" where used
  logistic      LogisticRegression(penalty="l2", tol=1e-10, max_iter=100000) coef and intercept per
                dataset and setting (C, class_weight, sample_weight), twice:
                  "coef", "intercept": solver="newton-cholesky" (new in 1.2), which stops on the
                    gradient; the script asserts it is within 1e-8 of an independent Newton refinement
                    of the same objective written here (newton_refine);
                  "lbfgsCoef", "lbfgsIntercept": solver="lbfgs". With tol=1e-10 lbfgs still stops
                    on scipy's relative decrease of the objective (ftol = 64 eps, not settable through
                    sklearn) after ~10 iterations, up to 2e-2 from the minimiser (C=100); "lbfgsGap"
                    records that distance, so tests can check ours is at least as close
  svm           LinearSVC(loss="hinge", dual=True, tol=1e-8, max_iter=100000) coef, intercept and
                decision values (intercept_scaling=1, so the intercept is penalised as in liblinear)
  sigmoid       sklearn.calibration._sigmoid_calibration(F, y[, sample_weight]) -> (a, b) on fixed
                decision values F (LinearSVC's, rounded to 4 decimals; y is the named dataset's). sklearn minimises with scipy's fmin_bfgs (gtol=1e-5 on the summed
                objective), so "a", "b" are sklearn's and "tightA", "tightB" the same objective
                minimised by Newton's method to a gradient of 1e-12
  metrics       score vectors with ties: roc_auc_score, roc_curve (drop_intermediate=True),
                precision_recall_curve, average_precision_score, confusion_matrix / accuracy /
                precision / recall / f1 at thresholds (predicted positive iff prob >= threshold),
                log_loss (eps="auto", labels=[0, 1]), brier_score_loss, calibration_curve (uniform and
                quantile)
"""

import json
import warnings
from pathlib import Path

import numpy as np
import scipy
import sklearn
from scipy.special import expit
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight

OUT = Path(__file__).resolve().parents[2] / "lib" / "analytics" / "fixtures" / "classification.json"


def r4(x):
    return np.round(np.asarray(x, dtype=np.float64), 4)


def datasets():
    out = {}
    x, y = make_classification(n_samples=300, n_features=5, n_informative=3, n_redundant=1, random_state=0)
    out["overlap"] = (r4(x), y, None)
    x, y = make_classification(
        n_samples=400, n_features=8, n_informative=4, weights=[0.85], flip_y=0.03, random_state=1
    )
    out["imbalanced"] = (r4(x), y, None)
    # Customer-like scales: columns of very different size and offset (spend, counts, days).
    x, y = make_classification(n_samples=250, n_features=4, n_informative=3, n_redundant=0, random_state=2)
    out["scaled"] = (r4(x * np.array([50.0, 2.0, 0.1, 10.0]) + np.array([100.0, 5.0, 0.0, -20.0])), y, None)
    rng = np.random.RandomState(3)
    x, y = make_classification(n_samples=200, n_features=3, n_informative=2, n_redundant=0, random_state=3)
    sw = r4(rng.uniform(0.2, 3.0, size=200))
    sw[rng.choice(200, 10, replace=False)] = 0.0
    out["weighted"] = (r4(x), y, sw)
    return out


def newton_refine(x, y, sw, c, coef, intercept, cw=None):
    """Newton's method on C * sum(w_i logloss_i) + |coef|^2 / 2 from sklearn's solution."""
    n, d = x.shape
    w = np.ones(n) if sw is None else sw.copy()
    if cw is not None:
        w = w * np.where(y == 1, cw[1], cw[0])
    xa = np.hstack([x, np.ones((n, 1))])
    beta = np.r_[coef, intercept]
    for _ in range(50):
        p = expit(xa @ beta)
        g = c * xa.T @ (w * (p - y)) + np.r_[beta[:d], 0.0]
        if np.max(np.abs(g)) < 1e-11:
            break
        h = c * (xa.T * (w * p * (1 - p))) @ xa + np.diag(np.r_[np.ones(d), 0.0])
        beta = beta - np.linalg.solve(h, g)
    return beta[:d], beta[d]


def logistic(data):
    out = []
    settings = [
        ("overlap", 1.0, None, False),
        ("overlap", 0.01, None, False),
        ("imbalanced", 0.5, "balanced", False),
        ("imbalanced", 100.0, None, False),
        ("scaled", 1.0, None, False),
        ("weighted", 2.0, None, True),
        ("weighted", 1.0, "balanced", True),
    ]
    for name, c, cw, use_sw in settings:
        x, y, sw = data[name]
        sample_weight = sw if use_sw else None
        fits = {}
        for solver in ("newton-cholesky", "lbfgs"):
            m = LogisticRegression(penalty="l2", C=c, class_weight=cw, solver=solver, tol=1e-10, max_iter=100000)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # newton-cholesky's "Line Search failed" at machine precision
                fits[solver] = m.fit(x, y, sample_weight=sample_weight)
        m, lb = fits["newton-cholesky"], fits["lbfgs"]
        weights = None if cw is None else compute_class_weight(cw, classes=np.array([0, 1]), y=y)
        ncoef, nint = newton_refine(x, y, sample_weight, c, m.coef_[0], m.intercept_[0], weights)
        gap = max(np.max(np.abs(ncoef - m.coef_[0])), abs(nint - m.intercept_[0]))
        assert gap < 1e-8, (name, c, cw, gap)
        lbfgs_gap = max(np.max(np.abs(lb.coef_[0] - m.coef_[0])), abs(lb.intercept_[0] - m.intercept_[0]))
        out.append(
            {
                "dataset": name,
                "C": c,
                "classWeight": cw,
                "sampleWeight": use_sw,
                "coef": m.coef_[0].tolist(),
                "intercept": float(m.intercept_[0]),
                "lbfgsCoef": lb.coef_[0].tolist(),
                "lbfgsIntercept": float(lb.intercept_[0]),
                "lbfgsGap": float(lbfgs_gap),
            }
        )
    return out


def svm(data):
    out = []
    for name, c, cw in [("overlap", 1.0, None), ("overlap", 0.05, None), ("imbalanced", 0.5, "balanced"), ("scaled", 0.01, None)]:
        x, y, _ = data[name]
        m = LinearSVC(loss="hinge", dual=True, C=c, class_weight=cw, tol=1e-8, max_iter=100000, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ConvergenceWarning would make the reference worthless
            m.fit(x, y)
        out.append(
            {
                "dataset": name,
                "C": c,
                "classWeight": cw,
                "coef": m.coef_[0].tolist(),
                "intercept": float(m.intercept_[0]),
                "decision": m.decision_function(x).tolist(),
                "nIter": int(m.n_iter_),
            }
        )
    return out


def tight_sigmoid(f, y, sw=None):
    """Newton's method on the objective of _sigmoid_calibration, to a gradient of 1e-12."""
    w = np.ones_like(f) if sw is None else sw
    prior0 = w[y <= 0].sum()
    prior1 = w[y > 0].sum()
    t = np.where(y > 0, (prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0))
    ab = np.array([0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))])
    for _ in range(100):
        p = expit(-(ab[0] * f + ab[1]))
        g = np.array([np.dot(w * (t - p), f), np.sum(w * (t - p))])
        if np.max(np.abs(g)) < 1e-12:
            break
        q = w * p * (1 - p)
        h = np.array([[np.dot(q, f * f), np.dot(q, f)], [np.dot(q, f), q.sum()]])
        ab = ab - np.linalg.solve(h, g)
    return ab


def sigmoid(data, svm_refs):
    out = []
    rng = np.random.RandomState(9)
    for ref in svm_refs[:3]:
        x, y, _ = data[ref["dataset"]]
        f = r4(ref["decision"])
        for use_sw in (False, True):
            sw = r4(rng.uniform(0.5, 2.0, size=len(y))) if use_sw else None
            a, b = _sigmoid_calibration(f, y, sw)
            ta, tb = tight_sigmoid(f, y, sw)
            out.append(
                {
                    "name": f"{ref['dataset']}-C{ref['C']}" + ("-weighted" if use_sw else ""),
                    "dataset": ref["dataset"],
                    "decision": f.tolist(),
                    "sampleWeight": None if sw is None else sw.tolist(),
                    "a": float(a),
                    "b": float(b),
                    "tightA": float(ta),
                    "tightB": float(tb),
                }
            )
    return out


def metric_case(name, y, prob):
    y = np.asarray(y)
    prob = np.asarray(prob, dtype=np.float64)
    fpr, tpr, thr = roc_curve(y, prob)
    prec, rec, pthr = precision_recall_curve(y, prob)
    at = []
    for t in (0.3, 0.5, 0.7):
        pred = (prob >= t).astype(int)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zero_division warnings: the value is 0, as recorded
            at.append(
                {
                    "threshold": t,
                    "confusion": confusion_matrix(y, pred, labels=[0, 1]).ravel().tolist(),  # tn, fp, fn, tp
                    "accuracy": accuracy_score(y, pred),
                    "precision": precision_score(y, pred, zero_division=0),
                    "recall": recall_score(y, pred, zero_division=0),
                    "f1": f1_score(y, pred, zero_division=0),
                }
            )
    calib = []
    for strategy in ("uniform", "quantile"):
        for n_bins in (5, 10):
            pt, pp = calibration_curve(y, prob, n_bins=n_bins, strategy=strategy)
            calib.append({"strategy": strategy, "nBins": n_bins, "fractionPositive": pt.tolist(), "meanPredicted": pp.tolist()})
    return {
        "name": name,
        "y": y.tolist(),
        "prob": prob.tolist(),
        "rocAuc": roc_auc_score(y, prob),
        "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()},
        "averagePrecision": average_precision_score(y, prob),
        "pr": {"precision": prec.tolist(), "recall": rec.tolist(), "thresholds": pthr.tolist()},
        "atThreshold": at,
        "logLoss": log_loss(y, prob, labels=[0, 1]),
        "brier": brier_score_loss(y, prob),
        "calibration": calib,
    }


def metrics():
    rng = np.random.RandomState(21)
    out = []
    # Probabilities rounded to 1 decimal: many ties, and values exactly on the uniform bin edges.
    y = rng.binomial(1, 0.35, size=200)
    p = np.clip(np.round(expit(1.5 * (y - 0.5) + rng.normal(0, 1.2, size=200)), 1), 0, 1)
    out.append(metric_case("ties-1-decimal", y, p))
    # Continuous probabilities with some exact 0 and 1 (log-loss clipping) and a few repeated values.
    y = rng.binomial(1, 0.5, size=300)
    p = r4(expit(2.0 * (y - 0.5) + rng.normal(0, 1.5, size=300)))
    p[:5] = 0.0
    p[5:10] = 1.0
    p[10:40] = p[40:70]
    out.append(metric_case("continuous-with-extremes", y, p))
    # Rare positives (5 %), a typical churn rate.
    y = (rng.uniform(size=400) < 0.05).astype(int)
    p = r4(expit(-3 + 2.5 * y + rng.normal(0, 1, size=400)))
    out.append(metric_case("rare-positives", y, p))
    # A perfect ranking and a reversed one.
    out.append(metric_case("perfect", [0, 0, 1, 1, 1], [0.1, 0.2, 0.7, 0.8, 0.9]))
    out.append(metric_case("reversed", [1, 1, 0, 0], [0.1, 0.2, 0.7, 0.8]))
    return out


def main():
    data = datasets()
    svm_refs = svm(data)
    out = {
        "generator": "scripts/reference/classification.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "datasets": {
            name: {
                "rows": x.shape[0],
                "cols": x.shape[1],
                "data": x.ravel().tolist(),
                "y": y.tolist(),
                "sampleWeight": None if sw is None else sw.tolist(),
            }
            for name, (x, y, sw) in data.items()
        },
        "logistic": logistic(data),
        "svm": svm_refs,
        "sigmoid": sigmoid(data, svm_refs),
        "metrics": metrics(),
    }
    text = json.dumps(out, separators=(",", ":"))
    OUT.write_text(text + "\n")
    print(f"wrote {OUT} ({len(text) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
