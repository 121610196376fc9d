"""``mlflow.sklearn.autolog``: log scikit-learn training runs without code changes.

Patches ``fit``, ``fit_transform`` and ``fit_predict`` of every estimator class listed by
``sklearn.utils.all_estimators()`` plus ``Pipeline``, ``GridSearchCV`` and ``RandomizedSearchCV``
(minus preprocessing, imputation and feature extraction/selection classes and
``ColumnTransformer``), as MLflow does. For the outermost patched call in a thread:
- without an active run, one is started (tags ``mlflow.autologging: sklearn`` and
  ``extra_tags``) and ended after training (FAILED if training raised);
- before training: ``get_params(deep=True)`` as params (``deep=False`` for parameter searches;
  values as strings cut to 6000 characters), tags ``estimator_name`` and ``estimator_class``;
- after training: the training metrics of :mod:`mlflow.sklearn.training_metrics`, for searches
  also ``best_cv_score`` and ``best_<param>`` params, and (``log_models=True``) the model as
  artifact ``model`` in the format of :func:`mlflow.sklearn.save_model`.
Logging failures (also failing to start or end the run) are printed to stderr and never stop
training; training errors propagate.
Not done: child runs per search candidate, post-training metrics, datasets, input examples.
"""

import functools
import inspect
import sys
import threading

_SEARCH_CLASSES = ("GridSearchCV", "RandomizedSearchCV")
_EXCLUDED_MODULES = ("sklearn.preprocessing", "sklearn.impute", "sklearn.feature_extraction",
                     "sklearn.feature_selection")
_EXCLUDED_CLASSES = ("sklearn.compose._column_transformer.ColumnTransformer",)
_METHODS = ("fit", "fit_transform", "fit_predict")
_MAX_PARAM_VAL_LENGTH = 6000
_MAX_KEY_LENGTH = 250

_config = {"enabled": False}
_patched = {}  # (class, method name) -> original attribute in the class __dict__ (or None)
_session = threading.local()


def autolog(log_input_examples=False, log_model_signatures=True, log_models=True, log_datasets=True, disable=False,
            exclusive=False, disable_for_unsupported_versions=False, silent=False, max_tuning_runs=5,
            log_post_training_metrics=True, serialization_format="pickle", registered_model_name=None,
            pos_label=None, extra_tags=None):
    """Enable (or with ``disable=True`` disable) scikit-learn autologging; see the module docs."""
    if disable:
        _config["enabled"] = False
        _unpatch_all()
        return
    _config.update(enabled=True, log_models=log_models, log_model_signatures=log_model_signatures,
                   serialization_format=serialization_format, pos_label=pos_label,
                   extra_tags=dict(extra_tags or {}), silent=silent)
    for cls in estimators_to_patch():
        for name in _METHODS:
            _patch(cls, name)


def estimators_to_patch():
    """The estimator classes whose training methods autologging patches."""
    from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
    from sklearn.pipeline import Pipeline
    from sklearn.utils import all_estimators

    classes = {cls for _, cls in all_estimators()} | {GridSearchCV, RandomizedSearchCV, Pipeline}
    return sorted(
        (c for c in classes
         if not c.__module__.startswith(_EXCLUDED_MODULES) and f"{c.__module__}.{c.__name__}" not in _EXCLUDED_CLASSES),
        key=lambda c: (c.__module__, c.__name__),
    )


def _patch(cls, name):
    if (cls, name) in _patched:
        return
    static = inspect.getattr_static(cls, name, None)
    if not inspect.isfunction(static):
        return  # absent, or a descriptor such as sklearn's available_if: leave it alone
    original = getattr(cls, name)
    _patched[(cls, name)] = cls.__dict__.get(name)
    setattr(cls, name, _wrap(original))


def _unpatch_all():
    for (cls, name), own in list(_patched.items()):
        if own is None:
            delattr(cls, name)
        else:
            setattr(cls, name, own)
    _patched.clear()


def _wrap(original):
    @functools.wraps(original)
    def patched(self, *args, **kwargs):
        if not _config["enabled"] or getattr(_session, "active", False):
            return original(self, *args, **kwargs)
        _session.active = True
        try:
            return _fit_and_log(original, self, args, kwargs)
        finally:
            _session.active = False

    return patched


def _warn(what, error):
    if not _config.get("silent"):
        print(f"mlflow (Lathe): sklearn autologging could not {what}: {error}", file=sys.stderr)


def _fit_and_log(original, estimator, args, kwargs):
    from mlflow.tracking import fluent

    managed = fluent.active_run() is None
    if managed and not _start_managed_run(fluent):
        return original(estimator, *args, **kwargs)
    try:
        X, y, sample_weight = fit_arguments(original, args, kwargs)
        _log_before(estimator)
        result = original(estimator, *args, **kwargs)
        _log_after(estimator, X, y, sample_weight)
    except BaseException as e:
        if managed:
            _end_managed_run(fluent, "KILLED" if isinstance(e, KeyboardInterrupt) else "FAILED")
        raise
    if managed:
        _end_managed_run(fluent, "FINISHED")
    return result


def _start_managed_run(fluent):
    try:
        fluent.start_run(tags={"mlflow.autologging": "sklearn", **_config["extra_tags"]})
        return True
    except Exception as e:
        _warn("start a run (training goes on without logging)", e)
        return False


def _end_managed_run(fluent, status):
    try:
        fluent.end_run(status)
    except Exception as e:  # already printed by the sender; autologging never breaks training
        _warn(f"end its run as {status}", e)


def fit_arguments(fit, args, kwargs):
    """``(X, y, sample_weight)`` of a ``fit(self, X, y, ..., sample_weight=...)`` call (None when absent)."""
    names = [n for n in inspect.signature(fit).parameters if n != "self"]
    bound = dict(zip(names, args))
    bound.update(kwargs)
    x_name = names[0] if names else "X"
    y_name = names[1] if len(names) > 1 else "y"
    return bound.get(x_name), bound.get(y_name), bound.get("sample_weight")


def _is_search(estimator):
    return type(estimator).__name__ in _SEARCH_CLASSES


def _params(mapping, prefix=""):
    return {f"{prefix}{k}"[:_MAX_KEY_LENGTH]: str(v)[:_MAX_PARAM_VAL_LENGTH] for k, v in mapping.items()}


def _log_before(estimator):
    import mlflow

    try:
        mlflow.log_params(_params(estimator.get_params(deep=not _is_search(estimator))))
        cls = type(estimator)
        mlflow.set_tags({"estimator_name": cls.__name__, "estimator_class": f"{cls.__module__}.{cls.__name__}"})
    except Exception as e:
        _warn("log params and tags", e)


def _log_after(estimator, X, y, sample_weight):
    import mlflow
    from mlflow.sklearn.training_metrics import estimator_metrics

    try:
        metrics = estimator_metrics(estimator, X, y, sample_weight, pos_label=_config["pos_label"])
        if _is_search(estimator) and hasattr(estimator, "best_score_"):
            metrics["best_cv_score"] = float(estimator.best_score_)
        if metrics:
            mlflow.log_metrics(metrics, step=0)
        if _is_search(estimator) and hasattr(estimator, "best_params_"):
            mlflow.log_params(_params(estimator.best_params_, "best_"))
    except Exception as e:
        _warn("log training metrics", e)
    if _config["log_models"]:
        _log_model(estimator, X)


def _log_model(estimator, X):
    import mlflow.sklearn

    signature = None
    if _config["log_model_signatures"] and X is not None and hasattr(estimator, "predict"):
        from mlflow.models.signature import infer_signature

        try:
            sample = X[:5]
            signature = infer_signature(sample, estimator.predict(sample))
        except Exception as e:
            _warn("infer a model signature", e)
    try:
        mlflow.sklearn.log_model(estimator, "model", signature=signature,
                                 serialization_format=_config["serialization_format"])
    except Exception as e:
        _warn("log the model", e)
