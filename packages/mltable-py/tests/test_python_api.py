import os
import subprocess
import sys
import unittest

from helpers import HAS_PYYAML, FolderTestCase, pathsetup, without_pyyaml
import mltable
from mltable import DataType, MLTableFileEncoding, MLTableHeaders
from mltable._yaml_reader import read_yaml

CSV = "id,name,age,alive\n1,Ann,30,1\n2,Bob,,0\n3,Cy,41,1\n"


class FromFunctions(FolderTestCase):
    def setUp(self):
        super().setUp()
        self.write("data/people.csv", CSV)
        os.chdir(self.dir)

    def test_from_delimited_files_with_azure_enums(self):
        tbl = mltable.from_delimited_files(
            paths=[{"file": "./data/people.csv"}], delimiter=",", header=MLTableHeaders.all_files_same_headers,
            infer_column_types=True, include_path_column=False, encoding=MLTableFileEncoding.utf8)
        df = tbl.to_pandas_dataframe()
        self.assertEqual(df["name"].tolist(), ["Ann", "Bob", "Cy"])
        self.assertEqual(tbl.paths, [{"file": "./data/people.csv"}])

    def test_the_docs_titanic_chain(self):
        tbl = mltable.from_delimited_files([{"folder": "data"}])
        tbl = tbl.filter("col('age') > 0").drop_columns(["id"])
        tbl = tbl.convert_column_types({"alive": DataType.to_bool(true_values=["True", "true", "1"],
                                                                  false_values=["False", "false", "0"])})
        df = tbl.show(5)
        self.assertEqual(list(df.columns), ["name", "age", "alive"])
        self.assertEqual(df["alive"].tolist(), [True, True])

    def test_methods_return_new_tables(self):
        tbl = mltable.from_delimited_files([{"pattern": "data/*.csv"}])
        taken = tbl.take(1)
        self.assertEqual(len(tbl.to_pandas_dataframe()), 3)
        self.assertEqual(len(taken.to_pandas_dataframe()), 1)
        self.assertEqual(len(tbl.skip(2).to_pandas_dataframe()), 1)
        self.assertEqual(list(tbl.keep_columns(("age", "id")).to_pandas_dataframe().columns), ["age", "id"])
        sample = tbl.take_random_sample(0.5, seed=3)
        self.assertEqual(sample.to_pandas_dataframe()["id"].tolist(), sample.to_pandas_dataframe()["id"].tolist())

    def test_convert_column_types_with_tuples_and_names(self):
        tbl = mltable.from_delimited_files([{"file": "data/people.csv"}], infer_column_types=False)
        df = tbl.convert_column_types({("id", "age"): DataType.to_float(), "alive": "int",
                                       "name": DataType.to_string()}).to_pandas_dataframe()
        self.assertEqual(df["id"].tolist(), [1.0, 2.0, 3.0])
        self.assertEqual(str(df["alive"].dtype), "int64")

    def test_infer_column_types_with_overrides(self):
        tbl = mltable.from_delimited_files([{"file": "data/people.csv"}],
                                           infer_column_types={"column_type_overrides": {"id": "string"}})
        self.assertEqual(tbl.to_pandas_dataframe()["id"].tolist(), ["1", "2", "3"])

    def test_from_json_lines_and_from_paths_with_partitions(self):
        self.write("logs/2024/01/02/05/a.jsonl", '{"data": [{"x": 1}], "v": 1}\n')
        tbl = mltable.from_json_lines_files(paths=[{"pattern": "logs/**/*.jsonl"}])
        tbl = tbl.extract_columns_from_partition_format("{PartitionDate:yyyy/MM/dd/HH}/{fileName}.jsonl")
        tbl = tbl.filter("PartitionDate >= datetime(2024, 1, 2, 5) and PartitionDate <= datetime(2024, 1, 2, 6)")
        tbl = tbl.convert_column_types({"data": mltable.DataType.to_string()})
        df = tbl.to_pandas_dataframe()
        self.assertEqual(df["data"].tolist(), ['[{"x": 1}]'])
        self.assertEqual(str(df["PartitionDate"][0]), "2024-01-02 05:00:00")
        self.assertEqual(tbl.partition_keys, ["fileName", "PartitionDate"])
        paths = mltable.from_paths([{"pattern": "logs/**/*.jsonl"}]).to_pandas_dataframe()
        self.assertEqual(paths["Path"].tolist(), [self.path("logs", "2024", "01", "02", "05", "a.jsonl")])

    def test_parquet_and_delta_lake(self):
        tbl = mltable.from_parquet_files([{"file": "data/people.csv"}])
        if not pathsetup_has("pyarrow") and not pathsetup_has("fastparquet"):
            with self.assertRaises(ImportError) as caught:
                tbl.to_pandas_dataframe()
            self.assertIn("'pyarrow'", str(caught.exception))
        with self.assertRaisesMLTable("Delta Lake tables are not supported"):
            mltable.from_delta_lake("./delta", timestamp_as_of="2022-08-26T00:00:00Z")

    def test_bad_arguments_are_named(self):
        tbl = mltable.from_paths([{"file": "data/people.csv"}])
        with self.assertRaisesMLTable("<MLTable.take>", "expected a positive integer, got 0"):
            tbl.take(0)
        with self.assertRaisesMLTable("<MLTable.take_random_sample>", "probability", "from 0 to 1"):
            tbl.take_random_sample(1.5)
        with self.assertRaisesMLTable("<mltable.from_delimited_files>", "header", "'first_line'"):
            mltable.from_delimited_files([{"file": "data/people.csv"}], header="first_line")
        with self.assertRaisesMLTable("mismatch_as"):
            DataType.to_bool(true_values=["y"], false_values=["n"], mismatch_as="maybe")
        with self.assertRaisesMLTable("paths[0]", "exactly one of file, folder or pattern"):
            mltable.from_paths([{"path": "x"}])
        with self.assertRaisesMLTable("this MLTable is empty"):
            mltable.MLTable().to_pandas_dataframe()


def pathsetup_has(name):
    import importlib.util

    return importlib.util.find_spec(name) is not None


class Save(FolderTestCase):
    def setUp(self):
        super().setUp()
        self.write("src/data/people.csv", CSV)
        self.write("src/MLTable", "paths:\n  - file: ./data/people.csv\ntransformations:\n  - read_delimited: {}\n")

    def test_save_writes_relative_paths_that_both_readers_and_load_read(self):
        alive = DataType.to_bool(true_values=["1"], false_values=["0"])
        tbl = mltable.load(self.path("src")).take(2).convert_column_types({"alive": alive})
        self.assertIs(tbl.save(self.path("out")), tbl)
        text = self.read("out", "MLTable")
        self.assertIn("- file: ../src/data/people.csv", text)
        if HAS_PYYAML:
            import yaml

            self.assertEqual(yaml.safe_load(text), read_yaml(text))
        with without_pyyaml():
            df = mltable.load(self.path("out")).to_pandas_dataframe()
        self.assertEqual(df["alive"].tolist(), [True, False])

    def test_save_into_the_same_folder_keeps_paths(self):
        tbl = mltable.load(self.path("src")).take(1)
        tbl.save(self.path("src"))
        self.assertEqual(mltable.load(self.path("src")).paths, [{"file": "./data/people.csv"}])

    def test_save_colocated_copies_the_data(self):
        mltable.load(self.path("src")).save(self.path("copy"), colocated=True)
        self.assertTrue(os.path.isfile(self.path("copy", "data", "people.csv")))
        self.assertEqual(mltable.load(self.path("copy")).paths, [{"file": "./data/people.csv"}])
        self.assertEqual(len(mltable.load(self.path("copy")).to_pandas_dataframe()), 3)

    def test_overwrite_options(self):
        tbl = mltable.load(self.path("src"))
        tbl.save(self.path("out"))
        with self.assertRaisesMLTable("already exists"):
            tbl.take(1).save(self.path("out"), overwrite=False)
        tbl.take(1).save(self.path("out"), overwrite="skip")
        self.assertNotIn("take", self.read("out", "MLTable"))
        tbl.take(1).save(self.path("out"), overwrite=True)
        self.assertIn("take: 1", self.read("out", "MLTable"))

    def test_from_functions_save_relative_to_the_working_directory(self):
        os.chdir(self.path("src"))
        mltable.from_delimited_files([{"file": "data/people.csv"}]).save(self.path("built"))
        self.assertEqual(mltable.load(self.path("built")).paths, [{"file": "../src/data/people.csv"}])
        self.assertEqual(len(mltable.load(self.path("built")).to_pandas_dataframe()), 3)

    def test_repr_is_the_yaml(self):
        text = repr(mltable.load(self.path("src")).take(5))
        self.assertIn("- take: 5", text)
        self.assertEqual(read_yaml(text)["paths"], [{"file": "./data/people.csv"}])


class Import(unittest.TestCase):
    def test_import_does_not_load_pandas_or_yaml(self):
        code = "import sys, mltable; print('pandas' in sys.modules, 'yaml' in sys.modules, mltable.__version__)"
        env = dict(os.environ, PYTHONPATH=pathsetup.PYTHON_DIR)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        self.assertEqual(out.stdout.split(), ["False", "False", "1.7.0+lathe"])


if __name__ == "__main__":
    unittest.main()
