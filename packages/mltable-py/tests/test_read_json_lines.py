import unittest

from helpers import FolderTestCase

JSONL = """paths:
  - pattern: ./*.jsonl
transformations:
  - read_json_lines:
      invalid_lines: {invalid}
      include_path_column: {include}
      encoding: {encoding}
"""


def mltable_file(invalid="error", include="false", encoding="utf8"):
    return JSONL.format(invalid=invalid, include=include, encoding=encoding)


class ReadJsonLines(FolderTestCase):
    def test_objects_become_rows_with_typed_columns(self):
        self.write("a.jsonl", '{"id": 1, "score": 0.5, "ok": true, "tags": ["x"]}\n\n{"id": 2, "name": "b"}\n')
        df = self.frame(mltable_file())
        self.assertEqual(list(df.columns), ["id", "score", "ok", "tags", "name"])
        self.assertEqual(str(df["id"].dtype), "int64")
        self.assertEqual(df["tags"][0], ["x"])
        self.assertIsNone(df["name"][0])
        self.assertIsNone(df["ok"][1])

    def test_invalid_lines_error_names_file_and_line(self):
        self.write("a.jsonl", '{"id": 1}\n[1, 2]\n')
        with self.assertRaisesMLTable("a.jsonl' line 2 is not a JSON object", "invalid_lines: drop"):
            self.frame(mltable_file())

    def test_invalid_lines_drop(self):
        self.write("a.jsonl", '{"id": 1}\n{broken\n{"id": 3}\n')
        self.assertEqual(self.frame(mltable_file(invalid="drop"))["id"].tolist(), [1, 3])

    def test_include_path_column_and_several_files(self):
        self.write("a.jsonl", '{"id": 1}\n')
        self.write("b.jsonl", '{"id": 2}\n')
        df = self.frame(mltable_file(include="true"))
        self.assertEqual(df["Path"].tolist(), [self.path("a.jsonl"), self.path("b.jsonl")])

    def test_utf16_files(self):
        self.write("a.jsonl", '{"name": "café"}\n', encoding="utf-16")
        self.assertEqual(self.frame(mltable_file(encoding="utf16"))["name"][0], "café")

    def test_bad_invalid_lines_option(self):
        self.write("a.jsonl", "{}\n")
        with self.assertRaisesMLTable("read_json_lines.invalid_lines", "expected one of 'error', 'drop', got 'skip'"):
            self.table(mltable_file(invalid="skip"))


if __name__ == "__main__":
    unittest.main()
