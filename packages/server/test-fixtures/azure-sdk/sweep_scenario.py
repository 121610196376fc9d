# A sweep submitted the way the Azure ML docs show: a command whose inputs are replaced by search
# distributions, then .sweep(...), then jobs.create_or_update; the script waits for it, lists its
# trials by parent_job_name and downloads the best trial's model. Run from a folder holding src/.
# (compute="local" is not used: the SDK 1.4.0 sets environment_variables on the job then, which a
# SweepJob lacks.)
from azure.ai.ml import Output, command
from azure.ai.ml.sweep import BanditPolicy, Choice

from scenario import ended, ml, out, report, step

job = command(
    code="./src",
    command="python train.py --x ${{inputs.x}} --kind ${{inputs.kind}} --model-dir ${{outputs.model}}",
    inputs={"x": 1, "kind": "a"},
    outputs={"model": Output(type="uri_folder")},
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
    compute="cpu-cluster",
    experiment_name="sdk-sweep",
)
sweep_job = job(x=Choice(values=[1, 2, 3]), kind=Choice(values=["a", "b"])).sweep(
    compute="cpu-cluster",
    sampling_algorithm="grid",
    primary_metric="score",
    goal="Maximize",
    # A slack no trial falls outside: every trial runs to the end.
    early_termination_policy=BanditPolicy(slack_factor=10, evaluation_interval=1),
)
sweep_job.set_limits(max_total_trials=6, max_concurrent_trials=2, timeout=600)


def submit():
    created = ml.jobs.create_or_update(sweep_job)
    return {"name": created.name, "type": created.type, "status": created.status}


step("submit", submit)
name = out["submit"].get("name") if isinstance(out.get("submit"), dict) else None


def wait():
    got = ended(name)
    return {
        "status": got.status,
        "type": got.type,
        "best": got.properties.get("best_child_run_id"),
        "score": got.properties.get("score"),
        "primary_metric": got.objective.primary_metric,
        "max_total_trials": got.limits.max_total_trials,
        "search_space": sorted(got.search_space.keys()),
    }


if name:
    step("wait", wait)
    step("trials", lambda: sorted(j.name for j in ml.jobs.list(parent_job_name=name)))

    def download():
        ml.jobs.download(name, output_name="model", download_path="downloaded")
        with open("downloaded/named-outputs/model/model.txt") as f:
            return f.read()

    step("download", download)
report()
