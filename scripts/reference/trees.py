#!/usr/bin/python3
"""Reference values for lib/analytics/decision-tree.test.ts and gradient-boosting.test.ts.

Regenerate (Debian's python3-sklearn 1.2.1 and numpy; fixed seeds, so the output is reproducible):

    /usr/bin/python3 scripts/reference/trees.py

writes lib/analytics/fixtures/trees.json:
  cart      DecisionTreeClassifier(criterion="gini") / DecisionTreeRegressor(criterion="squared_error")
            fits, random_state=0: the whole tree (children, feature, threshold, value, impurity,
            n_node_samples, weighted_n_node_samples), feature_importances_ and predictions on the
            test rows. sklearn fits trees on float32, so the inputs are multiples of 1/16
            (exact in float32 and float64: both sides split the same numbers). The script checks that
            random_state 0..29 all give the same tree, i.e. no two features tie for a split (sklearn
            breaks such ties by its seeded feature order, which the TypeScript side does not copy).
  hgb       HistGradientBoostingClassifier(loss="log_loss") / Regressor(loss="squared_error") with
            early_stopping=False on a 5-feature dataset (inputs rounded to 4 decimals): training
            log-loss, test AUC and log-loss (regressor: RMSE); the binning differs in details, so only
            these summaries are compared (the TypeScript side reproduces numpy's percentiles, so they
            agree to rounding on these data).
  hgbExact  the same models on one feature with 200 distinct values (the bins are then the distinct
            values, so the TypeScript side can reproduce every split): predictions at each distinct value.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "analytics", "fixtures", "trees.json")


def r4(x):
    return np.round(np.asarray(x, dtype=np.float64), 4)


def grid16(x):
    """Multiples of 1/16: at most 4 decimals, exact in float32."""
    return np.round(np.asarray(x, dtype=np.float64) * 16) / 16


def tree_arrays(model, classifier):
    t = model.tree_
    value = t.value[:, 0, :]
    if classifier:
        value = value[:, 1] / value.sum(axis=1)
    else:
        value = value[:, 0]
    leaf = t.children_left < 0
    return {
        "feature": np.where(leaf, -1, t.feature).tolist(),
        "threshold": np.where(leaf, 0.0, t.threshold).tolist(),
        "left": t.children_left.tolist(),
        "right": t.children_right.tolist(),
        "value": value.tolist(),
        "impurity": t.impurity.tolist(),
        "nSamples": t.n_node_samples.tolist(),
        "weightedNSamples": t.weighted_n_node_samples.tolist(),
    }


def same_tree_for_every_seed(cls, x, y, params, sample_weight):
    ref = cls(random_state=0, **params).fit(x, y, sample_weight=sample_weight).tree_
    for seed in range(1, 30):
        t = cls(random_state=seed, **params).fit(x, y, sample_weight=sample_weight).tree_
        if not (
            np.array_equal(t.feature, ref.feature)
            and np.array_equal(t.threshold, ref.threshold)
            and np.array_equal(t.children_left, ref.children_left)
        ):
            return False
    return True


def cart_case(name, classifier, x, y, x_test, params, sample_weight=None):
    cls = DecisionTreeClassifier if classifier else DecisionTreeRegressor
    if not same_tree_for_every_seed(cls, x, y, params, sample_weight):
        raise Tie(name)
    m = cls(random_state=0, **params).fit(x, y, sample_weight=sample_weight)
    pred_test = m.predict_proba(x_test)[:, 1] if classifier else m.predict(x_test)
    return {
        "name": name,
        "classifier": classifier,
        "params": {k: v for k, v in params.items() if k != "class_weight"},
        "classWeight": params.get("class_weight"),
        "sampleWeight": None if sample_weight is None else sample_weight.tolist(),
        "tree": tree_arrays(m, classifier),
        "featureImportances": m.feature_importances_.tolist(),
        "predTest": pred_test.tolist(),
    }


class Tie(Exception):
    pass


def cart():
    # The first data seed whose every case is free of ties between features (see the docstring).
    for seed in range(100):
        try:
            return cart_for_seed(seed)
        except Tie:
            continue
    raise SystemExit("no tie-free data seed in 0..99")


def cart_for_seed(seed):
    rng = np.random.RandomState(seed)
    n, d = 300, 4
    x = grid16(rng.normal(0, 8, size=(n + 60, d)))
    score = 0.3 * x[:, 0] - 0.2 * x[:, 1] + 0.02 * x[:, 2] * x[:, 3] + rng.normal(0, 2, n + 60)
    y_bal = (score > 0).astype(np.int64)
    y_imb = (score > np.quantile(score, 0.75)).astype(np.int64)
    y_reg = r4(np.sin(x[:, 0] / 5) * 10 + 0.5 * x[:, 1] + 0.05 * x[:, 2] * x[:, 3] + rng.normal(0, 1, n + 60))
    sw = np.round(rng.uniform(0.2, 3.0, n + 60), 3)
    sw[[3, 50, 201]] = 0.0  # zero weights: sklearn leaves these rows out of the tree
    tr, te = slice(0, n), slice(n, n + 60)
    data = {"seed": seed, "x": x[tr].ravel().tolist(), "xTest": x[te].ravel().tolist(), "rows": n, "testRows": 60, "cols": d}
    data["yBalanced"] = y_bal[tr].tolist()
    data["yImbalanced"] = y_imb[tr].tolist()
    data["yRegression"] = y_reg[tr].tolist()
    cases = [
        cart_case("gini depth 3", True, x[tr], y_bal[tr], x[te], {"max_depth": 3}),
        cart_case("gini depth 4, min_samples_leaf 10", True, x[tr], y_bal[tr], x[te], {"max_depth": 4, "min_samples_leaf": 10}),
        cart_case(
            "gini depth 5, min_samples_split 30, min_impurity_decrease 0.005",
            True,
            x[tr],
            y_bal[tr],
            x[te],
            {"max_depth": 5, "min_samples_split": 30, "min_impurity_decrease": 0.005},
        ),
        cart_case(
            "gini depth 4, min_samples_leaf 5, sample weights (three zeros)",
            True,
            x[tr],
            y_bal[tr],
            x[te],
            {"max_depth": 4, "min_samples_leaf": 5},
            sample_weight=sw[tr],
        ),
        cart_case("gini depth 3, class_weight balanced", True, x[tr], y_imb[tr], x[te], {"max_depth": 3, "class_weight": "balanced"}),
        cart_case("squared_error depth 3", False, x[tr], y_reg[tr], x[te], {"max_depth": 3}),
        cart_case("squared_error depth 5, min_samples_leaf 4", False, x[tr], y_reg[tr], x[te], {"max_depth": 5, "min_samples_leaf": 4}),
        cart_case(
            "squared_error depth 4, min_samples_leaf 3, sample weights (three zeros)",
            False,
            x[tr],
            y_reg[tr],
            x[te],
            {"max_depth": 4, "min_samples_leaf": 3},
            sample_weight=sw[tr],
        ),
    ]
    return data, cases


def hgb():
    rng = np.random.RandomState(7)
    n, n_test, d = 800, 400, 5
    x = r4(rng.normal(size=(n + n_test, d)))
    logit = 1.2 * x[:, 0] - 0.8 * x[:, 1] ** 2 + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3] * x[:, 4] - 0.6
    y_cls = (rng.uniform(size=n + n_test) < 1 / (1 + np.exp(-2 * logit))).astype(np.int64)
    y_reg = r4(3 * np.sin(x[:, 0]) + x[:, 1] ** 2 + x[:, 2] * x[:, 3] + rng.normal(0, 0.5, n + n_test))
    tr, te = slice(0, n), slice(n, n + n_test)
    data = {
        "rows": n,
        "testRows": n_test,
        "cols": d,
        "x": x[tr].ravel().tolist(),
        "xTest": x[te].ravel().tolist(),
        "yClassifier": y_cls[tr].tolist(),
        "yClassifierTest": y_cls[te].tolist(),
        "yRegressor": y_reg[tr].tolist(),
        "yRegressorTest": y_reg[te].tolist(),
    }
    cases = []
    for params in [
        {},
        {"max_depth": 3, "l2_regularization": 1.0, "max_iter": 60},
        {"max_leaf_nodes": 8, "min_samples_leaf": 40, "learning_rate": 0.3, "max_iter": 40},
        {"class_weight": "balanced"},
    ]:
        m = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **params).fit(x[tr], y_cls[tr])
        p_tr = m.predict_proba(x[tr])[:, 1]
        p_te = m.predict_proba(x[te])[:, 1]
        cases.append(
            {
                "model": "classifier",
                "params": params,
                "trainLogLoss": log_loss(y_cls[tr], p_tr),
                "testLogLoss": log_loss(y_cls[te], p_te),
                "testAuc": roc_auc_score(y_cls[te], p_te),
            }
        )
    for params in [{}, {"max_depth": 3, "l2_regularization": 1.0, "max_iter": 60}]:
        m = HistGradientBoostingRegressor(early_stopping=False, random_state=0, **params).fit(x[tr], y_reg[tr])
        cases.append(
            {
                "model": "regressor",
                "params": params,
                "trainRmse": mean_squared_error(y_reg[tr], m.predict(x[tr])) ** 0.5,
                "testRmse": mean_squared_error(y_reg[te], m.predict(x[te])) ** 0.5,
            }
        )
    return data, cases


def hgb_exact():
    rng = np.random.RandomState(3)
    n = 500
    levels = np.sort(rng.choice(np.arange(-1000, 1000), size=200, replace=False)) / 100.0
    x = levels[rng.randint(0, 200, size=n)]
    y_cls = (rng.uniform(size=n) < 1 / (1 + np.exp(-np.sin(x / 2) * 3))).astype(np.int64)
    y_reg = r4(np.sin(x / 3) * 5 + 0.1 * x + rng.normal(0, 1, n))
    data = {"levels": levels.tolist(), "x": x.tolist(), "yClassifier": y_cls.tolist(), "yRegressor": y_reg.tolist()}
    cases = []
    for params in [{"max_iter": 20}, {"max_iter": 15, "max_depth": 2, "l2_regularization": 2.0, "min_samples_leaf": 10}]:
        for weighted in [False, True]:
            p = dict(params, class_weight="balanced") if weighted else params
            m = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **p).fit(x[:, None], y_cls)
            cases.append({"model": "classifier", "params": p, "predLevels": m.predict_proba(levels[:, None])[:, 1].tolist()})
        m = HistGradientBoostingRegressor(early_stopping=False, random_state=0, **params).fit(x[:, None], y_reg)
        cases.append({"model": "regressor", "params": params, "predLevels": m.predict(levels[:, None]).tolist()})
    return data, cases


def main():
    cart_data, cart_cases = cart()
    hgb_data, hgb_cases = hgb()
    exact_data, exact_cases = hgb_exact()
    out = {
        "sklearnVersion": sklearn.__version__,
        "cart": {"data": cart_data, "cases": cart_cases},
        "hgb": {"data": hgb_data, "cases": hgb_cases},
        "hgbExact": {"data": exact_data, "cases": exact_cases},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
