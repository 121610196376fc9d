"""Bad MLTable files fail at load with an error naming the file, the field and what was expected."""

import unittest

from helpers import FolderTestCase, yaml_modes

HEAD = "paths:\n  - file: ./data.csv\ntransformations:\n"


class MLTableFileErrors(FolderTestCase):
    def assertRefused(self, text, *fragments):
        for name, mode in yaml_modes():
            with self.subTest(yaml=name), mode():
                with self.assertRaisesMLTable(f"MLTable file '{self.path('MLTable')}'", *fragments):
                    self.table(text)

    def test_unknown_transformation_lists_the_supported_ones(self):
        self.assertRefused(HEAD + "  - rename_columns: {a: b}\n", "transformations[0]",
                           "unknown transformation 'rename_columns'", "read_delimited", "take_random_sample")

    def test_unknown_option_of_a_read(self):
        self.assertRefused(HEAD + "  - read_delimited:\n      seperator: ','\n",
                           "transformations[0].read_delimited", "unknown option 'seperator'", "delimiter")

    def test_bad_option_values(self):
        self.assertRefused(HEAD + "  - read_delimited:\n      header: first_row\n",
                           "transformations[0].read_delimited.header", "'all_files_same_headers'", "got 'first_row'")
        self.assertRefused(HEAD + "  - read_delimited:\n      delimiter: ';;'\n",
                           "read_delimited.delimiter", "expected a single character")
        self.assertRefused(HEAD + "  - read_delimited:\n      encoding: ebcdic\n", "read_delimited.encoding", "'utf8'")
        self.assertRefused(HEAD + "  - read_delimited:\n      include_path_column: 'yes'\n",
                           "read_delimited.include_path_column", "expected true or false, got 'yes'")

    def test_counts_and_samples(self):
        self.assertRefused(HEAD + "  - take: -1\n", "transformations[0].take", "non-negative integer, got -1")
        self.assertRefused(HEAD + "  - skip: ten\n", "transformations[0].skip", "got 'ten'")
        self.assertRefused(HEAD + "  - skip:\n", "transformations[0].skip", "expected a value")
        self.assertRefused(HEAD + "  - take_random_sample: {probability: 2}\n",
                           "take_random_sample.probability", "from 0 to 1")
        self.assertRefused(HEAD + "  - take_random_sample: {probability: 0.5, seed: 1.5}\n",
                           "take_random_sample.seed", "expected an integer")

    def test_columns(self):
        self.assertRefused(HEAD + "  - drop_columns: [a, a]\n", "drop_columns", "'a' is named more than once")
        self.assertRefused(HEAD + "  - keep_columns: {a: 1}\n", "keep_columns", "expected a column name or a list")

    def test_shape_of_the_document(self):
        self.assertRefused("- file: a.csv\n", "expected a YAML mapping")
        self.assertRefused("paths:\n  - file: a.csv\ncolumns: [a]\n", "columns", "unknown key")
        self.assertRefused("type: uri_folder\npaths:\n  - file: a.csv\n", "type", "expected 'mltable'")
        self.assertRefused(HEAD + "  take: 1\n", "transformations", "expected a list of transformations")
        self.assertRefused(HEAD + "  - {take: 1, skip: 1}\n", "transformations[0]", "one-key mapping")

    def test_one_read_only(self):
        self.assertRefused(HEAD + "  - read_delimited: {}\n  - read_json_lines: {}\n",
                           "transformations[1].read_json_lines", "only one read transformation")

    def test_delta_lake_is_refused(self):
        self.assertRefused(HEAD + "  - read_delta_lake:\n      timestamp_as_of: '2022-08-26T00:00:00Z'\n",
                           "transformations[0].read_delta_lake", "not supported by Lathe's mltable")

    def test_traits_metadata_and_schema_are_accepted(self):
        text = ("$schema: https://azuremlschemas.azureedge.net/latest/MLTable.schema.json\ntype: mltable\n"
                + HEAD + "  - read_delimited: {}\ntraits:\n  index_columns: [a]\nmetadata:\n  owner: me\n")
        self.assertEqual(self.table(text).paths, [{"file": "./data.csv"}])


if __name__ == "__main__":
    unittest.main()
