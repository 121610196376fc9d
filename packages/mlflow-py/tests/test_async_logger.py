import contextlib
import io
import threading
import unittest

import pathsetup  # noqa: F401
from mlflow.entities import Metric
from mlflow.exceptions import MlflowException
from mlflow.tracking.async_logger import AsyncMetricLogger


def metrics(n, key="m"):
    return [Metric(key, float(i), 1, i) for i in range(n)]


class AsyncMetricLoggerTest(unittest.TestCase):
    def setUp(self):
        self.sent = []
        self.lock = threading.Lock()

    def send(self, destination, batch):
        with self.lock:
            self.sent.append((destination, [m.step for m in batch]))

    def test_flush_sends_everything_in_order_grouped_by_destination(self):
        logger = AsyncMetricLogger(self.send, interval=60)
        logger.enqueue("a", metrics(3))
        logger.enqueue("b", metrics(2))
        logger.enqueue("a", metrics(1))
        logger.flush()
        self.assertEqual(dict(self.sent), {"a": [0, 1, 2, 0], "b": [0, 1]})

    def test_a_full_batch_is_sent_without_waiting_for_the_interval(self):
        done = threading.Event()

        def send(destination, batch):
            self.send(destination, batch)
            done.set()

        logger = AsyncMetricLogger(send, interval=60, batch_size=5)
        logger.enqueue("a", metrics(5))
        self.assertTrue(done.wait(5))

    def test_points_are_sent_within_the_interval(self):
        done = threading.Event()
        logger = AsyncMetricLogger(lambda d, b: done.set(), interval=0.05)
        logger.enqueue("a", metrics(1))
        self.assertTrue(done.wait(5))

    def test_a_failed_send_is_printed_and_raised_by_the_next_flush_only(self):
        def send(destination, batch):
            raise MlflowException("rejected", error_code="INVALID_PARAMETER_VALUE")

        logger = AsyncMetricLogger(send, interval=60)
        logger.enqueue("a", metrics(4, key="loss"))
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), self.assertRaises(MlflowException) as caught:
            logger.flush()
        self.assertEqual(caught.exception.error_code, "INVALID_PARAMETER_VALUE")
        self.assertIn("4 metric values", str(caught.exception))
        self.assertIn("loss", stderr.getvalue())
        logger.flush()  # the failure was reported once

    def test_flush_with_nothing_queued_returns_at_once(self):
        AsyncMetricLogger(self.send, interval=60).flush()
        self.assertEqual(self.sent, [])


if __name__ == "__main__":
    unittest.main()
