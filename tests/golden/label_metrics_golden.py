#!/usr/bin/python3
"""Golden values for the label metrics of src/Grains/Labels (precision, recall, F1, confusion matrix, ROC AUC, log loss,
MAE, RMSE, MAPE, R²), computed with scikit-learn.

Run with Debian's python3-sklearn:  /usr/bin/python3 tests/golden/label_metrics_golden.py
It writes tests/golden/label_metrics_golden.json next to itself; the C# tests read that file, so CI needs no Python.

Scores are rounded to float32 here, as the join store keeps them, so exact and binned values are of the same scores.
Multi-class events carry only the probability of the predicted class: the matrix handed to log_loss puts that score on
the predicted class and spreads the rest evenly over the other classes, and ROC AUC is that score against the
prediction being right (the product's documented definitions).
"""
import json
import os

import numpy as np
from sklearn import metrics

SEED = 20261203
N = 2000
rng = np.random.default_rng(SEED)


def f32(values):
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def report(y_true, y_pred, labels):
    precision, recall, f1, support = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    macro = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    weighted = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average="weighted", zero_division=0)
    return {
        "labels": labels,
        "confusion": metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        "perClass": [{"class": c, "precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                     for c, p, r, f, s in zip(labels, precision, recall, f1, support)],
        "macro": {"precision": float(macro[0]), "recall": float(macro[1]), "f1": float(macro[2])},
        "weighted": {"precision": float(weighted[0]), "recall": float(weighted[1]), "f1": float(weighted[2])},
    }


def binary():
    is_fraud = rng.random(N) < 0.3
    # Scores that separate the classes imperfectly, kept inside [0.01, 0.99] so no clipping is involved.
    score = f32(np.clip(np.where(is_fraud, rng.beta(5, 2, N), rng.beta(2, 5, N)), 0.01, 0.99))
    y_true = np.where(is_fraud, "fraud", "legit")
    y_pred = np.where(score >= 0.5, "fraud", "legit")
    labels = ["fraud", "legit"]
    probabilities = np.column_stack([score, 1 - score])
    golden = report(y_true.tolist(), y_pred.tolist(), labels)
    golden.update({
        "positiveClass": "fraud",
        "prediction": y_pred.tolist(), "label": y_true.tolist(), "score": score.tolist(),
        "accuracy": float(metrics.accuracy_score(y_true, y_pred)),
        "binaryPrecision": float(metrics.precision_score(y_true, y_pred, pos_label="fraud")),
        "binaryRecall": float(metrics.recall_score(y_true, y_pred, pos_label="fraud")),
        "binaryF1": float(metrics.f1_score(y_true, y_pred, pos_label="fraud")),
        "rocAuc": float(metrics.roc_auc_score(is_fraud, score)),
        "logLoss": float(metrics.log_loss(y_true, probabilities, labels=labels)),
    })
    return golden


def multiclass():
    classes = ["cat", "dog", "bird"]
    y_true = rng.choice(classes, N, p=[0.5, 0.3, 0.2])
    right = rng.random(N) < 0.7
    other = np.array([rng.choice([c for c in classes if c != t]) for t in y_true])
    y_pred = np.where(right, y_true, other)
    score = f32(np.clip(np.where(right, rng.beta(6, 2, N), rng.beta(3, 3, N)), 0.34, 0.99))
    # log_loss reads the columns of the matrix in sorted label order.
    columns = sorted(classes)
    index = {c: i for i, c in enumerate(columns)}
    probabilities = np.tile(((1 - score) / (len(classes) - 1))[:, None], (1, len(classes)))
    probabilities[np.arange(N), [index[p] for p in y_pred]] = score
    golden = report(y_true.tolist(), y_pred.tolist(), classes)
    golden.update({
        "prediction": y_pred.tolist(), "label": y_true.tolist(), "score": score.tolist(),
        "accuracy": float(metrics.accuracy_score(y_true, y_pred)),
        "rocAuc": float(metrics.roc_auc_score(y_pred == y_true, score)),
        "logLoss": float(metrics.log_loss(y_true, probabilities, labels=columns)),
    })
    return golden


def regression():
    y_true = np.round(rng.normal(100, 20, N), 3)
    y_pred = np.round(y_true + rng.normal(2, 8, N), 3)
    return {
        "prediction": y_pred.tolist(), "label": y_true.tolist(),
        "mae": float(metrics.mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(metrics.mean_squared_error(y_true, y_pred))),
        "mape": float(metrics.mean_absolute_percentage_error(y_true, y_pred)),
        "r2": float(metrics.r2_score(y_true, y_pred)),
    }


golden = {"seed": SEED, "sklearn": __import__("sklearn").__version__,
          "binary": binary(), "multiclass": multiclass(), "regression": regression()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "label_metrics_golden.json")
with open(path, "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
print(path)
