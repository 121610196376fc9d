import os
import unittest

from helpers import FolderTestCase
import mltable


def reading(paths):
    return f"paths:\n{paths}\ntransformations:\n  - read_delimited:\n      header: all_files_same_headers\n"


class Paths(FolderTestCase):
    def setUp(self):
        super().setUp()
        for name in ("data/2021/b.csv", "data/2020/a.csv", "data/top.csv", "other.txt"):
            self.write(name, f"name\n{os.path.basename(name)}\n")

    def names(self, paths):
        return self.frame(reading(paths))["name"].tolist()

    def test_file_folder_and_pattern(self):
        self.assertEqual(self.names("  - file: ./data/top.csv"), ["top.csv"])
        self.assertEqual(self.names("  - folder: ./data"), ["a.csv", "b.csv", "top.csv"])
        self.assertEqual(self.names("  - pattern: ./data/*.csv"), ["top.csv"])
        self.assertEqual(self.names("  - pattern: ./data/**/*.csv"), ["a.csv", "b.csv", "top.csv"])
        self.assertEqual(self.names("  - pattern: ./data/202[0]/?.csv"), ["a.csv"])

    def test_several_entries_keep_their_order(self):
        self.assertEqual(self.names("  - file: data/top.csv\n  - file: ./data/2020/a.csv"), ["top.csv", "a.csv"])

    def test_absolute_paths_and_paths_outside_the_folder(self):
        self.assertEqual(self.names(f"  - file: {self.path('data', 'top.csv')}"), ["top.csv"])
        self.write("sub/MLTable", reading("  - file: ../data/top.csv"))
        self.assertEqual(mltable.load(self.path("sub")).to_pandas_dataframe()["name"].tolist(), ["top.csv"])

    def test_file_uri_prefix(self):
        self.assertEqual(self.names(f"  - file: file://{self.path('data', 'top.csv')}"), ["top.csv"])

    def test_the_mltable_file_itself_is_not_data(self):
        text = "paths:\n  - folder: .\n"
        self.assertNotIn(self.path("MLTable"), self.frame(text)["Path"].tolist())

    def test_missing_file_says_which(self):
        with self.assertRaisesMLTable(self.path("MLTable"), "paths[1].file", self.path("data", "nope.csv"), "does not exist"):
            self.frame(reading("  - file: ./data/top.csv\n  - file: ./data/nope.csv"))

    def test_missing_folder_and_empty_pattern_say_which(self):
        with self.assertRaisesMLTable("paths[0].folder", "does not exist or is not a folder"):
            self.frame(reading("  - folder: ./nothing"))
        with self.assertRaisesMLTable("paths[0].pattern", "'./*.parquet' matches no files"):
            self.frame(reading("  - pattern: ./*.parquet"))

    def test_remote_uris_are_refused_when_read(self):
        for uri in ("https://host/x.csv", "azureml://datastores/d/paths/x.csv", "abfss://fs@acct.dfs.core.windows.net/x.csv"):
            with self.subTest(uri=uri), self.assertRaisesMLTable("paths[0].file", "remote URI"):
                self.frame(reading(f"  - file: {uri}"))

    def test_load_accepts_the_folder_or_the_file(self):
        self.write("MLTable", reading("  - file: data/top.csv"))
        self.assertEqual(mltable.load(self.dir).paths, [{"file": "data/top.csv"}])
        self.assertEqual(mltable.load(self.path("MLTable")).paths, [{"file": "data/top.csv"}])
        self.assertEqual(mltable.load("file://" + self.dir).paths, [{"file": "data/top.csv"}])

    def test_load_errors(self):
        with self.assertRaisesMLTable("has no file named 'MLTable'"):
            mltable.load(self.path("data"))
        with self.assertRaisesMLTable("does not exist"):
            mltable.load(self.path("missing"))
        with self.assertRaisesMLTable("remote or data asset URI"):
            mltable.load("azureml:titanic:1")

    def test_paths_entries_are_checked(self):
        with self.assertRaisesMLTable("paths[0]", "exactly one of file, folder or pattern"):
            self.table("paths:\n  - files: ./a.csv\n")
        with self.assertRaisesMLTable("paths", "non-empty list"):
            self.table("transformations:\n  - take: 1\n")
        with self.assertRaisesMLTable("paths[0].file", "expected a path string"):
            self.table("paths:\n  - file:\n")


if __name__ == "__main__":
    unittest.main()
