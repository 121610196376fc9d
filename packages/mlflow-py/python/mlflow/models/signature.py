"""Model signatures in MLflow's format, inferred from pandas or numpy data.

``ModelSignature.to_dict`` gives ``{"inputs": <json>, "outputs": <json>, "params": None}`` where
each JSON string is a list of column specs (``{"type": "double", "name": "x"}``) or one tensor
spec (``{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}``), which
real MLflow 2.x/3.x parses. Column specs leave out ``required`` (true by default) so older
MLflow versions read them too.
"""

import json

from mlflow.exceptions import MlflowException


class Schema:
    """A list of column or tensor specs (plain dicts, MLflow's JSON form)."""

    def __init__(self, specs):
        self.inputs = list(specs)

    def to_dict(self):
        """The specs as a list of dicts."""
        return [dict(s) for s in self.inputs]

    def to_json(self):
        """The specs as MLflow's JSON string."""
        return json.dumps(self.to_dict())

    def input_names(self):
        """Column names (indexes for unnamed specs)."""
        return [s.get("name", i) for i, s in enumerate(self.inputs)]

    def __eq__(self, other):
        return isinstance(other, Schema) and self.inputs == other.inputs

    def __repr__(self):
        return f"Schema({self.inputs!r})"


class ModelSignature:
    """Input and output schemas of a model (``params`` is kept as given)."""

    def __init__(self, inputs=None, outputs=None, params=None):
        self.inputs = inputs
        self.outputs = outputs
        self.params = params

    def to_dict(self):
        """MLflow's MLmodel form: schemas as JSON strings."""
        return {
            "inputs": self.inputs.to_json() if self.inputs else None,
            "outputs": self.outputs.to_json() if self.outputs else None,
            "params": self.params,
        }

    @classmethod
    def from_dict(cls, d):
        """A signature from MLflow's MLmodel form."""
        def schema(text):
            return Schema(json.loads(text)) if text else None

        return cls(schema(d.get("inputs")), schema(d.get("outputs")), d.get("params"))

    def __eq__(self, other):
        return isinstance(other, ModelSignature) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return f"ModelSignature(inputs={self.inputs!r}, outputs={self.outputs!r})"


def _column_type(dtype, values=None):
    kind, size = dtype.kind, dtype.itemsize
    if kind == "b":
        return "boolean"
    if kind in "iu":
        return "integer" if size <= 4 and not (kind == "u" and size == 4) else "long"
    if kind == "f":
        return "float" if size <= 4 else "double"
    if kind == "U" or (kind == "O" and values is not None and all(isinstance(v, str) for v in values)):
        return "string"
    if kind == "S":
        return "binary"
    if kind == "M":
        return "datetime"
    raise MlflowException.invalid_parameter_value(f"Cannot infer a signature type for dtype {dtype}")


def _infer_schema(data):
    module = type(data).__module__
    if module.startswith("pandas") and type(data).__name__ == "DataFrame":
        return Schema([{"type": _column_type(data[c].dtype, data[c].tolist()), "name": str(c)} for c in data.columns])
    if module.startswith("pandas") and type(data).__name__ == "Series":
        spec = {"type": _column_type(data.dtype, data.tolist())}
        return Schema([{**spec, "name": str(data.name)}] if data.name is not None else [spec])
    if module.startswith("numpy") and type(data).__name__ == "ndarray":
        if data.dtype.kind == "O":
            raise MlflowException.invalid_parameter_value("Cannot infer a tensor signature for object arrays")
        shape = [-1, *data.shape[1:]] if data.ndim else []
        return Schema([{"type": "tensor", "tensor-spec": {"dtype": str(data.dtype), "shape": shape}}])
    raise MlflowException.invalid_parameter_value(f"Cannot infer a signature from {type(data)!r}")


def infer_signature(model_input=None, model_output=None, params=None):
    """A signature from example input/output (pandas DataFrame or Series, numpy array)."""
    inputs = _infer_schema(model_input) if model_input is not None else None
    outputs = _infer_schema(model_output) if model_output is not None else None
    return ModelSignature(inputs, outputs, params)
