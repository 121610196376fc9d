"""Training metrics that autologging computes for a fitted estimator, with MLflow's names.

Classifiers: ``precision_score``, ``recall_score``, ``f1_score`` (weighted average, or binary
with ``pos_label``), ``accuracy_score``, and with ``predict_proba`` also ``log_loss`` and
``roc_auc`` (weighted, one-vs-one; the positive class's column for binary problems).
Regressors: ``mean_squared_error``, ``root_mean_squared_error``, ``mean_absolute_error``,
``r2_score``. Any estimator with ``score``: ``score``. Each name gets the prefix
(``training_``). A metric that fails to compute is left out with a warning on stderr.
"""

import inspect
import math
import numbers
import sys

TRAINING_PREFIX = "training_"
CLASSIFIER_METRIC_NAMES = ("precision_score", "recall_score", "f1_score", "accuracy_score", "log_loss", "roc_auc")
REGRESSOR_METRIC_NAMES = ("mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score")


def _warn(name, error):
    print(f"mlflow (Lathe): autolog metric {name!r} was not recorded: {error}", file=sys.stderr)


def _compute(prefix, specs):
    values = {}
    for name, fn, kwargs in specs:
        try:
            values[prefix + name] = fn(**kwargs)
        except Exception as e:  # one metric failing must not stop the others or training
            _warn(prefix + name, e)
    return values


def classifier_metrics(estimator, X, y, sample_weight=None, prefix=TRAINING_PREFIX, pos_label=None):
    """Classifier metrics by name (see module docstring)."""
    from sklearn import metrics

    y_pred = estimator.predict(X)
    average = "weighted" if pos_label is None else "binary"
    common = {"y_true": y, "y_pred": y_pred, "sample_weight": sample_weight}
    specs = [(name, getattr(metrics, name), {**common, "pos_label": pos_label, "average": average})
             for name in ("precision_score", "recall_score", "f1_score")]
    specs.append(("accuracy_score", metrics.accuracy_score, {**common, "normalize": True}))
    if hasattr(estimator, "predict_proba"):
        try:
            proba = estimator.predict_proba(X)
        except Exception as e:
            _warn(prefix + "log_loss", e)
        else:
            specs.append(("log_loss", metrics.log_loss, {"y_true": y, "y_pred": proba, "sample_weight": sample_weight}))
            score = proba[:, 1] if len(proba[0]) == 2 else proba
            specs.append(("roc_auc", metrics.roc_auc_score, {"y_true": y, "y_score": score, "average": "weighted",
                                                              "sample_weight": sample_weight, "multi_class": "ovo"}))
    return _compute(prefix, specs)


def regressor_metrics(estimator, X, y, sample_weight=None, prefix=TRAINING_PREFIX):
    """Regressor metrics by name (see module docstring)."""
    from sklearn import metrics

    common = {"y_true": y, "y_pred": estimator.predict(X), "sample_weight": sample_weight,
              "multioutput": "uniform_average"}
    names = ("mean_squared_error", "mean_absolute_error", "r2_score")
    values = _compute(prefix, [(name, getattr(metrics, name), common) for name in names])
    if prefix + "mean_squared_error" in values:
        values[prefix + "root_mean_squared_error"] = math.sqrt(values[prefix + "mean_squared_error"])
    return values


def estimator_metrics(estimator, X, y, sample_weight=None, prefix=TRAINING_PREFIX, pos_label=None):
    """All training metrics for ``estimator`` fitted on ``(X, y)``; empty when ``y`` is None."""
    from sklearn.base import is_classifier, is_regressor

    if y is None:
        return {}
    values = {}
    if is_classifier(estimator):
        values = classifier_metrics(estimator, X, y, sample_weight, prefix, pos_label)
    elif is_regressor(estimator):
        values = regressor_metrics(estimator, X, y, sample_weight, prefix)
    if hasattr(estimator, "score"):
        takes_weight = "sample_weight" in inspect.signature(estimator.score).parameters
        args = (X, y, sample_weight) if takes_weight else (X, y)
        values.update(_compute(prefix, [("score", lambda: estimator.score(*args), {})]))
    return loggable(values)


def loggable(values):
    """Only the real-number values (numpy scalars included, booleans excluded), as floats."""
    kept = {}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (numbers.Real,)) and not hasattr(value, "dtype"):
            continue
        try:
            kept[name] = float(value)
        except (TypeError, ValueError):
            continue
    return kept
