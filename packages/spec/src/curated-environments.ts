/**
 * Azure ML's curated environments, as users copy them from Azure examples
 * (`azureml://registries/azureml/environments/sklearn-1.5/labels/latest`,
 * `azureml:AzureML-sklearn-1.5@latest`), each with the local equivalent Lathe runs: the Python
 * packages that define it, which the machine's Python must have. Azure's images also carry the
 * Azure ML SDK, debuggers and profilers; only what a training script imports is listed. The
 * names are those of Azure/azureml-assets (`assets/*\/environments/<name>`) and the older
 * workspace names still found in Azure/azureml-examples.
 */

/** One curated environment and its local equivalent. */
export interface CuratedEnvironment {
  /** The registry name: `sklearn-1.5`. Matched case-insensitively, with or without `AzureML-`. */
  name: string;
  description: string;
  /** The Azure image it stands for (not run: Lathe runs jobs on the host). */
  image: string;
  /** The Python version of Azure's image; jobs run with Lathe's Python. */
  python: string;
  /** Pip names of the packages that define it. */
  packages: string[];
}

const IMAGE = (name: string) => `mcr.microsoft.com/azureml/curated/${name}:latest`;
const SKLEARN = ['scikit-learn', 'pandas', 'numpy', 'scipy', 'joblib', 'mlflow'];
const LIGHTGBM = ['lightgbm', 'scikit-learn', 'pandas', 'numpy', 'scipy', 'mlflow'];
const TENSORFLOW = ['tensorflow', 'pandas', 'numpy', 'scipy', 'mlflow'];
const PYTORCH = ['torch', 'numpy', 'mlflow'];
const RAI = ['responsibleai', 'raiwidgets', 'scikit-learn', 'pandas', 'numpy', 'mlflow'];

function entry(name: string, python: string, packages: string[], description: string): CuratedEnvironment {
  return { name, description, image: IMAGE(name), python, packages };
}

const sklearn = (name: string, python: string, version: string) => entry(name, python, SKLEARN, `Scikit-learn ${version} for regression, clustering and classification, with pandas and MLflow.`);
const tensorflow = (name: string, python: string, version: string) => entry(name, python, TENSORFLOW, `TensorFlow ${version} for deep learning (GPU on Azure; the machine's TensorFlow here).`);
const pytorch = (name: string, python: string, version: string) => entry(name, python, PYTORCH, `PyTorch ${version} for deep learning (Azure Container for PyTorch; the machine's torch here).`);
const minimal = (name: string, python: string, packages: string[]) => entry(name, python, packages, `Minimal Python ${python} environment for scoring scripts.`);

/** Every curated environment Lathe knows, by registry name. */
export const CURATED_ENVIRONMENTS: readonly CuratedEnvironment[] = [
  sklearn('sklearn-1.5', '3.10', '1.5'),
  sklearn('sklearn-1.1', '3.9', '1.1'),
  sklearn('sklearn-1.0', '3.9', '1.0'),
  sklearn('sklearn-1.0-ubuntu20.04-py38-cpu', '3.8', '1.0'),
  sklearn('sklearn-0.24-ubuntu18.04-py37-cpu', '3.7', '0.24'),
  entry('lightgbm-3.3', '3.10', LIGHTGBM, 'LightGBM for gradient-boosted trees, with scikit-learn, pandas and MLflow.'),
  entry('lightgbm-3.2-ubuntu18.04-py37-cpu', '3.7', LIGHTGBM, 'LightGBM 3.2 for gradient-boosted trees, with scikit-learn, pandas and MLflow.'),
  tensorflow('tensorflow-2.16-cuda12', '3.11', '2.16'),
  tensorflow('tensorflow-2.16-cuda11', '3.10', '2.16'),
  tensorflow('tensorflow-2.12-cuda11', '3.8', '2.12'),
  tensorflow('tensorflow-2.7-ubuntu20.04-py38-cuda11-gpu', '3.8', '2.7'),
  pytorch('acpt-pytorch-2.8-cuda12.6', '3.10', '2.8'),
  pytorch('acpt-pytorch-2.2-cuda12.1', '3.10', '2.2'),
  pytorch('acpt-pytorch-1.13-cuda11.7', '3.8', '1.13'),
  pytorch('acpt-pytorch-1.12-py39-cuda11.6-gpu', '3.9', '1.12'),
  pytorch('pytorch-1.10-ubuntu18.04-py38-cuda11-gpu', '3.8', '1.10'),
  pytorch('pytorch-1.9-ubuntu18.04-py37-cuda11-gpu', '3.7', '1.9'),
  entry('responsibleai-tabular', '3.9', RAI, 'Responsible AI dashboard and insights for tabular models.'),
  entry('responsibleai-ubuntu20.04-py38-cpu', '3.8', RAI, 'Responsible AI dashboard and insights for tabular models.'),
  minimal('minimal-py311-inference', '3.11', ['numpy', 'joblib']),
  minimal('minimal-py312-cuda12.4-inference', '3.12', ['numpy']),
  minimal('minimal-ubuntu22.04-py39-cpu-inference', '3.9', []),
  minimal('minimal-ubuntu20.04-py38-cpu-inference', '3.8', []),
  entry('mlflow-py312-inference', '3.12', ['mlflow', 'scikit-learn', 'pandas', 'numpy', 'joblib', 'cloudpickle', 'psutil'], 'Scoring MLflow models (Python 3.12).'),
  minimal('minimal', '3.8', []),
];

const BY_NAME = new Map(CURATED_ENVIRONMENTS.map((e) => [e.name.toLowerCase(), e]));

/**
 * The curated environment a name stands for: the registry name (`sklearn-1.5`) or the workspace
 * name Azure gives it (`AzureML-sklearn-1.5`), in any case.
 *
 * @example
 * findCuratedEnvironment('AzureML-sklearn-1.5')?.packages; // ['scikit-learn', 'pandas', ...]
 */
export function findCuratedEnvironment(name: string): CuratedEnvironment | undefined {
  const key = name.toLowerCase();
  return BY_NAME.get(key) ?? (key.startsWith('azureml-') ? BY_NAME.get(key.slice('azureml-'.length)) : undefined);
}

/** The version curated environments are listed and shown with. */
export const CURATED_VERSION = 'curated';

/**
 * A curated environment as an environment spec (the form `lathe environment show` prints and
 * jobs resolve): its image, and a conda file listing its packages.
 */
export function curatedEnvironmentSpec(env: CuratedEnvironment): Record<string, unknown> {
  return {
    name: env.name,
    version: CURATED_VERSION,
    description: env.description,
    image: env.image,
    conda_file: { name: env.name, dependencies: env.packages.length > 0 ? [{ pip: [...env.packages] }] : [] },
    os_type: 'linux',
    tags: { curated: 'true', azure_python: env.python },
  };
}
