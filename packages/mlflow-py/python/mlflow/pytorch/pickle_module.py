"""The ``pickle_module`` ``mlflow.pytorch`` hands ``torch.save`` and ``torch.load`` by default, under
the name real MLflow writes into ``data/pickle_module_info.txt``, so models saved by either client
load with both.

With cloudpickle importable this is cloudpickle (whose ``CloudPickler`` is the ``Pickler`` torch
calls, and pickle's ``Unpickler``), as in real MLflow. Without it, it is the standard ``pickle``:
enough for models whose classes are importable, which is what loading needs anyway.
"""

from pickle import Unpickler  # noqa: F401  (torch.load calls pickle_module.Unpickler)

try:
    from cloudpickle import *  # noqa: F401,F403
    from cloudpickle import CloudPickler as Pickler  # noqa: F401
except ImportError:
    from pickle import *  # noqa: F401,F403
    from pickle import Pickler  # noqa: F401
