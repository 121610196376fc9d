"""The environment files of a model folder: ``requirements.txt``, ``conda.yaml``,
``python_env.yaml`` (MLflow's formats and names).

Requirements are ``mlflow==<MLflow version this client follows>`` (so a real MLflow installs),
then the flavor's pinned packages, then ``extra_pip_requirements``; ``pip_requirements``
(a list, or a path to a requirements file) replaces the defaults; ``conda_env`` (a dict or a
path to a YAML file) replaces everything and its pip list becomes ``requirements.txt``.
"""

import importlib.metadata
import os
import platform

from mlflow.utils import mini_yaml
from mlflow.version import MLFLOW_COMPAT_VERSION

CONDA_ENV_FILE_NAME = "conda.yaml"
PYTHON_ENV_FILE_NAME = "python_env.yaml"
REQUIREMENTS_FILE_NAME = "requirements.txt"


def pinned_requirement(package, module_version=None):
    """``package==<installed version>``, or just ``package`` when not installed. A local version
    label (``1.13.0+cu117``, a distribution's ``+gitunknown``) is dropped, as MLflow does: no
    package index has those builds."""
    try:
        version = module_version or importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return package
    return f"{package}=={version.split('+', 1)[0]}"


def _read_requirements(value):
    if isinstance(value, str):
        with open(value, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip() and not line.startswith("#")]
    return [str(r) for r in value]


def _pip_from_conda(conda_env):
    for dep in conda_env.get("dependencies", []) or []:
        if isinstance(dep, dict) and "pip" in dep:
            return [str(r) for r in dep["pip"]]
    return []


def conda_env_for(requirements):
    """MLflow's default conda environment around a pip requirement list."""
    python = platform.python_version()
    pip = pinned_requirement("pip").replace("==", "<=")
    return {"channels": ["conda-forge"], "dependencies": [f"python={python}", pip, {"pip": requirements}],
            "name": "mlflow-env"}


def python_env():
    """MLflow's ``python_env.yaml`` content for this interpreter."""
    build = [pinned_requirement(p) for p in ("pip", "setuptools", "wheel")]
    return {"python": platform.python_version(), "build_dependencies": build, "dependencies": ["-r requirements.txt"]}


def write_environment(path, default_requirements, conda_env=None, pip_requirements=None, extra_pip_requirements=None):
    """Write the three environment files into the model folder ``path``."""
    if conda_env is not None:
        if isinstance(conda_env, str):
            with open(conda_env, encoding="utf-8") as f:
                conda_env = mini_yaml.load(f.read())
        requirements = _pip_from_conda(conda_env)
    else:
        if pip_requirements is not None:
            requirements = _read_requirements(pip_requirements)
        else:
            requirements = [f"mlflow=={MLFLOW_COMPAT_VERSION}", *default_requirements]
        requirements += _read_requirements(extra_pip_requirements or [])
        conda_env = conda_env_for(requirements)
    with open(os.path.join(path, CONDA_ENV_FILE_NAME), "w", encoding="utf-8") as f:
        f.write(mini_yaml.dump(conda_env))
    with open(os.path.join(path, PYTHON_ENV_FILE_NAME), "w", encoding="utf-8") as f:
        f.write(mini_yaml.dump(python_env()))
    with open(os.path.join(path, REQUIREMENTS_FILE_NAME), "w", encoding="utf-8") as f:
        f.write("\n".join(requirements))
