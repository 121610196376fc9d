# Data, models and environments through the real azure-ai-ml SDK, run by azure-ml-sdk-assets.test.ts
# in a folder holding ./local (a folder of data), ./model, ./mlmodel (an MLflow model) and conda.yml.
# Each step's outcome, or its error, is printed as one JSON line after "RESULT ".
from azure.ai.ml.entities import Data, Environment, Model

from scenario import ml, report, step


def data(d):
    return {"name": d.name, "version": d.version, "path": d.path, "type": d.type, "description": d.description, "tags": d.tags}


def model(m):
    return {"name": m.name, "version": m.version, "path": m.path, "type": m.type, "flavors": m.flavors}


def env(e):
    return {"name": e.name, "version": e.version, "image": e.image, "conda_file": e.conda_file}


def containers(items):
    return sorted([c.name, c.latest_version] for c in items)


iris = Data(name="iris", version="1", path="./local", type="uri_folder", description="iris folder", tags={"k": "v"})
step("data_create", lambda: data(ml.data.create_or_update(iris)))
step("data_again", lambda: data(ml.data.create_or_update(iris)))
step("data_autoversion", lambda: data(ml.data.create_or_update(Data(name="iris", path="./local/one.csv", type="uri_file"))))
step("data_first_autoversion", lambda: data(ml.data.create_or_update(Data(name="fresh", path="./local/one.csv", type="uri_file"))))
step("data_get", lambda: data(ml.data.get("iris", version="1")))
step("data_latest", lambda: data(ml.data.get("iris", label="latest")))
step("data_list", lambda: containers(ml.data.list()))
step("data_versions", lambda: sorted(d.version for d in ml.data.list(name="iris")))
step("data_archive", lambda: (ml.data.archive("iris", version="2"), ml.data.get("iris", label="latest").version)[1])
step("data_restore", lambda: (ml.data.restore("iris", version="2"), ml.data.get("iris", label="latest").version)[1])
step("data_archive_name", lambda: (ml.data.archive("fresh"), containers(ml.data.list()))[1])
step("data_recreate", lambda: data(ml.data.create_or_update(ml.data.get("iris", version="1"))))

step("model_create", lambda: model(ml.models.create_or_update(Model(name="clf", version="1", path="./model", type="custom_model"))))
step("model_autoversion", lambda: model(ml.models.create_or_update(Model(name="clf", path="./model/model.pkl"))))
step("model_mlflow", lambda: model(ml.models.create_or_update(Model(name="mlf", version="3", path="./mlmodel", type="mlflow_model"))))
step("model_get", lambda: model(ml.models.get("clf", version="1")))
step("model_latest", lambda: model(ml.models.get("clf", label="latest")))
step("model_list", lambda: containers(ml.models.list()))
step("model_archive", lambda: (ml.models.archive("clf", version="1"), sorted(m.version for m in ml.models.list(name="clf")))[1])

step("env_create", lambda: env(ml.environments.create_or_update(Environment(name="myenv", version="1", image="python:3.10-slim", conda_file="./conda.yml"))))
step("env_autoversion", lambda: env(ml.environments.create_or_update(Environment(name="myenv", image="python:3.11-slim"))))
step("env_get", lambda: env(ml.environments.get("myenv", version="1")))
step("env_latest", lambda: env(ml.environments.get("myenv", label="latest")))
step("env_list", lambda: containers(ml.environments.list()))
step("curated_latest", lambda: env(ml.environments.get("AzureML-sklearn-1.0-ubuntu20.04-py38-cpu", label="latest")))
step("curated_version", lambda: env(ml.environments.get("AzureML-sklearn-1.0-ubuntu20.04-py38-cpu", version="curated")))

report()
