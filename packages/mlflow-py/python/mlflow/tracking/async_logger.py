"""Background sending of metrics with ``runs/log-batch``, so logging never waits on the network.

Contract of :class:`AsyncMetricLogger`:
- :meth:`enqueue` returns at once (it only blocks while ``max_pending`` points already wait,
  to bound memory when the server is unreachable).
- One daemon thread sends queued points, grouped by destination and in logging order, when
  ``batch_size`` points wait, every ``interval`` seconds, and on :meth:`flush`.
- A failed send is printed to stderr at once and kept; the next :meth:`flush` raises it as
  :class:`~mlflow.exceptions.MlflowException` (naming how many points were lost), so failures
  are never silent. Transient failures are already retried by the HTTP layer before that.
- After ``os.fork`` the child starts with an empty queue and its own thread.
"""

import os
import sys
import threading
import time
from collections import OrderedDict, deque

from mlflow.exceptions import MlflowException


class AsyncMetricLogger:
    """Queues ``(destination, metric)`` points and sends them with ``send(destination, metrics)``."""

    def __init__(self, send, interval=1.0, batch_size=1000, max_pending=100_000):
        self._send = send
        self._interval = interval
        self._batch_size = batch_size
        self._max_pending = max_pending
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._cond = threading.Condition()
        self._pending = deque()
        self._enqueued = 0  # points ever queued
        self._done = 0  # points ever sent or failed
        self._flush_wanted = False
        self._errors = []
        self._thread = None

    def enqueue(self, destination, metrics):
        """Queue ``metrics`` (a list of :class:`~mlflow.entities.Metric`) for ``destination``."""
        with self._cond:
            self._cond.wait_for(lambda: len(self._pending) < self._max_pending or not self._alive())
            self._pending.extend((destination, m) for m in metrics)
            self._enqueued += len(metrics)
            self._ensure_thread()
            if len(self._pending) >= self._batch_size:
                self._cond.notify_all()

    def flush(self):
        """Send everything queued so far, wait for it, then raise any failure since the last flush."""
        with self._cond:
            target = self._enqueued
            if self._alive():
                self._flush_wanted = True
                self._cond.notify_all()
                self._cond.wait_for(lambda: self._done >= target or not self._alive())
        if self._done < target:
            self._drain_here()  # the thread is gone (interpreter shutdown): send from this thread
        self._raise_errors()

    def _alive(self):
        return self._thread is not None and self._thread.is_alive()

    def _ensure_thread(self):
        if self._alive():
            return
        try:
            self._thread = threading.Thread(target=self._loop, name="mlflow-metric-logger", daemon=True)
            self._thread.start()
        except RuntimeError:
            self._thread = None  # no new threads at interpreter shutdown; flush() drains inline

    def _loop(self):
        while True:
            with self._cond:
                self._cond.wait_for(
                    lambda: self._flush_wanted or len(self._pending) >= self._batch_size, timeout=self._interval
                )
                self._flush_wanted = False
                batch = [self._pending.popleft() for _ in range(len(self._pending))]
            self._send_batch(batch)

    def _drain_here(self):
        with self._cond:
            batch = [self._pending.popleft() for _ in range(len(self._pending))]
        self._send_batch(batch)

    def _send_batch(self, batch):
        groups = OrderedDict()
        for destination, metric in batch:
            groups.setdefault(destination, []).append(metric)
        for destination, metrics in groups.items():
            try:
                self._send(destination, metrics)
            except Exception as exc:  # reported on stderr now and raised by the next flush()
                self._record_failure(destination, metrics, exc)
        with self._cond:
            self._done += len(batch)
            self._cond.notify_all()

    def _record_failure(self, destination, metrics, exc):
        keys = sorted({m.key for m in metrics})
        message = f"failed to log {len(metrics)} metric values {keys[:10]} to {destination}: {exc}"
        print(f"mlflow (Lathe): {message}", file=sys.stderr, flush=True)
        with self._cond:
            self._errors.append((message, exc, time.time()))

    def _raise_errors(self):
        with self._cond:
            errors, self._errors = self._errors, []
        if errors:
            first = errors[0][1]
            detail = "; ".join(message for message, _, _ in errors[:5])
            raise MlflowException(
                f"{len(errors)} background metric send(s) failed: {detail}",
                error_code=getattr(first, "error_code", "INTERNAL_ERROR"),
            ) from first
