"""The iris sweep pipeline of iris-sweep-pipeline.yml, written with @dsl.pipeline: train's C is
tuned by a sweep node, and score and evaluate read the best trial's model.

Run it with the variables `lathe sdk env` prints, from this folder:

    eval "$(lathe sdk env)" && python3 iris_sweep_pipeline.py
"""
import time

from azure.ai.ml import Input, MLClient, dsl, load_component
from azure.ai.ml.entities import AmlCompute
from azure.ai.ml.sweep import Choice
from azure.identity import DefaultAzureCredential

ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-0000-0000-0000-000000000000",
                     resource_group_name="local", workspace_name="default")

prep = load_component(source="components/prep.yml")
train = load_component(source="components/train.yml")
score = load_component(source="components/score.yml")
evaluate = load_component(source="components/evaluate.yml")


@dsl.pipeline(compute="cpu-cluster", description="Split iris, tune C with a sweep, then score and evaluate the best model.")
def iris_sweep_pipeline(iris):
    prepared = prep(data=iris)
    tune = train(prepared=prepared.outputs.prepared, C=Choice([0.01, 0.1, 1.0, 10.0])).sweep(
        primary_metric="cv_accuracy", goal="maximize", sampling_algorithm="grid")
    tune.set_limits(max_total_trials=4, max_concurrent_trials=2, timeout=900)
    scored = score(model=tune.outputs.model, prepared=prepared.outputs.prepared)
    evaluated = evaluate(scored=scored.outputs.scored)
    return {"report": evaluated.outputs.report}


# The SDK checks that a pipeline's compute exists; on Lathe a compute target runs on local compute.
ml_client.compute.begin_create_or_update(AmlCompute(name="cpu-cluster", size="STANDARD_DS3_V2", max_instances=2)).result()
job = ml_client.jobs.create_or_update(iris_sweep_pipeline(iris=Input(type="uri_file", path="../data/iris.csv")), experiment_name="iris-sweep-pipeline-sdk")
print(f"Pipeline submitted: {job.name}. Studio link: {job.studio_url}")
while job.status not in ("Completed", "Failed", "Canceled"):
    time.sleep(1)
    job = ml_client.jobs.get(job.name)
print(f"Pipeline {job.name} {job.status}")
for step in ml_client.jobs.list(parent_job_name=job.name):
    print(f"  step {step.display_name}: {step.status}")
