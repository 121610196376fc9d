"""Shared test helpers: temporary table folders and running with or without PyYAML."""

import contextlib
import importlib.util
import os
import shutil
import sys
import tempfile
import unittest

import pathsetup  # noqa: F401



def _importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ValueError:  # sys.modules[name] is None: imports of it are blocked
        return False


HAS_PYYAML = _importable("yaml")


@contextlib.contextmanager
def without_pyyaml():
    """Within the block ``import yaml`` fails, so the built-in YAML reader is used.

    Only the ``yaml`` entry of ``sys.modules`` is touched: modules first imported inside the
    block (pandas, numpy) must stay imported, or numpy breaks when imported a second time."""
    missing = object()
    saved = sys.modules.get("yaml", missing)
    sys.modules["yaml"] = None
    try:
        yield
    finally:
        if saved is missing:
            del sys.modules["yaml"]
        else:
            sys.modules["yaml"] = saved


def yaml_modes():
    """``[(name, context manager factory)]``: PyYAML (when installed) and the built-in reader."""
    modes = [("builtin-reader", without_pyyaml)]
    if HAS_PYYAML:
        modes.insert(0, ("pyyaml", contextlib.nullcontext))
    return modes


class FolderTestCase(unittest.TestCase):
    """A test case with a fresh temporary folder, ``self.dir``, and helpers to fill it."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="mltable-test-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self._cwd = os.getcwd()
        self.addCleanup(os.chdir, self._cwd)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, relative, text, encoding="utf-8", newline=""):
        target = self.path(relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)
        return target

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8") as handle:
            return handle.read()

    def write_bytes(self, relative, data):
        target = self.path(relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
        return target

    def table(self, mltable_text, folder=""):
        """Write ``mltable_text`` as ``<folder>/MLTable`` and load it."""
        import mltable

        self.write(os.path.join(folder, "MLTable"), mltable_text)
        return mltable.load(self.path(folder))

    def frame(self, mltable_text, folder=""):
        return self.table(mltable_text, folder).to_pandas_dataframe()

    def assertRaisesMLTable(self, *fragments):
        """Context manager: an MLTableError whose message contains every fragment."""
        import mltable

        test = self

        class _Check:
            def __enter__(self):
                self.outer = test.assertRaises(mltable.MLTableError)
                self.ctx = self.outer.__enter__()
                return self.ctx

            def __exit__(self, *exc):
                handled = self.outer.__exit__(*exc)
                for fragment in fragments:
                    test.assertIn(fragment, str(self.ctx.exception))
                return handled

        return _Check()
