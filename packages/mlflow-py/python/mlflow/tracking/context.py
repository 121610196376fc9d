"""Default tags of a new run, as MLflow's context providers set them.

``mlflow.user`` (login name), ``mlflow.source.name`` (the script), ``mlflow.source.type``
(``LOCAL``) and, when the script is in a git checkout, ``mlflow.source.git.commit``. Tags the
caller passes win over these.
"""

import getpass
import os
import sys

MLFLOW_USER = "mlflow.user"
MLFLOW_SOURCE_NAME = "mlflow.source.name"
MLFLOW_SOURCE_TYPE = "mlflow.source.type"
MLFLOW_GIT_COMMIT = "mlflow.source.git.commit"
MLFLOW_RUN_NAME = "mlflow.runName"
MLFLOW_PARENT_RUN_ID = "mlflow.parentRunId"
MLFLOW_RUN_NOTE = "mlflow.note.content"
MLFLOW_AUTOLOGGING = "mlflow.autologging"


def get_user():
    """The login name, or ``unknown``."""
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def _git_commit(start):
    directory = os.path.abspath(start)
    while True:
        head = os.path.join(directory, ".git", "HEAD")
        if os.path.isfile(head):
            return _resolve_head(os.path.join(directory, ".git"), head)
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _resolve_head(git_dir, head):
    with open(head) as f:
        ref = f.read().strip()
    if not ref.startswith("ref: "):
        return ref or None
    ref_file = os.path.join(git_dir, ref[5:])
    if os.path.isfile(ref_file):
        with open(ref_file) as f:
            return f.read().strip() or None
    return None


def resolve_tags(user_tags=None):
    """Default context tags merged under ``user_tags`` (values made strings)."""
    source = sys.argv[0] if sys.argv and sys.argv[0] else "<console>"
    tags = {MLFLOW_USER: get_user(), MLFLOW_SOURCE_NAME: source, MLFLOW_SOURCE_TYPE: "LOCAL"}
    try:
        commit = _git_commit(os.path.dirname(os.path.abspath(source)))
    except OSError:
        commit = None
    if commit:
        tags[MLFLOW_GIT_COMMIT] = commit
    tags.update({k: str(v) for k, v in (user_tags or {}).items()})
    return tags
