"""MLTable files copied verbatim from Azure's docs and the Azure/azureml-examples repository,
loaded over small local data, with PyYAML and with the built-in YAML reader."""

import importlib.util
import unittest

from helpers import FolderTestCase, yaml_modes

# cli/assets/data/local-mltable/MLTable
LOCAL_MLTABLE = """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json 

paths:
    - file: ./titanic.csv

transformations:
  - read_delimited:
      delimiter: ","
      header: from_first_file
      encoding: utf8
"""

# sdk/python/assets/data/sample-mltable/MLTable
SAMPLE_MLTABLE = """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json 

paths:
    - pattern: ./*validated.csv

transformations:
  - read_delimited:
      delimiter: ","
      header: all_files_same_headers
      encoding: utf8
  - drop_columns: ["PassengerId", "Ticket", "Name"]
"""

# sdk/python/assets/data/sample_data/MLTable (trailing spaces included)
SAMPLE_DATA = """paths: 
  - file: ./titanic.csv
transformations: 
  - read_delimited: 
      delimiter: ',' 
      encoding: 'ascii' 
      empty_as_string: false
      header: from_first_file
"""

# cli/jobs/automl-standalone-jobs/cli-automl-forecasting-bike-share/training-mltable-folder/MLTable
BIKE_SHARE = """paths:
  - file: ./bike-share-train.csv
transformations:
  - read_delimited:
        delimiter: ','
        encoding: 'ascii'
  - convert_column_types:
      - columns: temp
        column_type: float
      - columns: atemp
        column_type: float
      - columns: hum
        column_type: float
      - columns: windspeed
        column_type: float
      - columns: cnt
        column_type: float
"""

# cli/jobs/automl-standalone-jobs/cli-automl-regression-task-hardware-perf/training-mltable-folder/MLTable (excerpt of its columns)
HARDWARE = """paths:
  - file: ./training-machine-dataset.csv
transformations:
  - read_delimited:
        delimiter: ','
        encoding: 'ascii'
  - convert_column_types:
      - columns: VendorName
        column_type: string
      - columns: ModelName
        column_type: string
      - columns: MYCT
        column_type: int
      - columns: PRP
        column_type: int
"""

# cli/jobs/pipelines/automl/demand-forecast-pipeline/training-mltable-folder/MLTable
DEMAND = """paths:
  - file: ./nyc_energy_training_clean.csv
transformations:
  - read_delimited:
        delimiter: ','
        encoding: 'ascii'
  # - convert_column_types:
  #     - columns: demand
  #       column_type: float
  #     - columns: precip
  #       column_type: float
  #     - columns: temp
  #       column_type: float
"""

# cli/jobs/automl-standalone-jobs/cli-automl-text-ner-conll/training-mltable-folder/MLTable
NER = """paths:
  - file: ./train.txt
transformations:
  - take: 1
"""

# sdk/python/jobs/pipelines/1g_pipeline_with_parallel_nodes/dataset/mnist-data/MLTable
MNIST = """paths:
  - file: ./0.png
  - file: ./1.png
  - file: ./2.png
  - file: ./3.png
"""

# cli/responsible-ai/cli-responsibleaidashboard-housing-classification/data-housing-classification/train/MLTable
HOUSING_PARQUET = """$schema: http://azureml/sdk-2-0/MLTable.json
type: mltable
paths:
  - file: ./housing_train.parquet
transformations:
  - read_parquet
"""

# what cli/jobs/automl-standalone-jobs/cli-automl-image-classification-multiclass-task-fridge-items/prepare_data.py writes
FRIDGE_JSONL = """paths:
  - file: ./train_annotations.jsonl
transformations:
  - read_json_lines:
        encoding: utf8
        invalid_lines: error
        include_path_column: false
  - convert_column_types:
      - columns: image_url
        column_type: stream_info"""

# what cli/jobs/parallel/1a_oj_sales_prediction/src/partition_data/partition_data.py writes (yaml.dump)
OJ_PARTITIONED = """paths:
- pattern: ./**/*.csv
transformations:
- read_delimited:
    delimiter: ','
    empty_as_string: false
    encoding: ascii
    header: all_files_same_headers
    include_path_column: true
- extract_columns_from_partition_format:
    partition_format: '{Store}/{Brand}/{file_name}.{extension}'
- drop_columns:
  - Path
  - file_name
  - extension
type: mltable
"""

# sdk/python/using-mltable/quickstart/nyc_taxi/MLTable
NYC_TAXI = """paths:
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2015/puMonth=*/*.parquet
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2016/puMonth=*/*.parquet
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2017/puMonth=*/*.parquet
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2018/puMonth=*/*.parquet
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2019/puMonth=*/*.parquet
transformations:
- extract_columns_from_partition_format:
    ignore_errors: false
    partition_format: /puYear={year}/puMonth={month}
    path_column: Path
- read_parquet:
    include_path_column: false
    path_column: Path
- take_random_sample:
    probability: 0.001
    seed: 735
- drop_columns:
  - puLocationId
  - doLocationId
  - storeAndFwdFlag
type: mltable
"""

# learn.microsoft.com reference-yaml-mltable "Quickstart"
DOCS_QUICKSTART = """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json

type: mltable
paths:
    - file: https://azuremlexamples.blob.core.windows.net/datasets/iris.csv

transformations:
    - read_delimited:
        delimiter: ','
        header: all_files_same_headers
        include_path_column: true
"""

# learn.microsoft.com reference-yaml-mltable "JSON"
DOCS_JSON = """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json
paths:
  - file: ./order_invalid.jsonl
transformations:
  - read_json_lines:
        encoding: utf8
        invalid_lines: drop
        include_path_column: false
"""

# learn.microsoft.com reference-yaml-mltable "Delimited text files": as published, its last
# transformations are indented under convert_column_types, which is not valid YAML.
DOCS_DELIMITED_AS_PUBLISHED = """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json
type: mltable

paths:
  - file: abfss://<file_system>@<account_name>.dfs.core.windows.net/<path>/ # a specific file on ADLS

transformations:
    - read_delimited:
        encoding: ascii
        header: all_files_same_headers
        delimiter: ","
        include_path_column: true
        empty_as_string: false
    - keep_columns: [col1, col2, col3, col4, col5, col6, col7]
    - convert_column_types:
        - columns: col1
          column_type: int
        - columns: col2
          column_type:
            datetime:
                formats:
                    - "%d/%m/%Y"
        - columns: [col1, col2, col3] 
          column_type:
            boolean:
                mismatch_as: error
                true_values: ["yes", "true", "1"]
                false_values: ["no", "false", "0"]
      - filter: 'col("col1") > 32 and col("col7") == "a_string"'
      - skip: 10
"""

TITANIC = (
    "PassengerId,Survived,Pclass,Name,Sex,Age,Ticket,Fare\n"
    '1,0,3,"Braund, Mr. Owen Harris",male,22,A/5 21171,7.25\n'
    '2,1,1,"Cumings, Mrs. John Bradley",female,38,PC 17599,71.2833\n'
    '3,1,3,"Heikkinen, Miss. Laina",female,,STON/O2. 3101282,7.925\n'
)


class AzureExamples(FolderTestCase):
    def each_yaml_reader(self, check):
        for name, mode in yaml_modes():
            with self.subTest(yaml=name), mode():
                check()

    def test_local_mltable_reads_titanic_with_inferred_types(self):
        self.write("titanic.csv", TITANIC)

        def check():
            df = self.frame(LOCAL_MLTABLE)
            self.assertEqual(list(df.columns), ["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "Ticket", "Fare"])
            self.assertEqual(df["Name"][0], "Braund, Mr. Owen Harris")
            self.assertEqual(str(df["PassengerId"].dtype), "int64")
            self.assertEqual(str(df["Age"].dtype), "float64")
            self.assertTrue(df["Age"].isna()[2])
        self.each_yaml_reader(check)

    def test_sample_mltable_globs_files_and_drops_columns(self):
        self.write("titanic_1_validated.csv", TITANIC)
        self.write("titanic_2_validated.csv", TITANIC)
        self.write("titanic_1_error.csv", "not,the,same\n")

        def check():
            df = self.frame(SAMPLE_MLTABLE)
            self.assertEqual(len(df), 6)
            self.assertNotIn("Name", df.columns)
            self.assertEqual(list(df["Sex"][:2]), ["male", "female"])
        self.each_yaml_reader(check)

    def test_sample_data_with_ascii_and_trailing_spaces(self):
        self.write("titanic.csv", TITANIC)
        self.each_yaml_reader(lambda: self.assertEqual(self.frame(SAMPLE_DATA).shape, (3, 8)))

    def test_bike_share_converts_to_float(self):
        self.write("bike-share-train.csv", "day,temp,atemp,hum,windspeed,cnt\n2011-01-01,0.34,0.36,0.8,0.16,985\n")

        def check():
            df = self.frame(BIKE_SHARE)
            self.assertEqual(str(df["cnt"].dtype), "float64")
            self.assertEqual(df["cnt"][0], 985.0)
            self.assertEqual(str(df["day"].dtype), "datetime64[ns]")
        self.each_yaml_reader(check)

    def test_hardware_converts_to_int_and_string(self):
        self.write("training-machine-dataset.csv", "VendorName,ModelName,MYCT,PRP\namdahl,470v/7,29,198\nibm,4341,800,16\n")

        def check():
            df = self.frame(HARDWARE)
            self.assertEqual(df["ModelName"].tolist(), ["470v/7", "4341"])
            self.assertEqual(df["MYCT"].tolist(), [29, 800])
            self.assertEqual(str(df["PRP"].dtype), "int64")
        self.each_yaml_reader(check)

    def test_commented_out_transformations_are_ignored(self):
        self.write("nyc_energy_training_clean.csv", "timeStamp,demand\n2012-01-01 00:00:00,4937.5\n")
        self.each_yaml_reader(lambda: self.assertEqual(self.frame(DEMAND)["demand"][0], 4937.5))

    def test_ner_take_keeps_the_first_file_as_a_path_row(self):
        self.write("train.txt", "EU B-ORG\nrejects O\n")

        def check():
            df = self.frame(NER)
            self.assertEqual(list(df.columns), ["Path"])
            self.assertEqual(df["Path"].tolist(), [self.path("train.txt")])
        self.each_yaml_reader(check)

    def test_paths_without_transformations_list_the_files(self):
        for n in range(4):
            self.write_bytes(f"{n}.png", b"\x89PNG")
        self.each_yaml_reader(lambda: self.assertEqual(self.frame(MNIST)["Path"].tolist(),
                                                       [self.path(f"{n}.png") for n in range(4)]))

    def test_bare_read_parquet_needs_pyarrow_or_reads(self):
        self.write_bytes("housing_train.parquet", b"PAR1")

        def check():
            table = self.table(HOUSING_PARQUET)
            if not any(importlib.util.find_spec(name) for name in ("pyarrow", "fastparquet")):
                with self.assertRaisesMLTable("pyarrow", "transformations[0].read_parquet"):
                    table.to_pandas_dataframe()
        self.each_yaml_reader(check)

    def test_fridge_jsonl_keeps_stream_info_as_strings(self):
        self.write("train_annotations.jsonl",
                   '{"image_url": "azureml://datastores/x/paths/a.jpg", "label": "can"}\n'
                   '{"image_url": "azureml://datastores/x/paths/b.jpg", "label": "milk"}\n')

        def check():
            df = self.frame(FRIDGE_JSONL)
            self.assertEqual(df["image_url"][1], "azureml://datastores/x/paths/b.jpg")
            self.assertEqual(df["label"].tolist(), ["can", "milk"])
        self.each_yaml_reader(check)

    def test_oj_partitioned_folders_become_columns(self):
        self.write("1000/dominicks/data.csv", "week,sales\n40,9.5\n")
        self.write("1000/tropicana/data.csv", "week,sales\n40,8.1\n41,8.3\n")

        def check():
            df = self.frame(OJ_PARTITIONED)
            self.assertEqual(list(df.columns), ["week", "sales", "Store", "Brand"])
            self.assertEqual(df["Brand"].tolist(), ["dominicks", "tropicana", "tropicana"])
            self.assertEqual(df["Store"].tolist(), ["1000"] * 3)
        self.each_yaml_reader(check)

    def test_nyc_taxi_loads_but_remote_paths_are_refused_when_read(self):
        def check():
            table = self.table(NYC_TAXI)
            self.assertEqual(len(table.paths), 5)
            self.assertEqual(table.partition_keys, ["year", "month"])
            with self.assertRaisesMLTable("paths[0].pattern", "wasbs://nyctlc@", "remote URI"):
                table.to_pandas_dataframe()
        self.each_yaml_reader(check)

    def test_docs_quickstart_https_path_is_refused_when_read(self):
        def check():
            with self.assertRaisesMLTable("paths[0].file", "https://azuremlexamples"):
                self.frame(DOCS_QUICKSTART)
        self.each_yaml_reader(check)

    def test_docs_json_drops_invalid_lines(self):
        self.write("order_invalid.jsonl", '{"order": 1}\nnot json\n{"order": 2}\n')
        self.each_yaml_reader(lambda: self.assertEqual(self.frame(DOCS_JSON)["order"].tolist(), [1, 2]))

    def test_docs_delimited_example_as_published_is_invalid_yaml(self):
        def check():
            with self.assertRaisesMLTable("is not valid YAML", "line 29"):
                self.table(DOCS_DELIMITED_AS_PUBLISHED)
        self.each_yaml_reader(check)


if __name__ == "__main__":
    unittest.main()
