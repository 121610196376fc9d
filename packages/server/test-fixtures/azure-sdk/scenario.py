# What the SDK scenario scripts share: a client for the test server's default workspace (from the
# variables `lathe sdk env` prints), steps whose outcome or error is kept by name, and the line
# the test reads: "RESULT " and every outcome as JSON.
import json
import time

from azure.ai.ml import MLClient
from azure.identity import DefaultAzureCredential

ml = MLClient(DefaultAzureCredential(), subscription_id="sub-1", resource_group_name="rg-1", workspace_name="default")
out = {}


def step(name, fn):
    try:
        out[name] = fn()
    except Exception as error:  # the test names the step that failed
        out[name] = {"error": f"{type(error).__name__}: {str(error)[:800]}"}


def ended(name, seconds=240):
    """The job as jobs.get returns it once it has ended (or after `seconds`, as it is then)."""
    deadline = time.time() + seconds
    while True:
        job = ml.jobs.get(name)
        if job.status in ("Completed", "Failed", "Canceled") or time.time() > deadline:
            return job
        time.sleep(0.5)


def report():
    print("RESULT " + json.dumps(out))
