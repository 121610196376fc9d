import importlib.util
import unittest
from unittest import mock

from helpers import FolderTestCase
import mltable

HAS_ENGINE = any(importlib.util.find_spec(name) for name in ("pyarrow", "fastparquet"))
MLTABLE = "paths:\n  - pattern: ./*.parquet\ntransformations:\n  - read_parquet:\n      include_path_column: true\n"


class ReadParquet(FolderTestCase):
    def test_without_pyarrow_or_fastparquet_the_error_names_the_package(self):
        self.write_bytes("a.parquet", b"PAR1")
        real_find_spec = importlib.util.find_spec
        hidden = lambda name, *args: None if name in ("pyarrow", "fastparquet") else real_find_spec(name, *args)  # noqa: E731
        with mock.patch("importlib.util.find_spec", hidden):
            with self.assertRaises(mltable.MissingDependencyError) as caught:
                self.frame(MLTABLE)
        message = str(caught.exception)
        for fragment in ("transformations[0].read_parquet", "needs the 'pyarrow' package (or 'fastparquet')",
                         "pip install pyarrow"):
            self.assertIn(fragment, message)
        self.assertIsInstance(caught.exception, ImportError)

    @unittest.skipUnless(HAS_ENGINE, "neither pyarrow nor fastparquet is installed")
    def test_parquet_files_are_read_in_order(self):
        import pandas

        pandas.DataFrame({"a": [1, 2]}).to_parquet(self.path("1.parquet"))
        pandas.DataFrame({"a": [3]}).to_parquet(self.path("2.parquet"))
        df = self.frame(MLTABLE)
        self.assertEqual(df["a"].tolist(), [1, 2, 3])
        self.assertEqual(df["Path"].tolist(), [self.path("1.parquet")] * 2 + [self.path("2.parquet")])


if __name__ == "__main__":
    unittest.main()
