#!/usr/bin/python3
"""Golden drift reports: raw rows in, what scipy says about them out.

Run with Debian's python3-scipy:  /usr/bin/python3 tests/golden/drift_report_golden.py
It writes tests/golden/drift_report_golden.json next to itself; DriftReportGoldenTests reads that file, so CI needs
no Python. The seed is fixed, and was picked so that every verdict is clear (see below): rerunning the script
reproduces the file byte for byte on the same numpy and scipy.

Each scenario is a model's declared features, baseline rows and current rows (JSON objects, null for a missing
value), and the report DESIGN section 4 expects for them. Every statistic is computed here on the raw values:

- categorical and discrete features: Pearson's chi-square of the current counts against the baseline proportions
  (scipy.stats.chisquare), PSI (an empty proportion taken as 0.0001), Jensen-Shannon distance
  (scipy.spatial.distance.jensenshannon, natural log), Hellinger distance, and for two values the two-proportion
  z-test. The counts are aligned as src/Grains/Drift/Summaries/DriftInputs.cs aligns them: baseline categories
  (most frequent first, ties by name; a discrete feature's values ascending), then new categories (most frequent
  first), entries empty on both sides left out. A new category has expected count 0, so scipy's chi-square is
  infinite with p = 0; the report then holds the p-value and no statistic.
- numeric features: the raw two-sample KS statistic and p-value (ks_2samp) and the first Wasserstein distance
  divided by the baseline's np.std, which the binned report must approach; and, on the report's own bins (the
  baseline's 0 %, 1 %, ..., 100 % linear quantiles, equal edges merged; counts [underflow, [e_j, e_j+1) with the
  last bin closed on the right, overflow]), the binned KS statistic with its kstwobign p-value, PSI, Jensen-Shannon
  and Hellinger, which the report must equal.

The selected method, threshold and verdict follow DESIGN's default rule, and the data are drawn so that every
verdict sits far from its threshold (the script fails otherwise), on the raw data as on the binned.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance
from scipy.special import rel_entr

SEED = 20261142
QUANTILE_BINS = 100
EMPTY_BIN_PROPORTION = 0.0001
SMALL_BASELINE_MAX_VALUES = 1000
DISCRETE_MAX_DISTINCT = 5
BINARY_MAX_DISTINCT = 2
NULL_SHARE_INCREASE = 0.1
DRIFT_SHARE_THRESHOLD = 0.5
# Issue 3: on continuous data of at least this many points per side, binned KS is within 0.01 and normed
# Wasserstein within 5 % of the raw-sample values.
NEAR_RAW_MIN_POINTS = 5000
# A p-value verdict counts as clear when p is below a hundredth of the threshold or above four times it; a distance
# verdict when it is at least one and a half times the threshold or at most half of it.
P_CLEAR_BELOW, P_CLEAR_ABOVE = 0.0005, 0.2
DISTANCE_CLEAR_ABOVE, DISTANCE_CLEAR_BELOW = 0.15, 0.05

rng = np.random.default_rng(SEED)


# ---------------------------------------------------------------- data

def continuous(mean, sd, size):
    return np.round(rng.normal(mean, sd, size), 3).tolist()


def skewed(offset, shape, scale, size):
    return np.round(offset + rng.gamma(shape, scale, size), 3).tolist()


def choice(values, probabilities, size):
    return [values[i] for i in rng.choice(len(values), size=size, p=probabilities)]


def with_nulls(values, share):
    missing = rng.random(len(values)) < share
    return [None if gone else value for value, gone in zip(values, missing)]


def rows_of(columns):
    names = list(columns)
    size = len(columns[names[0]])
    return [{name: columns[name][i] for name in names} for i in range(size)]


# ---------------------------------------------------------------- statistics

def psi(reference, current):
    r = reference / reference.sum()
    c = current / current.sum()
    r = np.where(r == 0, EMPTY_BIN_PROPORTION, r)
    c = np.where(c == 0, EMPTY_BIN_PROPORTION, c)
    return float(np.sum(rel_entr(c, r) + rel_entr(r, c)))


def hellinger(reference, current):
    return float(distance.euclidean(np.sqrt(reference / reference.sum()), np.sqrt(current / current.sum())) / np.sqrt(2))


def distances(reference, current):
    return {
        "psi": psi(reference, current),
        "jensenShannon": float(distance.jensenshannon(reference, current)),
        "hellinger": hellinger(reference, current),
    }


def quantile_edges(values):
    edges = []
    for edge in np.quantile(values, np.linspace(0, 1, QUANTILE_BINS + 1)):
        if not edges or edge > edges[-1]:
            edges.append(float(edge))
    return np.array(edges)


def bin_counts(values, edges):
    index = np.searchsorted(edges, values, side="right")
    index[values == edges[-1]] = len(edges) - 1
    return np.bincount(index, minlength=len(edges) + 1)


def numeric_expectations(baseline, current):
    edges = quantile_edges(baseline)
    reference = bin_counts(baseline, edges)
    counts = bin_counts(current, edges)
    n, m = len(baseline), len(current)
    gap = np.abs(np.cumsum(reference[:-1]) / n - np.cumsum(counts[:-1]) / m)
    binned_ks = float(gap.max())
    raw_ks = stats.ks_2samp(baseline, current)
    scores = {
        "ks": binned_ks,
        "ksPValue": float(stats.kstwobign.sf(binned_ks * np.sqrt(n * m / (n + m)))),
        **distances(reference, counts),
    }
    return {
        "edges": edges.tolist(),
        "baselineCounts": reference.tolist(),
        "currentCounts": counts.tolist(),
        "scores": scores,
        "raw": {
            "ks": float(raw_ks.statistic),
            "ksPValue": float(raw_ks.pvalue),
            "wasserstein": float(stats.wasserstein_distance(baseline, current) / np.std(baseline)),
        },
        # The binned CDFs agree with the raw ones at every bin boundary, and inside a bin each raw CDF moves by at
        # most that bin's share of its side, so 0 <= raw KS - binned KS <= the largest share any bin holds.
        "ksBinningBound": float(max((reference / n).max(), (counts / m).max())),
        "wassersteinBinningBound": wasserstein_binning_bound(baseline, current, edges, reference, counts),
        "nearRaw": n >= NEAR_RAW_MIN_POINTS and m >= NEAR_RAW_MIN_POINTS,
    }


def wasserstein_binning_bound(baseline, current, edges, reference, counts):
    """How far the binned normed Wasserstein distance can lie from the raw one, whatever the data inside the bins.

    Inside bin j the binned CDFs run between the raw CDFs' values at its edges, so each strays from its raw CDF by at
    most the bin's share of its side (p_j, q_j) and |F - G| by at most p_j + q_j, over the bin's width w_j. Outside
    the edges the baseline holds nothing (its extremes are the outer edges) and the bins put the current window's
    stragglers on the outer edge, which drops their distance beyond it from the area.
    """
    inside = np.sum(np.diff(edges) * (reference[1:-1] / len(baseline) + counts[1:-1] / len(current)))
    outside = (np.sum(np.clip(edges[0] - current, 0, None)) + np.sum(np.clip(current - edges[-1], 0, None))) / len(current)
    return float((inside + outside) / np.std(baseline))


def category_name(value):
    return value if isinstance(value, str) else str(value)


def aligned_counts(baseline, current, discrete):
    baseline_counts, current_counts = {}, {}
    for value in baseline:
        baseline_counts[value] = baseline_counts.get(value, 0) + 1
    for value in current:
        current_counts[value] = current_counts.get(value, 0) + 1
    if discrete:
        known = sorted(baseline_counts)
    else:
        known = sorted(baseline_counts, key=lambda value: (-baseline_counts[value], value))
    new = sorted((value for value in current_counts if value not in baseline_counts),
                 key=lambda value: (-current_counts[value], category_name(value)))
    entries = [value for value in known + new if baseline_counts.get(value, 0) + current_counts.get(value, 0) > 0]
    return ([category_name(value) for value in entries],
            np.array([baseline_counts.get(value, 0) for value in entries]),
            np.array([current_counts.get(value, 0) for value in entries]),
            [category_name(value) for value in new])


def categorical_expectations(baseline, current, discrete):
    names, reference, counts, new = aligned_counts(baseline, current, discrete)
    scores = distances(reference, counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = stats.chisquare(counts, reference / reference.sum() * counts.sum())
    if np.isfinite(chi.statistic):
        scores["chiSquare"] = float(chi.statistic)
    scores["chiSquarePValue"] = float(chi.pvalue)
    if len(names) == 2:
        n1, n2 = counts.sum(), reference.sum()
        pooled = (counts[1] + reference[1]) / (n1 + n2)
        z = (counts[1] / n1 - reference[1] / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        scores["zTest"] = float(z)
        scores["zTestPValue"] = float(2 * stats.norm.sf(abs(z)))
    return {
        "categories": names,
        "baselineCounts": reference.tolist(),
        "currentCounts": counts.tolist(),
        "newCategories": new,
        "scores": scores,
    }


# ---------------------------------------------------------------- DESIGN section 4's default rule

def default_method(baseline_values, continuous_feature, distinct):
    if baseline_values <= SMALL_BASELINE_MAX_VALUES:
        if continuous_feature:
            return "ks", 0.05
        return ("zTest", 0.05) if distinct <= BINARY_MAX_DISTINCT else ("chiSquare", 0.05)
    return ("wasserstein", 0.1) if continuous_feature else ("jensenShannon", 0.1)


def is_drifted(method, score, threshold):
    if method == "ks":
        return score <= threshold
    if method in ("chiSquare", "zTest"):
        return score < threshold
    return score >= threshold


def require_clear(scenario, feature, method, score):
    clear = (score <= P_CLEAR_BELOW or score >= P_CLEAR_ABOVE) if method in ("ks", "chiSquare", "zTest") \
        else (score >= DISTANCE_CLEAR_ABOVE or score <= DISTANCE_CLEAR_BELOW)
    if not clear:
        raise SystemExit(f"{scenario}.{feature}: {method} = {score} is too close to its threshold; change the data")


def selected_score(method, scores):
    return scores.get(method + "PValue", scores.get(method))


def feature_expectation(scenario, feature, baseline_rows, current_rows):
    name, declared = feature["name"], feature["type"]
    baseline_all = [row.get(name) for row in baseline_rows]
    current_all = [row.get(name) for row in current_rows]
    baseline = [value for value in baseline_all if value is not None]
    current = [value for value in current_all if value is not None]
    distinct = len(set(baseline))
    continuous_feature = declared == "numeric" and distinct > DISCRETE_MAX_DISTINCT
    method, threshold = default_method(len(baseline), continuous_feature, distinct)

    expectation = {"name": name, "type": declared}
    if continuous_feature:
        details = numeric_expectations(np.array(baseline, dtype=float), np.array(current, dtype=float)) if current else {}
    else:
        details = categorical_expectations(baseline, current, discrete=declared == "numeric") if current else {}
        if method == "zTest" and current and len(details["categories"]) != 2:
            method = "chiSquare"  # a binary feature with a third value: chi-square takes the z-test's place
    scores = details.pop("scores", {})

    score = None
    if current:
        if method == "wasserstein":
            score = details["raw"]["wasserstein"]
        else:
            score = selected_score(method, scores)
        require_clear(scenario, name, method, score)
        if method == "ks":
            raw_p = details["raw"]["ksPValue"]
            require_clear(scenario, name + " (raw)", method, raw_p)
            if is_drifted(method, raw_p, threshold) != is_drifted(method, score, threshold):
                raise SystemExit(f"{scenario}.{name}: binned and raw KS disagree on the verdict")

    null_share = current_all.count(None) / len(current_all) if current_all else None
    baseline_null_share = baseline_all.count(None) / len(baseline_all)
    null_share_drift = null_share is not None and null_share - baseline_null_share > NULL_SHARE_INCREASE
    if null_share is not None and abs(null_share - baseline_null_share - NULL_SHARE_INCREASE) < 0.03:
        raise SystemExit(f"{scenario}.{name}: the null share's rise is too close to {NULL_SHARE_INCREASE}")
    expectation.update({
        "method": method,
        "threshold": threshold,
        "score": score,
        "drifted": score is not None and is_drifted(method, score, threshold),
        "nullShare": null_share,
        "baselineNullShare": baseline_null_share,
        "nullShareDrift": null_share_drift,
        "scores": scores,
        **details,
    })
    return expectation


def scenario(name, description, features, baseline_rows, current_rows):
    expected = [feature_expectation(name, feature, baseline_rows, current_rows) for feature in features]
    evaluated = [feature for feature in expected if feature["score"] is not None or feature["nullShareDrift"]]
    drifted = [feature for feature in evaluated if feature["drifted"] or feature["nullShareDrift"]]
    share = len(drifted) / len(evaluated) if evaluated else 0.0
    return {
        "name": name,
        "description": description,
        "features": features,
        "baselineRows": baseline_rows,
        "currentRows": current_rows,
        "expected": {
            "windowCount": len(current_rows),
            "emptyWindow": not current_rows,
            "datasetDrift": bool(evaluated) and share >= DRIFT_SHARE_THRESHOLD,
            "driftShare": share,
            "features": expected,
        },
    }


# ---------------------------------------------------------------- scenarios

FEATURES = [
    {"name": "income", "type": "numeric"},
    {"name": "age", "type": "numeric"},
    {"name": "tenure", "type": "numeric"},
    {"name": "visits", "type": "numeric"},
    {"name": "country", "type": "categorical"},
    {"name": "device", "type": "categorical"},
    {"name": "member", "type": "categorical"},
    {"name": "newsletter", "type": "categorical"},
]
COUNTRIES = ["DE", "FR", "IT", "ES", "PL"]
DEVICES = ["ios", "android", "web"]
YES_NO = ["yes", "no"]


def small_baseline():
    features = FEATURES + [{"name": "channel", "type": "categorical"}]
    baseline = rows_of({
        "income": continuous(50, 10, 800),
        "age": with_nulls(continuous(40, 12, 800), 0.02),
        "tenure": choice([0, 1, 2, 3], [0.4, 0.3, 0.2, 0.1], 800),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 800),
        "country": choice(COUNTRIES, [0.35, 0.25, 0.2, 0.12, 0.08], 800),
        "device": choice(DEVICES, [0.5, 0.35, 0.15], 800),
        "member": choice(YES_NO, [0.7, 0.3], 800),
        "newsletter": choice(YES_NO, [0.6, 0.4], 800),
        "channel": choice(["web", "app"], [0.55, 0.45], 800),
    })
    current = rows_of({
        "income": continuous(57, 10, 600),
        "age": with_nulls(continuous(40, 12, 600), 0.2),
        "tenure": choice([0, 1, 2, 3], [0.2, 0.3, 0.3, 0.2], 600),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 600),
        "country": choice(COUNTRIES + ["NL"], [0.3, 0.25, 0.2, 0.12, 0.08, 0.05], 600),
        "device": choice(DEVICES, [0.5, 0.35, 0.15], 600),
        "member": choice(YES_NO, [0.5, 0.5], 600),
        "newsletter": choice(YES_NO, [0.6, 0.4], 600),
        "channel": choice(["web", "app", "kiosk"], [0.5, 0.4, 0.1], 600),
    })
    return scenario(
        "small_baseline",
        "800 baseline rows, so hypothesis tests: KS for continuous numbers, chi-square for a discrete number and a"
        " categorical, the z-test for a binary feature and chi-square once it gains a third value; a category the"
        " baseline never saw; a null share rising from 2 % to 20 %.",
        features, baseline, current)


def large_baseline():
    baseline = rows_of({
        "income": continuous(50, 10, 6000),
        "age": with_nulls(skewed(18, 4, 6, 6000), 0.03),
        "tenure": choice([0, 1, 2, 3], [0.4, 0.3, 0.2, 0.1], 6000),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 6000),
        "country": choice(COUNTRIES, [0.35, 0.25, 0.2, 0.12, 0.08], 6000),
        "device": with_nulls(choice(DEVICES, [0.5, 0.35, 0.15], 6000), 0.05),
        "member": choice(YES_NO, [0.7, 0.3], 6000),
        "newsletter": choice(YES_NO, [0.6, 0.4], 6000),
    })
    current = rows_of({
        "income": continuous(54, 10, 5500),
        "age": with_nulls(skewed(18, 4, 6, 5500), 0.03),
        "tenure": choice([0, 1, 2, 3, 4], [0.2, 0.3, 0.25, 0.15, 0.1], 5500),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 5500),
        "country": choice(COUNTRIES + ["NL", "BE"], [0.25, 0.25, 0.2, 0.1, 0.05, 0.1, 0.05], 5500),
        "device": with_nulls(choice(DEVICES, [0.5, 0.35, 0.15], 5500), 0.3),
        "member": choice(YES_NO, [0.45, 0.55], 5500),
        "newsletter": choice(YES_NO, [0.6, 0.4], 5500),
    })
    return scenario(
        "large_baseline",
        "6000 baseline rows, so distances: normed Wasserstein for continuous numbers (a normal and a skewed gamma,"
        " both over 5000 points a side), Jensen-Shannon for the rest; new values of a discrete number and of a"
        " categorical; a null share rising from 5 % to 30 %.",
        FEATURES, baseline, current)


def identical():
    baseline = rows_of({
        "income": continuous(50, 10, 800),
        "age": with_nulls(continuous(40, 12, 800), 0.1),
        "tenure": choice([0, 1, 2, 3], [0.4, 0.3, 0.2, 0.1], 800),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 800),
        "country": choice(COUNTRIES, [0.35, 0.25, 0.2, 0.12, 0.08], 800),
        "device": choice(DEVICES, [0.5, 0.35, 0.15], 800),
        "member": choice(YES_NO, [0.7, 0.3], 800),
        "newsletter": with_nulls(choice(YES_NO, [0.6, 0.4], 800), 0.05),
    })
    return scenario(
        "identical",
        "The current window holds the baseline's own rows: every distance 0, every p-value 1, no drift anywhere.",
        FEATURES, baseline, [dict(row) for row in baseline])


def empty_current():
    baseline = rows_of({
        "income": continuous(50, 10, 300),
        "age": with_nulls(continuous(40, 12, 300), 0.1),
        "tenure": choice([0, 1, 2, 3], [0.4, 0.3, 0.2, 0.1], 300),
        "visits": choice([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15], 300),
        "country": choice(COUNTRIES, [0.35, 0.25, 0.2, 0.12, 0.08], 300),
        "device": choice(DEVICES, [0.5, 0.35, 0.15], 300),
        "member": choice(YES_NO, [0.7, 0.3], 300),
        "newsletter": choice(YES_NO, [0.6, 0.4], 300),
    })
    return scenario(
        "empty_current",
        "No event in the window: the report says so, no feature is scored, and its JSON holds no NaN or Infinity.",
        FEATURES, baseline, [])


def write(golden, path):
    """Compact JSON with one row per line, so the file stays small and a regenerated one diffs readably."""
    def dumps(value):
        return json.dumps(value, separators=(",", ":"), allow_nan=False)

    with open(path, "w") as output:
        output.write('{"generator":%s,"seed":%d,"scipy":%s,"numpy":%s,"scenarios":[\n'
                     % (dumps(golden["generator"]), golden["seed"], dumps(golden["scipy"]), dumps(golden["numpy"])))
        for index, case in enumerate(golden["scenarios"]):
            output.write('{"name":%s,"description":%s,"features":%s,\n"expected":%s,\n'
                         % (dumps(case["name"]), dumps(case["description"]), dumps(case["features"]), dumps(case["expected"])))
            for key in ("baselineRows", "currentRows"):
                rows = case[key]
                output.write('"%s":[' % key + ("\n" if rows else ""))
                output.write(",\n".join(dumps(row) for row in rows))
                output.write("]" + ("," if key == "baselineRows" else "") + "\n")
            output.write("}" + ("," if index < len(golden["scenarios"]) - 1 else "") + "\n")
        output.write("]}\n")


write({
    "generator": "tests/golden/drift_report_golden.py",
    "seed": SEED,
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "scenarios": [small_baseline(), large_baseline(), identical(), empty_current()],
}, os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_report_golden.json"))
