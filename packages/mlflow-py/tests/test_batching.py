import unittest

import pathsetup  # noqa: F401
from mlflow.utils.batching import (
    MAX_ENTITIES_PER_BATCH,
    MAX_METRICS_PER_BATCH,
    MAX_PARAMS_TAGS_PER_BATCH,
    split_batches,
)


class SplitBatchesTest(unittest.TestCase):
    def assert_within_limits(self, batches):
        for metrics, params, tags in batches:
            self.assertLessEqual(len(metrics), MAX_METRICS_PER_BATCH)
            self.assertLessEqual(len(params), MAX_PARAMS_TAGS_PER_BATCH)
            self.assertLessEqual(len(tags), MAX_PARAMS_TAGS_PER_BATCH)
            self.assertLessEqual(len(metrics) + len(params) + len(tags), MAX_ENTITIES_PER_BATCH)

    def test_nothing_gives_no_request(self):
        self.assertEqual(split_batches(), [])

    def test_metrics_are_split_by_thousands_in_order(self):
        batches = split_batches(metrics=range(2500))
        self.assertEqual([len(m) for m, _, _ in batches], [1000, 1000, 500])
        self.assertEqual([x for m, _, _ in batches for x in m], list(range(2500)))

    def test_params_and_tags_are_split_by_hundreds(self):
        batches = split_batches(params=range(250), tags=range(120))
        self.assert_within_limits(batches)
        self.assertEqual([len(p) for _, p, _ in batches], [100, 100, 50])
        self.assertEqual([len(t) for _, _, t in batches], [100, 20, 0])

    def test_total_entries_stay_within_a_thousand(self):
        batches = split_batches(metrics=range(1500), params=range(100), tags=range(100))
        self.assert_within_limits(batches)
        self.assertEqual([len(m) for m, _, _ in batches], [800, 700])
        self.assertEqual(sum(len(m) + len(p) + len(t) for m, p, t in batches), 1700)


if __name__ == "__main__":
    unittest.main()
