# A pipeline written with @dsl.pipeline over two command(...) components, submitted with
# jobs.create_or_update (the SDK registers an anonymous component for each first); the script
# waits for it, lists its steps by parent_job_name and downloads the pipeline's output.
# Run from a folder holding src/.
from azure.ai.ml import Input, Output, command, dsl
from azure.ai.ml.entities import AmlCompute

from scenario import ended, ml, out, report, step

ENV = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"
double = command(
    name="double",
    code="./src",
    command="python double.py --x ${{inputs.x}} --out ${{outputs.result}}",
    inputs={"x": 1},
    outputs={"result": Output(type="uri_folder")},
    environment=ENV,
)
add = command(
    name="add",
    code="./src",
    command="python add.py --a ${{inputs.a}} --y ${{inputs.y}} --out ${{outputs.total}}",
    inputs={"a": Input(type="uri_folder"), "y": 1},
    outputs={"total": Output(type="uri_folder")},
    environment=ENV,
)


@dsl.pipeline(compute="cpu-cluster", description="doubles x, then adds y")
def arithmetic(x, y):
    doubled = double(x=x)
    added = add(a=doubled.outputs.result, y=y)
    return {"total": added.outputs.total}


def submit():
    # The SDK checks that the pipeline's compute exists before it submits.
    ml.compute.begin_create_or_update(AmlCompute(name="cpu-cluster", size="STANDARD_DS3_V2", max_instances=2)).result()
    created = ml.jobs.create_or_update(arithmetic(x=5, y=3), experiment_name="sdk-pipeline")
    return {"name": created.name, "type": created.type}


step("submit", submit)
name = out["submit"].get("name") if isinstance(out.get("submit"), dict) else None


def wait():
    got = ended(name)
    return {"status": got.status, "type": got.type}


if name:
    step("wait", wait)
    step("steps", lambda: sorted(j.name for j in ml.jobs.list(parent_job_name=name)))
report()
