#!/usr/bin/python3
"""Reference values for lib/analytics/{special,optimize,bgnbd,gamma-gamma,clv}.test.ts.

Regenerate (Debian's python3-scipy 1.10 / numpy 1.24 / mpmath; fixed seeds, so reproducible):

    /usr/bin/python3 scripts/reference/bgnbd.py

writes lib/analytics/fixtures/bgnbd.json:
  lnGamma       scipy.special.gammaln at points from 1e-8 to 1e6
  hyp2f1        scipy.special.hyp2f1 (checked against mpmath.hyp2f1 to 1e-12 here) at BG/NBD-like
                arguments, z from -50 to 0.99 (z < 0 exercises the Pfaff transformation)
  nelderMead    scipy.optimize.minimize(method="Nelder-Mead") with default options on Rosenbrock
                and on a 4-D quadratic: x, fun, nit, nfev
  synthetic     300 customers drawn from a BG/NBD (numpy seed 5): per-customer log-likelihood at
                fixed parameters, and the MLE over the log-parameters (Nelder-Mead, tight tolerances,
                then BFGS from there; the better kept)
  cdnow         the CDNOW sample of Fader, Hardie & Lee (2005): x, t_x, T (weeks, 39-week
                calibration) and zbar (mean repeat-transaction value) of 2,357 customers, read from
                scripts/reference/data/cdnow_customers_summary_with_transactions.csv (the file the
                `lifetimes` package ships as lifetimes/datasets/), with the scipy MLEs of the BG/NBD and
                of the Gamma-Gamma (946 repeat customers), and predictions at the BG/NBD MLE:
                conditional expected purchases (eq. 10), P(alive), unconditional E[X(t)] (eq. 9), the
                Gamma-Gamma expected spend and the 12-month CLV (30-day months, 1% monthly discount)
"""

import csv
import json
import os

import mpmath
import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "lib", "analytics", "fixtures", "bgnbd.json")
CDNOW = os.path.join(HERE, "data", "cdnow_customers_summary_with_transactions.csv")


def bgnbd_ll(params, x, tx, T):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


def gg_ll(params, x, m):
    p, q, v = params
    return (
        gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(v + x * m)
    )


def mle(nll, x0):
    """Nelder-Mead with tight tolerances, restarted, then BFGS; the lowest -LL kept."""
    best = minimize(nll, x0, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000, maxfev=40000))
    for _ in range(3):
        nxt = minimize(nll, best.x, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000, maxfev=40000))
        if nxt.fun < best.fun:
            best = nxt
    bfgs = minimize(nll, best.x, method="BFGS", options=dict(gtol=1e-9))
    if bfgs.fun < best.fun:
        best = bfgs
    return best


def fit_bgnbd(x, tx, T):
    nll = lambda th: -np.sum(bgnbd_ll(np.exp(th), x, tx, T))
    res = mle(nll, np.array([0.0, np.log(np.mean(T)), 0.0, 0.0]))
    r, alpha, a, b = np.exp(res.x)
    return dict(r=r, alpha=alpha, a=a, b=b, logLikelihood=-res.fun)


def cond_expected(params, t, x, tx, T):
    r, alpha, a, b = params
    head = (a + b + x - 1) / (a - 1)
    f = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return head * bracket / den


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def uncond_expected(params, t):
    r, alpha, a, b = params
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def simulate_bgnbd(params, T, rng):
    r, alpha, a, b = params
    n = len(T)
    x = np.zeros(n)
    tx = np.zeros(n)
    for i in range(n):
        lam = rng.gamma(r, 1 / alpha)
        p = rng.beta(a, b)
        t = 0.0
        while True:
            t += rng.exponential(1 / lam)
            if t > T[i]:
                break
            x[i] += 1
            tx[i] = t
            if rng.random() < p:
                break
    return x, np.round(tx, 4), T


def r4(v):
    return [round(float(u), 4) for u in v]


def main():
    out = {"scipy": scipy.__version__, "numpy": np.__version__}

    xs = [1e-8, 1e-3, 0.1, 0.25, 0.5, 0.9, 0.999, 1.0, 1.001, 1.5, 1.999, 2.0, 2.5, 3.7, 7.25, 10.0, 33.3,
          100.5, 171.6, 1000.25, 12345.678, 1e6]
    out["lnGamma"] = [{"x": x, "value": float(gammaln(x))} for x in xs]

    cases = []
    for a, b, c in [(0.2426, 2.4259, 2.2188), (1.2426, 3.4259, 3.2188), (10.24, 12.43, 12.22), (30.5, 35.1, 34.8),
                    (0.5, 1.5, 2.5), (2.0, 3.0, 4.5), (6.25, 3.74, 5.1)]:
        for z in [-50.0, -5.0, -0.9, -0.3, 0.0, 0.05, 0.3, 0.6, 0.9, 0.99]:
            v = float(hyp2f1(a, b, c, z))
            ref = float(mpmath.hyp2f1(a, b, c, z))
            assert abs(v - ref) <= 1e-12 * max(1.0, abs(ref)), (a, b, c, z, v, ref)
            cases.append({"a": a, "b": b, "c": c, "z": z, "value": v})
    out["hyp2f1"] = cases

    rosen = lambda p: sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1 - p[:-1]) ** 2)
    nm = []
    for name, fun, x0 in [
        ("rosenbrock", rosen, [-1.2, 1.0]),
        ("quadratic4", lambda p: float(np.sum((np.arange(1, 5) * (p - np.array([1.0, -2.0, 0.5, 3.0]))) ** 2)),
         [0.0, 0.0, 0.0, 0.0]),
    ]:
        res = minimize(fun, np.array(x0), method="Nelder-Mead")
        nm.append({"name": name, "x0": x0, "x": list(res.x), "fun": float(res.fun), "nit": int(res.nit),
                   "nfev": int(res.nfev)})
    out["nelderMead"] = nm

    rng = np.random.RandomState(5)
    truth = (0.6, 8.0, 0.9, 3.0)
    T = np.round(rng.uniform(5, 40, 300), 4)
    x, tx, T = simulate_bgnbd(truth, T, rng)
    at = (0.5, 6.0, 1.2, 2.5)
    out["synthetic"] = {
        "truth": truth, "frequency": r4(x), "recency": r4(tx), "T": r4(T),
        "at": {"r": at[0], "alpha": at[1], "a": at[2], "b": at[3]},
        "logLikelihoodPerCustomer": list(bgnbd_ll(at, x, tx, T)),
        "mle": fit_bgnbd(x, tx, T),
    }

    with open(CDNOW) as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["x"]) for r in rows])
    tx = np.array([float(r["t_x"]) for r in rows])
    T = np.array([float(r["T"]) for r in rows])
    z = np.array([float(r["zbar"]) for r in rows])
    bg = fit_bgnbd(x, tx, T)
    rep = x > 0
    gnll = lambda th: -np.sum(gg_ll(np.exp(th), x[rep], z[rep]))
    gres = mle(gnll, np.array([0.0, 0.0, np.log(np.mean(z[rep]))]))
    params = (bg["r"], bg["alpha"], bg["a"], bg["b"])
    picks = [0, 1, 2, 5, 16, 45, 156, 324, 1900]  # rows with x = 2, 1, 0, 7, 10, 12, 29, 25, 21
    out["cdnow"] = {
        "source": "lifetimes/datasets/cdnow_customers_summary_with_transactions.csv (CamDavidsonPilon/lifetimes)",
        "frequency": [int(v) for v in x], "recency": list(tx), "T": list(T), "monetary": list(z),
        "bgnbd": bg,
        "gammaGamma": dict(zip(["p", "q", "gamma"], np.exp(gres.x))) | {"logLikelihood": -gres.fun},
        "predictions": [
            {"row": i, "x": x[i], "tx": tx[i], "T": T[i],
             "expected": {str(t): float(cond_expected(params, t, x[i], tx[i], T[i])) for t in (1, 10, 39, 52, 520)},
             "pAlive": float(p_alive(params, x[i], tx[i], T[i]))}
            for i in picks
        ],
        "unconditional": {str(t): float(uncond_expected(params, t)) for t in (1, 10, 39, 78, 520)},
    }
    # CLV as lifetimes' customer_lifetime_value, 12 months of 30 days (30/7 weeks), 1% a month.
    gp, gq, gv = np.exp(gres.x)
    step = 30 / 7
    for pred in out["cdnow"]["predictions"]:
        i = pred["row"]
        value = gp * (gv + x[i] * z[i]) / (gp * x[i] + gq - 1) if x[i] > 0 else gv * gp / (gq - 1)
        clv = 0.0
        for k in range(1, 13):
            e1 = cond_expected(params, k * step, x[i], tx[i], T[i])
            e0 = cond_expected(params, (k - 1) * step, x[i], tx[i], T[i]) if k > 1 else 0.0
            clv += (e1 - e0) * value / 1.01 ** k
        pred["monetary"] = z[i]
        pred["expectedValue"] = float(value)
        pred["clv12"] = float(clv)

    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")
    print("cdnow bgnbd", bg)
    print("cdnow gamma-gamma", out["cdnow"]["gammaGamma"])
    print("synthetic mle", out["synthetic"]["mle"])


if __name__ == "__main__":
    main()
