import datetime
import unittest

from helpers import HAS_PYYAML
from mltable import MLTableError
from mltable._yaml import dump_yaml, parse_yaml
from mltable._yaml_reader import YamlSyntaxError, read_yaml

# MLTable files in the shapes Azure's examples and docs use (quoting, indents, comments, flow).
DOCUMENTS = [
    """$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json 

paths:
    - file: ./titanic.csv

transformations:
  - read_delimited:
      delimiter: ","
      header: from_first_file
      encoding: utf8
""",
    """paths:
- pattern: wasbs://nyctlc@azureopendatastorage.blob.core.windows.net/green/puYear=2015/puMonth=*/*.parquet
transformations:
- extract_columns_from_partition_format:
    ignore_errors: false
    partition_format: /puYear={year}/puMonth={month}
    path_column: Path
- take_random_sample:
    probability: 0.001
    seed: 735
- drop_columns:
  - puLocationId
  - doLocationId
type: mltable
""",
    """paths: 
  - file: ./titanic.csv
transformations: 
  - read_delimited: 
      delimiter: ',' 
      encoding: 'ascii' 
      empty_as_string: false
  # - convert_column_types:
  #     - columns: demand
  - keep_columns: [col1, "col2", 'col 3']   # trailing comment
  - extract_columns_from_partition_format: {timestamp:yyyy/MM/dd}
  - filter: 'col("col1") > 32 and col("col7") == "a_string"'
  - filter: "col('a') == 'it''s # not a comment'"
  - filter: 'it''s'
  - convert_column_types:
      - columns: [a, b]
        column_type:
          boolean:
            true_values: ["yes", "true", "1"]
            false_values: ['no', 'false', '0']
""",
    """values:
  scalars: [1, -2, 2.5, .5, 1e5, 012, 0x1F, 1_000, null, ~, yes, No, ON, y, 2022-08-26, "2022-08-26"]
  stamp: 2022-10-01T00:00:00Z
  nested: {a: [1, {b: c}], "d e": 'f', g: }
  multi_flow: [a,
    b, c]
  folded: >
    one
    two

    three
  literal: |
    line1
    line2
  plain: a long plain
    scalar over lines
  quoted: 'quoted over
    two lines'
  empty:
  list:
  - - x
    - y
  -
    k: v
""",
    "---\na: 1\n...\n",
    "",
    "# only a comment\n",
]


class BuiltinReaderMatchesPyYaml(unittest.TestCase):
    @unittest.skipUnless(HAS_PYYAML, "PyYAML is not installed")
    def test_the_builtin_reader_reads_what_pyyaml_reads(self):
        import yaml

        for text in DOCUMENTS:
            with self.subTest(text=text[:40]):
                self.assertEqual(read_yaml(text), yaml.safe_load(text))

    def test_typed_scalars_follow_yaml_1_1_as_pyyaml_does(self):
        data = read_yaml(DOCUMENTS[3])["values"]
        self.assertEqual(data["scalars"], [1, -2, 2.5, 0.5, "1e5", 10, 31, 1000, None, None, True, False, True,
                                           "y", datetime.date(2022, 8, 26), "2022-08-26"])
        self.assertEqual(data["stamp"], datetime.datetime(2022, 10, 1, tzinfo=datetime.timezone.utc))
        self.assertEqual(data["nested"], {"a": [1, {"b": "c"}], "d e": "f", "g": None})
        self.assertEqual(data["folded"], "one two\nthree\n")
        self.assertEqual(data["literal"], "line1\nline2\n")
        self.assertEqual(data["plain"], "a long plain scalar over lines")
        self.assertEqual(data["quoted"], "quoted over two lines")
        self.assertIsNone(data["empty"])
        self.assertEqual(data["list"], [["x", "y"], {"k": "v"}])

    def test_quotes_and_comments(self):
        data = read_yaml(DOCUMENTS[2])
        self.assertEqual(data["transformations"][1], {"keep_columns": ["col1", "col2", "col 3"]})
        self.assertEqual(data["transformations"][2], {"extract_columns_from_partition_format": {"timestamp:yyyy/MM/dd": None}})
        self.assertEqual(data["transformations"][4], {"filter": "col('a') == 'it''s # not a comment'"})
        self.assertEqual(data["transformations"][5], {"filter": "it's"})

    def test_double_quoted_escapes(self):
        self.assertEqual(read_yaml('a: "\\t|\\u00e9|\\"|\\\\"\n'), {"a": "\t|\u00e9|\"|\\"})


class BuiltinReaderRefusesWhatItDoesNotRead(unittest.TestCase):
    def assertSyntaxError(self, text, *fragments):
        with self.assertRaises(YamlSyntaxError) as caught:
            read_yaml(text)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))

    def test_anchors_aliases_and_tags(self):
        self.assertSyntaxError("a: &x 1\nb: *x\n", "line 1", "anchors")
        self.assertSyntaxError("a: !!str 1\n", "tags")

    def test_several_documents(self):
        self.assertSyntaxError("a: 1\n---\nb: 2\n", "line 2", "several YAML documents")

    def test_bad_indentation_names_the_line(self):
        self.assertSyntaxError("a:\n    b: 1\n  c: 2\n", "line 3", "indentation")

    def test_unclosed_quote_and_bracket(self):
        self.assertSyntaxError("a: 'open\n", "line 1", "not closed")
        self.assertSyntaxError("a: [1, 2\n", "line 1", "not closed")

    def test_tabs_are_not_indentation(self):
        self.assertSyntaxError("a:\n\tb: 1\n", "line 2", "tabs")


class ParseYaml(unittest.TestCase):
    def test_errors_name_the_file_and_line_with_both_readers(self):
        broken = "paths:\n  - file: a.csv\n transformations: []\n"
        modes = [False] + ([None] if HAS_PYYAML else [])
        for use_pyyaml in modes:
            with self.subTest(use_pyyaml=use_pyyaml):
                with self.assertRaises(MLTableError) as caught:
                    parse_yaml(broken, "/data/MLTable", use_pyyaml=use_pyyaml)
                self.assertIn("MLTable file '/data/MLTable'", str(caught.exception))
                self.assertIn("is not valid YAML: line 3", str(caught.exception))


class DumpYaml(unittest.TestCase):
    DATA = {
        "type": "mltable",
        "paths": [{"file": "./a b.csv"}, {"pattern": "./**/*.csv"}, {"folder": "../data"}],
        "transformations": [
            {"read_delimited": {"delimiter": ",", "header": "all_files_same_headers", "empty_as_string": False}},
            {"filter": 'col("a") > 3 and col(\'b\') == "x"'},
            {"extract_columns_from_partition_format": {"partition_format": "{year}/{month}"}},
            {"convert_column_types": [{"columns": ["yes", "null", "1", ""], "column_type": {"datetime": {"formats": ["%d/%m/%Y"]}}}]},
            {"take": 10},
            {"keep_columns": []},
            {"x": {"tab": "\t", "newline": "a\nb", "float": 0.25, "none": None, "date": datetime.date(2020, 1, 2)}},
        ],
    }

    def test_dump_reads_back_equal_with_the_builtin_reader(self):
        self.assertEqual(read_yaml(dump_yaml(self.DATA)), self.DATA)

    @unittest.skipUnless(HAS_PYYAML, "PyYAML is not installed")
    def test_dump_reads_back_equal_with_pyyaml(self):
        import yaml

        self.assertEqual(yaml.safe_load(dump_yaml(self.DATA)), self.DATA)

    def test_keys_keep_their_order(self):
        self.assertEqual(dump_yaml({"b": 1, "a": 2}), "b: 1\na: 2\n")


if __name__ == "__main__":
    unittest.main()
