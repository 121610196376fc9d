# A pipeline component registered with ml_client.components.create_or_update (the SDK registers
# its steps' command components first), read back, and run as a step of a @dsl.pipeline whose
# other step is a command component; the script waits for the pipeline and lists its steps.
# Run from examples/pipelines (it reads components/*.yml and ../data/iris.csv).
from azure.ai.ml import Input, dsl, load_component
from azure.ai.ml.entities import AmlCompute

from scenario import ended, ml, out, report, step


def register():
    created = ml.components.create_or_update(load_component(source="components/train-score-evaluate.yml"))
    return {"name": created.name, "version": created.version, "type": created.type}


step("register", register)


def read_back():
    got = ml.components.get("iris_train_score_evaluate", version="1")
    return {"type": got.type, "steps": sorted(got.jobs.keys()), "inputs": sorted(got.inputs.keys())}


step("get", read_back)


def submit():
    train_score_evaluate = ml.components.get("iris_train_score_evaluate", version="1")
    prep = load_component(source="components/prep.yml")

    @dsl.pipeline(compute="cpu-cluster", description="prep, then the registered pipeline component")
    def iris_with_component(iris):
        prepared = prep(data=iris)
        model = train_score_evaluate(prepared=prepared.outputs.prepared, C=0.8)
        return {"report": model.outputs.report}

    ml.compute.begin_create_or_update(AmlCompute(name="cpu-cluster", size="STANDARD_DS3_V2", max_instances=2)).result()
    created = ml.jobs.create_or_update(iris_with_component(iris=Input(type="uri_file", path="../data/iris.csv")), experiment_name="sdk-pipeline-component")
    return {"name": created.name}


step("submit", submit)
name = out["submit"].get("name") if isinstance(out.get("submit"), dict) else None
if name:
    step("wait", lambda: ended(name).status)
    step("steps", lambda: sorted(j.display_name or j.name for j in ml.jobs.list(parent_job_name=name)))
report()
