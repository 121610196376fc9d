import unittest

from helpers import FolderTestCase


def mltable_file(paths="- file: ./data.csv", **options):
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    return f"paths:\n  {paths}\ntransformations:\n  - read_delimited:\n{lines or '      {}' + chr(10)}"


class ReadDelimited(FolderTestCase):
    def test_defaults_infer_types_and_read_empty_fields_as_null(self):
        self.write("data.csv", "i,f,b,d,s,e\n1,1.5,true,2020-01-02,x,\n-2,2,False,2020-01-03 04:05:06,,\n")
        df = self.frame(mltable_file())
        self.assertEqual([str(t) for t in df.dtypes], ["int64", "float64", "bool", "datetime64[ns]", "object", "object"])
        self.assertEqual(df["s"].tolist(), ["x", None])
        self.assertEqual(df["e"].tolist(), [None, None])
        self.assertEqual(df["b"].tolist(), [True, False])

    def test_inference_looks_at_every_row(self):
        rows = "".join(f"{i},2020-01-01\n" for i in range(300))
        self.write("data.csv", "n,d\n" + rows + "x,soon\n")
        df = self.frame(mltable_file())
        self.assertEqual([str(t) for t in df.dtypes], ["object", "object"])
        self.assertEqual(df["n"][0], "0")

    def test_int_column_with_nulls_is_float_as_in_azure(self):
        self.write("data.csv", "a,b\n1,true\n,\n3,false\n")
        df = self.frame(mltable_file())
        self.assertEqual(str(df["a"].dtype), "float64")
        self.assertEqual(df["b"].tolist(), [True, None, False])

    def test_empty_as_string_keeps_empty_text_in_string_columns_only(self):
        self.write("data.csv", "s,n\nx,1\n,\n")
        df = self.frame(mltable_file(empty_as_string="true"))
        self.assertEqual(df["s"].tolist(), ["x", ""])
        self.assertTrue(df["n"].isna()[1])

    def test_infer_column_types_false_keeps_strings(self):
        self.write("data.csv", "a,b\n007,\n")
        df = self.frame(mltable_file(infer_column_types="false"))
        self.assertEqual(df["a"].tolist(), ["007"])
        self.assertIsNone(df["b"][0])

    def test_type_overrides_in_infer_column_types(self):
        self.write("data.csv", "zip,n\n02139,1\n")
        text = mltable_file(infer_column_types="{sample_size: 10, column_type_overrides: [{columns: zip, column_type: string}]}")
        self.assertEqual(self.frame(text)["zip"].tolist(), ["02139"])

    def test_other_delimiters_and_quotes(self):
        self.write("data.csv", 'a\tb\n"x\ty"\t"say ""hi"""\n')
        df = self.frame(mltable_file(delimiter='"\\t"'))
        self.assertEqual(df.iloc[0].tolist(), ["x\ty", 'say "hi"'])

    def test_quoted_line_breaks_split_records_unless_support_multi_line(self):
        self.write("data.csv", 'A,B,C\r\nA1,B1,C1\r\nA2,"B\r\n2",C2\r\n')
        df = self.frame(mltable_file(infer_column_types="false"))
        self.assertEqual(df.values.tolist(), [["A1", "B1", "C1"], ["A2", "B", None], ['2"', "C2", None]])
        df = self.frame(mltable_file(infer_column_types="false", support_multi_line="true"))
        self.assertEqual(df.values.tolist(), [["A1", "B1", "C1"], ["A2", "B\r\n2", "C2"]])

    def test_headers_all_files_same_headers_drops_each_first_row(self):
        self.write("a.csv", "x,y\n1,2\n")
        self.write("b.csv", "x,y\n3,4\n")
        df = self.frame(mltable_file("- pattern: ./*.csv"))
        self.assertEqual(df["x"].tolist(), [1, 3])

    def test_headers_from_first_file_keeps_other_first_rows(self):
        self.write("a.csv", "x,y\n1,2\n")
        self.write("b.csv", "3,4\n5,6\n")
        df = self.frame(mltable_file("- pattern: ./*.csv", header="from_first_file"))
        self.assertEqual(df["x"].tolist(), [1, 3, 5])

    def test_headers_all_files_different_headers_combines_columns(self):
        self.write("a.csv", "x,y\n1,2\n")
        self.write("b.csv", "y,z\n3,4\n")
        df = self.frame(mltable_file("- pattern: ./*.csv", header="all_files_different_headers"))
        self.assertEqual(list(df.columns), ["x", "y", "z"])
        self.assertEqual(df["y"].tolist(), [2, 3])
        self.assertTrue(df["x"].isna()[1])

    def test_no_header_names_columns_and_pads_short_rows(self):
        self.write("data.csv", "1,2,3\n4,5\n")
        df = self.frame(mltable_file(header="no_header"))
        self.assertEqual(list(df.columns), ["Column1", "Column2", "Column3"])
        self.assertTrue(df["Column3"].isna()[1])

    def test_blank_and_duplicate_header_names(self):
        self.write("data.csv", "a,,a\n1,2,3\n")
        self.assertEqual(list(self.frame(mltable_file()).columns), ["a", "Column2", "a_1"])

    def test_an_empty_first_file_does_not_hide_the_header(self):
        self.write("a.csv", "")
        self.write("b.csv", "x,y\n1,2\n")
        self.write("c.csv", "x,y\n3,4\n")
        self.assertEqual(self.frame(mltable_file("- pattern: ./*.csv"))["x"].tolist(), [1, 3])

    def test_path_column_clashing_with_a_data_column(self):
        self.write("data.csv", "Path\nx\n")
        with self.assertRaisesMLTable("already has a column 'Path'", "set path_column"):
            self.frame(mltable_file(include_path_column="true"))
        df = self.frame(mltable_file(include_path_column="true", path_column="Source"))
        self.assertEqual(list(df.columns), ["Source", "Path"])

    def test_include_path_column_comes_first(self):
        self.write("data.csv", "a\n1\n")
        df = self.frame(mltable_file(include_path_column="true"))
        self.assertEqual(list(df.columns), ["Path", "a"])
        self.assertEqual(df["Path"][0], self.path("data.csv"))

    def test_encodings(self):
        self.write("data.csv", "name\ncafé\n", encoding="latin-1")
        self.assertEqual(self.frame(mltable_file(encoding="latin1"))["name"][0], "café")
        self.write("data.csv", "name\ncafé\n", encoding="utf-16")
        self.assertEqual(self.frame(mltable_file(encoding="utf16"))["name"][0], "café")
        self.write_bytes("data.csv", b"\xef\xbb\xbfname\nx\n")
        self.assertEqual(list(self.frame(mltable_file()).columns), ["name"])

    def test_wrong_encoding_names_the_file(self):
        self.write("data.csv", "name\ncafé\n", encoding="latin-1")
        with self.assertRaisesMLTable("data.csv", "is not valid utf8", "transformations[0].read_delimited"):
            self.frame(mltable_file())

    def test_rows_longer_than_the_header_name_file_and_line(self):
        self.write("data.csv", "a,b\n1,2\n3,4,5\n")
        with self.assertRaisesMLTable("data.csv' line 3 has 3 fields but the header has 2"):
            self.frame(mltable_file())

    def test_file_path_naming_a_folder_is_refused(self):
        self.write("folder/x.csv", "a\n1\n")
        with self.assertRaisesMLTable("is a folder; use 'folder:'"):
            self.frame(mltable_file("- file: ./folder"))

    def test_a_folder_reads_every_file_under_it_in_order(self):
        self.write("data/b/2.csv", "a\n2\n")
        self.write("data/a.csv", "a\n1\n")
        self.write("data/c.csv", "a\n3\n")
        self.assertEqual(self.frame(mltable_file("- folder: ./data"))["a"].tolist(), [1, 2, 3])


if __name__ == "__main__":
    unittest.main()
