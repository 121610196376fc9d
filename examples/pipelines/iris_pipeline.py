"""The iris pipeline of iris-pipeline.yml, written with @dsl.pipeline over the same component files.

Run it with the variables `lathe sdk env` prints, from this folder:

    eval "$(lathe sdk env)" && python3 iris_pipeline.py [--min-accuracy 0.9]

Run it twice: the second run reuses every step whose work is unchanged.
"""
import argparse
import time

from azure.ai.ml import Input, MLClient, dsl, load_component
from azure.ai.ml.entities import AmlCompute
from azure.identity import DefaultAzureCredential

parser = argparse.ArgumentParser()
parser.add_argument("--min-accuracy", type=float, default=0.85)
args = parser.parse_args()

ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-0000-0000-0000-000000000000",
                     resource_group_name="local", workspace_name="default")

prep = load_component(source="components/prep.yml")
train = load_component(source="components/train.yml")
score = load_component(source="components/score.yml")
evaluate = load_component(source="components/evaluate.yml")


@dsl.pipeline(compute="cpu-cluster", description="Split iris, train, predict the held-out part and evaluate the predictions.")
def iris_pipeline(iris, C, min_accuracy):
    prepared = prep(data=iris)
    trained = train(prepared=prepared.outputs.prepared, C=C)
    scored = score(model=trained.outputs.model, prepared=prepared.outputs.prepared)
    evaluated = evaluate(scored=scored.outputs.scored, min_accuracy=min_accuracy)
    return {"report": evaluated.outputs.report}


# The SDK checks that a pipeline's compute exists; on Lathe a compute target runs on local compute.
ml_client.compute.begin_create_or_update(AmlCompute(name="cpu-cluster", size="STANDARD_DS3_V2", max_instances=2)).result()
pipeline = iris_pipeline(iris=Input(type="uri_file", path="../data/iris.csv"), C=0.8, min_accuracy=args.min_accuracy)
job = ml_client.jobs.create_or_update(pipeline, experiment_name="iris-pipeline-sdk")
print(f"Pipeline submitted: {job.name}. Studio link: {job.studio_url}")
while job.status not in ("Completed", "Failed", "Canceled"):
    time.sleep(1)
    job = ml_client.jobs.get(job.name)
print(f"Pipeline {job.name} {job.status}")
for step in ml_client.jobs.list(parent_job_name=job.name):
    print(f"  step {step.display_name}: {step.status}")
