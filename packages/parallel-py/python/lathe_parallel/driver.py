"""The parallel job driver: Azure ML's parallel run step contract, on the job's own machine.

The entry script defines `init()` (optional), called once in each worker process, and
`run(mini_batch)`, called with each mini-batch (a list of file paths, or a pandas DataFrame for a
table) and returning a list (or DataFrame) with one result per item processed. Workers are
`instance_count * max_concurrency_per_instance` processes that live across mini-batches. A
mini-batch whose run() raises, overruns `timeout` (its worker is killed and replaced) or whose
worker dies is tried again up to `max_retries` times, then counted failed; more failed
mini-batches than `mini_batch_error_threshold` (-1: no limit) fail the job. `append_row` writes
every result as a line of the output file; `summary_only` writes none. Progress goes to the log,
to logs/parallel/ (progress.csv, errors/, summary.json) and to the job's MLflow metrics.
"""
import argparse
import importlib.util
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import sys
import time
import traceback
from collections import deque

from lathe_parallel.batches import file_batches, is_table, list_files, parse_size, table_batches

LOG = logging.getLogger("lathe_parallel")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m lathe_parallel")
    parser.add_argument("--entry-script", required=True)
    parser.add_argument("--input", required=True, help="the input_data path")
    parser.add_argument("--mini-batch-size", default="1")
    parser.add_argument("--partition-keys", default="", help="comma-separated")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--error-threshold", type=int, default=-1)
    parser.add_argument("--max-retries", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--output-action", choices=["append_row", "summary_only"], default="append_row")
    parser.add_argument("--append-to", default="", help="a folder or file; default logs/parallel/")
    parser.add_argument("--output-file-name", default="parallel_run_step.txt")
    parser.add_argument("--logging-level", default="INFO")
    parser.add_argument("program_arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.program_arguments and args.program_arguments[0] == "--":
        args.program_arguments = args.program_arguments[1:]
    return args


def load_entry(path):
    spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the entry script {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise AttributeError(f"the entry script {path} defines no run(mini_batch)")
    return module


def result_rows(result):
    """The lines a run() result appends: one per list item or DataFrame row."""
    if result is None:
        return []
    if hasattr(result, "to_csv") and hasattr(result, "columns"):
        text = result.to_csv(header=False, index=False, sep=" ")
        return [line for line in text.splitlines()]
    return [str(item) for item in result]


def worker_main(conn, entry, program_arguments, level):
    """One worker: imports the entry script and calls init() once, then run() per mini-batch."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.argv = [entry, *program_arguments]
    try:
        module = load_entry(entry)
        if callable(getattr(module, "init", None)):
            module.init()
    except BaseException:
        conn.send(("init_failed", None, traceback.format_exc()))
        return
    conn.send(("ready", None, os.getpid()))
    while True:
        message = conn.recv()
        if message is None:
            return
        batch_id, batch = message
        try:
            rows = result_rows(module.run(batch))
            conn.send(("done", batch_id, rows))
        except BaseException:
            conn.send(("failed", batch_id, traceback.format_exc()))


class Worker:
    def __init__(self, context, entry, program_arguments, level, index):
        self.index = index
        parent, child = context.Pipe()
        self.conn = parent
        self.process = context.Process(target=worker_main, args=(child, entry, program_arguments, level), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.batch = None
        self.deadline = None

    def stop(self, kill=False):
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class Progress:
    """What the log, logs/parallel/ and the MLflow metrics show as mini-batches end."""

    def __init__(self, total, folder):
        self.total = total
        self.completed = 0
        self.failed = 0
        self.items = 0
        self.folder = folder
        os.makedirs(os.path.join(folder, "errors"), exist_ok=True)
        self.csv = open(os.path.join(folder, "progress.csv"), "w", encoding="utf-8")
        self.csv.write("mini_batch,status,attempts,items,seconds\n")
        self.started = time.monotonic()

    def ended(self, batch_id, status, attempts, items, seconds, error=None):
        if status == "completed":
            self.completed += 1
            self.items += items
        else:
            self.failed += 1
            with open(os.path.join(self.folder, "errors", f"mini_batch_{batch_id}.txt"), "w", encoding="utf-8") as f:
                f.write(error or "")
        self.csv.write(f"{batch_id},{status},{attempts},{items},{seconds:.3f}\n")
        self.csv.flush()
        print(f"[parallel] mini-batch {batch_id} {status} after {attempts} attempt(s), {items} item(s) "
              f"({self.completed + self.failed}/{self.total} done, {self.failed} failed)", flush=True)

    def summary(self, status, reason=None):
        summary = {
            "status": status,
            "mini_batches": self.total,
            "completed": self.completed,
            "failed": self.failed,
            "items_processed": self.items,
            "seconds": round(time.monotonic() - self.started, 3),
        }
        if reason:
            summary["reason"] = reason
        self.csv.close()
        with open(os.path.join(self.folder, "summary.json"), "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2)
        log_metrics(summary)
        return summary


def log_metrics(summary):
    """The job's run gets the counts, when an MLflow client is at hand."""
    try:
        import mlflow

        with mlflow.start_run():
            for key in ("mini_batches", "completed", "failed", "items_processed"):
                mlflow.log_metric(f"parallel_{key}", summary[key])
    except Exception as error:  # the counts are also in the log and summary.json
        print(f"[parallel] could not log metrics: {error}", flush=True)


def output_path(args):
    if args.output_action != "append_row":
        return None
    target = args.append_to or os.path.join("logs", "parallel")
    if os.path.isdir(target) or not os.path.splitext(target)[1]:
        os.makedirs(target, exist_ok=True)
        return os.path.join(target, args.output_file_name)
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    return target


def make_batches(args):
    size = parse_size(args.mini_batch_size)
    keys = [k.strip() for k in args.partition_keys.split(",") if k.strip()]
    if is_table(args.input):
        return table_batches(args.input, size, keys)
    if keys:
        raise ValueError("partition_keys need a tabular input (an MLTable folder)")
    files = list_files(args.input)
    return file_batches(files, size)


def main(argv):
    args = parse_args(argv)
    level = getattr(logging, args.logging_level.upper(), logging.INFO)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        batches = make_batches(args)
    except Exception as error:
        print(f"[parallel] cannot split the input into mini-batches: {error}", file=sys.stderr, flush=True)
        return 2
    out_path = output_path(args)
    out = open(out_path, "w", encoding="utf-8") if out_path else None
    progress = Progress(len(batches), os.path.join("logs", "parallel"))
    count = max(1, min(args.workers, len(batches) or 1))
    print(f"[parallel] {len(batches)} mini-batch(es) of {args.input}, {count} worker process(es), "
          f"retries {args.max_retries}, timeout {args.timeout:g} s, error threshold {args.error_threshold}", flush=True)
    context = multiprocessing.get_context("fork")
    workers = [Worker(context, args.entry_script, args.program_arguments, level, i) for i in range(count)]
    queue = deque(range(len(batches)))
    attempts = {}
    started = {}
    failure = None
    try:
        while (queue or any(w.batch is not None for w in workers)) and failure is None:
            for worker in workers:
                if worker.ready and worker.batch is None and queue:
                    batch_id = queue.popleft()
                    attempts[batch_id] = attempts.get(batch_id, 0) + 1
                    started.setdefault(batch_id, time.monotonic())
                    worker.batch = batch_id
                    worker.deadline = time.monotonic() + args.timeout
                    worker.conn.send((batch_id, batches[batch_id]))
            ready = multiprocessing.connection.wait([w.conn for w in workers], timeout=0.2)
            for worker in list(workers):
                lost = None
                if worker.conn in ready:
                    try:
                        kind, batch_id, payload = worker.conn.recv()
                    except (EOFError, OSError):
                        kind, batch_id, payload = "died", worker.batch, f"worker process {worker.process.pid} ended (exit code {worker.process.exitcode})"
                    if kind == "ready":
                        worker.ready = True
                        continue
                    if kind == "init_failed":
                        failure = f"init() failed:\n{payload}"
                        break
                    if kind == "done":
                        rows = payload
                        if out is not None:
                            for row in rows:
                                out.write(f"{row}\n")
                            out.flush()
                        progress.ended(batch_id, "completed", attempts[batch_id], len(rows), time.monotonic() - started[batch_id])
                        worker.batch = None
                        continue
                    lost = payload
                    if kind == "died":
                        workers[workers.index(worker)] = Worker(context, args.entry_script, args.program_arguments, level, worker.index)
                        if batch_id is None:
                            failure = f"a worker process ended before its first mini-batch: {payload}"
                            break
                elif worker.batch is not None and time.monotonic() > worker.deadline:
                    batch_id = worker.batch
                    lost = f"run() took longer than the timeout of {args.timeout:g} s; its worker process was stopped"
                    worker.stop(kill=True)
                    workers[workers.index(worker)] = Worker(context, args.entry_script, args.program_arguments, level, worker.index)
                if lost is None:
                    continue
                worker.batch = None
                print(f"[parallel] mini-batch {batch_id} attempt {attempts[batch_id]} failed: {lost.strip().splitlines()[-1]}", flush=True)
                if attempts[batch_id] <= args.max_retries:
                    queue.appendleft(batch_id)
                    continue
                progress.ended(batch_id, "failed", attempts[batch_id], 0, time.monotonic() - started[batch_id], lost)
                if 0 <= args.error_threshold < progress.failed:
                    failure = f"{progress.failed} mini-batch(es) failed, more than mini_batch_error_threshold {args.error_threshold}"
                    break
    finally:
        for worker in workers:
            worker.stop(kill=failure is not None)
        if out is not None:
            out.close()
    summary = progress.summary("failed" if failure else "completed", failure)
    print(f"[parallel] {json.dumps(summary)}", flush=True)
    if failure:
        print(f"[parallel] the job fails: {failure}", file=sys.stderr, flush=True)
        return 1
    return 0
