# The acceptance snippet (docs/reference/azure-sdk.md), timed: each mark is printed as a JSON line
# `{"mark": ..., "t": <epoch ms>}` on stdout, read by bench-azure-sdk.mjs. Run in a folder with
# ./src/train.py, with the variables of `lathe sdk env` set.
import json
import time


def mark(label, **extra):
    print(json.dumps({"mark": label, "t": time.time() * 1000, **extra}), flush=True)


mark("interpreter")

from azure.ai.ml import MLClient, command
from azure.identity import DefaultAzureCredential

ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-1111-2222-3333-444444444444",
                     resource_group_name="my-rg", workspace_name="default")
mark("client")
job = command(
    code="./src",
    command="python train.py --data ${{inputs.input_data}}",
    inputs={"input_data": {"type": "uri_folder", "path": "azureml:diabetes-data:1"}},
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
    compute="cpu-cluster",
    display_name="sklearn-training-job",
    description="Treinamento de modelo Sklearn para diabetes",
)
returned_job = ml_client.jobs.create_or_update(job)
mark("submitted", name=returned_job.name)
