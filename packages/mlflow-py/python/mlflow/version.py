"""Version of Lathe's MLflow-compatible client.

``VERSION`` follows MLflow 2.x numbering (the API surface it matches) with a ``+lathe`` local
label, so tools that parse it see a valid PEP 440 version and people see whose client it is.
"""

VERSION = "2.19.0+lathe"

#: The MLflow release whose API and file formats this client follows; used where a real
#: MLflow must be installed to load an artifact (``requirements.txt`` of a saved model).
MLFLOW_COMPAT_VERSION = VERSION.split("+", 1)[0]
