# Components and computes through the real azure-ai-ml SDK, run by azure-ml-sdk-assets.test.ts in a
# folder holding ./src; the computes cpu-cluster and old-cluster exist. Each step's outcome, or its error, is
# printed as one JSON line after "RESULT ".
from azure.ai.ml import Input, Output
from azure.ai.ml.entities import AmlCompute, CommandComponent

from scenario import ml, report, step


def component(c):
    return {
        "name": c.name,
        "version": c.version,
        "command": c.command,
        "code": c.code,
        "environment": str(c.environment),
        "inputs": {k: {"type": v.type, "default": v.default} for k, v in c.inputs.items()},
        "outputs": sorted(c.outputs),
    }


def compute(c):
    return {"name": c.name, "type": c.type, "max_instances": c.max_instances, "min_instances": c.min_instances, "size": c.size, "state": c.provisioning_state}


train = CommandComponent(
    name="train_step",
    version="1",
    display_name="Train",
    code="./src",
    command="python train.py --lr ${{inputs.lr}} --epochs ${{inputs.epochs}} --out ${{outputs.model}}",
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
    inputs={"lr": Input(type="number", default=0.1), "epochs": Input(type="integer", default=3), "data": Input(type="uri_folder")},
    outputs={"model": Output(type="uri_folder")},
)
step("component_create", lambda: component(ml.components.create_or_update(train)))
step("component_again", lambda: component(ml.components.create_or_update(train)))
step("component_get", lambda: component(ml.components.get("train_step", version="1")))
score = CommandComponent(name="train_step", code="./src", command="python train.py", environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
step("component_autoversion", lambda: component(ml.components.create_or_update(score)))
step("component_latest", lambda: component(ml.components.get("train_step", label="latest")))
step("component_list", lambda: sorted([c.name, c.latest_version] for c in ml.components.list()))
step("component_recreate", lambda: component(ml.components.create_or_update(ml.components.get("train_step", version="1"))))
step("component_archive", lambda: (ml.components.archive("train_step", version="2"), ml.components.get("train_step", label="latest").version)[1])

step("compute_get", lambda: compute(ml.compute.get("cpu-cluster")))
step("compute_builtin", lambda: compute(ml.compute.get("local")))
step("compute_list", lambda: sorted(c.name for c in ml.compute.list()))
step("compute_create", lambda: compute(ml.compute.begin_create_or_update(AmlCompute(name="gpu-cluster", size="STANDARD_NC6", min_instances=0, max_instances=2, idle_time_before_scale_down=300)).result()))
step("compute_delete", lambda: (ml.compute.begin_delete("old-cluster").result(), sorted(c.name for c in ml.compute.list()))[1])

report()
