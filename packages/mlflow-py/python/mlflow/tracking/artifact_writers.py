"""Writing in-memory objects to a temporary file named like the artifact, for upload.

Each ``write_*`` function writes ``obj`` to ``<tmpdir>/<basename(artifact_file)>`` and returns
that path; the caller uploads it under ``dirname(artifact_file)`` and deletes ``tmpdir``.
Matplotlib, plotly and Pillow are imported only by the function that needs them.
"""

import json
import os

from mlflow.exceptions import MlflowException
from mlflow.utils import mini_yaml


def _target(tmpdir, artifact_file):
    return os.path.join(tmpdir, os.path.basename(artifact_file))


def write_text(tmpdir, text, artifact_file):
    """``text`` as UTF-8."""
    path = _target(tmpdir, artifact_file)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def write_dict(tmpdir, dictionary, artifact_file):
    """``dictionary`` as YAML for ``.yaml``/``.yml`` files, else as indented JSON (as MLflow)."""
    if artifact_file.endswith((".yaml", ".yml")):
        return write_text(tmpdir, mini_yaml.dump(dictionary), artifact_file)
    return write_text(tmpdir, json.dumps(dictionary, indent=2), artifact_file)


def write_figure(tmpdir, figure, artifact_file, save_kwargs=None):
    """A matplotlib figure via ``savefig`` (format from the extension, e.g. PNG), or a plotly
    figure via ``write_html`` (``.html``) / ``write_image``."""
    path = _target(tmpdir, artifact_file)
    module = type(figure).__module__
    if module.startswith("matplotlib"):
        figure.savefig(path, **(save_kwargs or {}))
    elif module.startswith("plotly"):
        write = figure.write_html if path.endswith(".html") else figure.write_image
        write(path, **(save_kwargs or {}))
    else:
        raise MlflowException.invalid_parameter_value(
            f"Unsupported figure object type {type(figure)!r}: expected a matplotlib or plotly figure"
        )
    return path


def write_image(tmpdir, image, artifact_file):
    """A PIL image, or a numpy array (HxW or HxWx3/4; floats in [0, 1] or ints in [0, 255])
    saved with Pillow, else with matplotlib."""
    path = _target(tmpdir, artifact_file)
    if hasattr(image, "save") and type(image).__module__.startswith("PIL"):
        image.save(path)
        return path
    try:
        from PIL import Image

        import numpy as np

        array = np.asarray(image)
        if array.dtype.kind == "f":
            array = (np.clip(array, 0, 1) * 255).round()
        Image.fromarray(array.astype(np.uint8)).save(path)
    except ImportError:
        import matplotlib.image

        matplotlib.image.imsave(path, image)
    return path
