import unittest

import pathsetup  # noqa: F401
from pathsetup import has_module

if has_module("sklearn"):
    from mlflow.sklearn import autologging as sk_autolog
    from mlflow.sklearn.training_metrics import estimator_metrics, loggable

CLASSIFIER_NAMES = {"training_accuracy_score", "training_precision_score", "training_recall_score",
                    "training_f1_score", "training_log_loss", "training_roc_auc", "training_score"}
REGRESSOR_NAMES = {"training_mean_squared_error", "training_root_mean_squared_error",
                   "training_mean_absolute_error", "training_r2_score", "training_score"}


@unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
class TrainingMetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from sklearn.datasets import load_diabetes, load_iris

        cls.Xc, cls.yc = load_iris(return_X_y=True)
        cls.Xr, cls.yr = load_diabetes(return_X_y=True)

    def test_classifier_with_predict_proba_gets_mlflows_metric_names(self):
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(max_iter=300).fit(self.Xc, self.yc)
        values = estimator_metrics(model, self.Xc, self.yc)
        self.assertEqual(set(values), CLASSIFIER_NAMES)
        self.assertAlmostEqual(values["training_score"], values["training_accuracy_score"])

    def test_binary_classifier_gets_roc_auc_from_the_positive_column(self):
        from sklearn.linear_model import LogisticRegression

        y = (self.yc == 2).astype(int)
        values = estimator_metrics(LogisticRegression(max_iter=300).fit(self.Xc, y), self.Xc, y)
        self.assertGreater(values["training_roc_auc"], 0.9)

    def test_classifier_without_predict_proba_has_no_probability_metrics(self):
        from sklearn.linear_model import RidgeClassifier

        values = estimator_metrics(RidgeClassifier().fit(self.Xc, self.yc), self.Xc, self.yc)
        self.assertEqual(set(values), CLASSIFIER_NAMES - {"training_log_loss", "training_roc_auc"})

    def test_regressor_gets_mlflows_metric_names(self):
        import math

        from sklearn.linear_model import LinearRegression

        values = estimator_metrics(LinearRegression().fit(self.Xr, self.yr), self.Xr, self.yr)
        self.assertEqual(set(values), REGRESSOR_NAMES)
        self.assertAlmostEqual(values["training_root_mean_squared_error"], math.sqrt(values["training_mean_squared_error"]))

    def test_no_labels_means_no_metrics(self):
        from sklearn.cluster import KMeans

        self.assertEqual(estimator_metrics(KMeans(n_clusters=2, n_init=2).fit(self.Xc), self.Xc, None), {})

    def test_only_real_numbers_are_kept_as_floats(self):
        import numpy as np

        kept = loggable({"a": np.float32(0.5), "b": 2, "c": True, "d": "x", "e": np.array([1.0, 2.0]), "f": None})
        self.assertEqual(kept, {"a": 0.5, "b": 2.0})
        self.assertIs(type(kept["a"]), float)


@unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
class AutologPatchingTest(unittest.TestCase):
    def test_preprocessing_and_column_transformer_are_not_patched(self):
        from sklearn.compose import ColumnTransformer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GridSearchCV
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        classes = set(sk_autolog.estimators_to_patch())
        self.assertTrue({LogisticRegression, GridSearchCV, Pipeline} <= classes)
        self.assertNotIn(StandardScaler, classes)
        self.assertNotIn(ColumnTransformer, classes)

    def test_fit_arguments_are_found_by_position_or_name(self):
        def fit(self, X, y=None, sample_weight=None):
            pass

        self.assertEqual(sk_autolog.fit_arguments(fit, (1, 2), {}), (1, 2, None))
        self.assertEqual(sk_autolog.fit_arguments(fit, (1,), {"sample_weight": 3}), (1, None, 3))
        self.assertEqual(sk_autolog.fit_arguments(fit, (), {"X": 1, "y": 2}), (1, 2, None))

    def test_disabling_restores_the_original_methods(self):
        from sklearn.linear_model import LinearRegression, LogisticRegression

        sk_autolog.autolog(disable=True)
        original = LogisticRegression.fit
        inherited = "fit_predict" in LinearRegression.__dict__
        sk_autolog.autolog(log_models=False)
        self.assertIsNot(LogisticRegression.fit, original)
        sk_autolog.autolog(disable=True)
        self.assertIs(LogisticRegression.fit, original)
        self.assertEqual("fit_predict" in LinearRegression.__dict__, inherited)


if __name__ == "__main__":
    unittest.main()
