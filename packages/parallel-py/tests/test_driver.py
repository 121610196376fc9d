"""The driver run as a job runs it: `python -m lathe_parallel` in a working folder, real worker
processes, an entry script written by each test."""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

import pathsetup

# Counts init() calls and run() attempts in files, so that tests see what each worker did.
ENTRY = textwrap.dedent(
    """
    import argparse, os, time
    STATE = os.environ["STATE"]

    def init():
        p = argparse.ArgumentParser(); p.add_argument("--factor", type=int, default=1); a, _ = p.parse_known_args()
        globals()["factor"] = a.factor
        if os.environ.get("FAIL_INIT"):
            raise RuntimeError("no model here")
        open(os.path.join(STATE, f"init-{os.getpid()}"), "w").close()

    def run(mini_batch):
        out = []
        for path in mini_batch:
            n = int(open(path).read())
            mark = os.path.join(STATE, f"tried-{n}")
            first = not os.path.exists(mark)
            with open(mark, "a") as f:
                f.write("x")
            if n in {int(x) for x in os.environ.get("FAIL_ONCE", "").split(",") if x} and first:
                raise RuntimeError(f"{n} fails once")
            if n in {int(x) for x in os.environ.get("FAIL_ALWAYS", "").split(",") if x}:
                raise ValueError(f"{n} always fails")
            if n in {int(x) for x in os.environ.get("HANG_ONCE", "").split(",") if x} and first:
                time.sleep(30)
            out.append(f"{n} {n * factor}")
        return out
    """
)


class DriverTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        self.data = os.path.join(self.root, "data")
        self.work = os.path.join(self.root, "wd")
        self.state = os.path.join(self.root, "state")
        for folder in (self.data, self.work, self.state):
            os.makedirs(folder)
        for n in range(1, 9):
            with open(os.path.join(self.data, f"f{n}.txt"), "w") as f:
                f.write(str(n))
        with open(os.path.join(self.work, "entry.py"), "w") as f:
            f.write(ENTRY)

    def drive(self, *flags, **env):
        args = [sys.executable, "-m", "lathe_parallel", "--entry-script", "entry.py", "--input", self.data, "--append-to", "out", *flags]
        environ = {**os.environ, "PYTHONPATH": pathsetup.PYTHONPATH, "STATE": self.state, **env}
        done = subprocess.run(args, cwd=self.work, env=environ, capture_output=True, text=True, timeout=120)
        summary_file = os.path.join(self.work, "logs", "parallel", "summary.json")
        summary = None
        if os.path.exists(summary_file):
            with open(summary_file) as f:
                summary = json.load(f)
        return done, summary

    def rows(self):
        with open(os.path.join(self.work, "out", "parallel_run_step.txt")) as f:
            return sorted(f.read().splitlines(), key=lambda line: int(line.split()[0]))

    def inits(self):
        return [f for f in os.listdir(self.state) if f.startswith("init-")]

    def test_every_item_once_with_init_once_per_worker_and_the_program_arguments(self):
        done, summary = self.drive("--mini-batch-size", "2", "--workers", "2", "--", "--factor", "10")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(self.rows(), [f"{n} {n * 10}" for n in range(1, 9)])
        self.assertEqual(summary["mini_batches"], 4)
        self.assertEqual((summary["completed"], summary["failed"], summary["items_processed"]), (4, 0, 8))
        self.assertLessEqual(len(self.inits()), 2, "a worker calls init() once for all its mini-batches")
        with open(os.path.join(self.work, "logs", "parallel", "progress.csv")) as f:
            self.assertEqual(len(f.read().splitlines()), 5)

    def test_a_mini_batch_that_fails_is_tried_again(self):
        done, summary = self.drive("--mini-batch-size", "3", "--max-retries", "1", FAIL_ONCE="4")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(len(self.rows()), 8)
        self.assertIn("attempt 1 failed: RuntimeError: 4 fails once", done.stdout)

    def test_a_mini_batch_that_overruns_its_timeout_is_stopped_and_tried_again_in_a_new_worker(self):
        done, summary = self.drive("--mini-batch-size", "4", "--timeout", "2", "--max-retries", "1", HANG_ONCE="2")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(len(self.rows()), 8)
        self.assertIn("took longer than the timeout of 2 s", done.stdout)
        self.assertEqual(len(self.inits()), 2, "the stopped worker's replacement calls init() again")

    def test_failed_mini_batches_within_the_threshold_complete_the_job_and_are_reported(self):
        done, summary = self.drive("--mini-batch-size", "1", "--max-retries", "0", "--error-threshold", "1", FAIL_ALWAYS="3")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual((summary["completed"], summary["failed"]), (7, 1))
        self.assertNotIn("3 3", self.rows())
        with open(os.path.join(self.work, "logs", "parallel", "errors", "mini_batch_2.txt")) as f:
            self.assertIn("ValueError: 3 always fails", f.read())

    def test_more_failed_mini_batches_than_the_threshold_fail_the_job(self):
        done, summary = self.drive("--mini-batch-size", "1", "--max-retries", "0", "--error-threshold", "1", FAIL_ALWAYS="3,5")
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        self.assertEqual(summary["status"], "failed")
        self.assertIn("more than mini_batch_error_threshold 1", done.stderr)

    def test_an_init_that_raises_fails_the_job_with_its_traceback(self):
        done, summary = self.drive(FAIL_INIT="1")
        self.assertEqual(done.returncode, 1)
        self.assertIn("init() failed", done.stderr)
        self.assertIn("RuntimeError: no model here", done.stderr)

    def test_summary_only_writes_no_rows(self):
        done, summary = self.drive("--output-action", "summary_only")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.work, "out", "parallel_run_step.txt")))
        self.assertEqual(summary["items_processed"], 8)

    def test_a_table_is_split_by_partition_keys_into_data_frames(self):
        table = os.path.join(self.root, "table")
        os.makedirs(table)
        with open(os.path.join(table, "rows.csv"), "w") as f:
            f.write("shop,sales\na,1\nb,2\na,3\nc,4\n")
        with open(os.path.join(table, "MLTable"), "w") as f:
            f.write("paths:\n  - file: ./rows.csv\ntransformations:\n  - read_delimited:\n      delimiter: ','\n")
        with open(os.path.join(self.work, "entry.py"), "w") as f:
            f.write("def run(frame):\n    return [f\"{frame['shop'][0]} {len(frame)} {frame['sales'].sum()}\"]\n")
        args = [sys.executable, "-m", "lathe_parallel", "--entry-script", "entry.py", "--input", table, "--partition-keys", "shop", "--append-to", "out"]
        done = subprocess.run(args, cwd=self.work, env={**os.environ, "PYTHONPATH": pathsetup.PYTHONPATH}, capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        with open(os.path.join(self.work, "out", "parallel_run_step.txt")) as f:
            self.assertEqual(sorted(f.read().splitlines()), ["a 2 4", "b 1 2", "c 1 4"])


if __name__ == "__main__":
    unittest.main()
