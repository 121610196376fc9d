import datetime
import unittest

from helpers import FolderTestCase


def converting(entries, infer="false"):
    return ("paths:\n  - file: ./data.csv\ntransformations:\n  - read_delimited:\n"
            f"      infer_column_types: {infer}\n  - convert_column_types:\n"
            + "".join(f"      - {entry}\n" for entry in entries))


class ConvertColumnTypes(FolderTestCase):
    def setUp(self):
        super().setUp()
        self.write("data.csv", "n,x,flag,when,t\n1,1.5,yes,05/01/2020,10:30\n2,,no,,\n")

    def column(self, entry, name, infer="false"):
        return self.frame(converting([entry], infer))[name]

    def test_int_and_float(self):
        self.assertEqual(self.column("{columns: n, column_type: int}", "n").tolist(), [1, 2])
        self.assertEqual(str(self.column("{columns: n, column_type: int}", "n").dtype), "int64")
        x = self.column("{columns: [x], column_type: float}", "x")
        self.assertEqual(x[0], 1.5)
        self.assertTrue(x.isna()[1])

    def test_int_with_nulls_is_float(self):
        self.write("data.csv", "n,m\n1,a\n,b\n3,c\n")
        self.assertEqual(str(self.column("{columns: n, column_type: int}", "n").dtype), "float64")

    def test_string_keeps_text(self):
        self.assertEqual(self.column("{columns: n, column_type: string}", "n", infer="true").tolist(), ["1", "2"])

    def test_boolean_with_values_and_mismatch(self):
        entry = "{columns: flag, column_type: {boolean: {true_values: ['yes'], false_values: ['no']}}}"
        self.assertEqual(self.column(entry, "flag").tolist(), [True, False])
        for mismatch in ("'true'", "true"):
            entry = f"{{columns: flag, column_type: {{boolean: {{true_values: ['y'], false_values: ['no'], mismatch_as: {mismatch}}}}}}}"
            self.assertEqual(self.column(entry, "flag").tolist(), [True, False])

    def test_boolean_defaults_read_true_false_1_0(self):
        self.write("data.csv", "a,b\n1,TRUE\n0,false\n,\n")
        df = self.frame(converting(["{columns: [a, b], column_type: boolean}"]))
        self.assertEqual(df["a"].tolist(), [True, False, None])
        self.assertEqual(df["b"].tolist(), [True, False, None])
        self.write("data.csv", "n\n1\n2\n")
        with self.assertRaisesMLTable("column 'n': the value '2' in row 2 cannot be converted to boolean"):
            self.column("{columns: n, column_type: boolean}", "n")

    def test_unquoted_yes_in_true_values_is_refused(self):
        with self.assertRaisesMLTable("true_values", "True is a YAML boolean, not text"):
            self.table(converting(["{columns: flag, column_type: {boolean: {true_values: [yes], false_values: ['no']}}}"]))

    def test_boolean_mismatch_error_names_column_value_and_row(self):
        entry = "{columns: flag, column_type: {boolean: {true_values: ['yes'], false_values: ['nope'], mismatch_as: error}}}"
        with self.assertRaisesMLTable("transformations[1].convert_column_types", "column 'flag': the value 'no' in row 2"):
            self.column(entry, "flag")

    def test_datetime_with_formats_and_date_constant(self):
        when = self.column("{columns: when, column_type: {datetime: {formats: ['%Y-%m-%d', '%d/%m/%Y']}}}", "when")
        self.assertEqual(when[0], datetime.datetime(2020, 1, 5))
        self.assertTrue(when.isna()[1])
        t = self.column("{columns: t, column_type: {datetime: {formats: '%H:%M', date_constant: '2021-02-03'}}}", "t")
        self.assertEqual(t[0], datetime.datetime(2021, 2, 3, 10, 30))

    def test_datetime_format_mismatch(self):
        with self.assertRaisesMLTable("the value '05/01/2020' in row 1 cannot be converted to datetime"):
            self.column("{columns: when, column_type: {datetime: {formats: ['%Y-%m-%d']}}}", "when")

    def test_bad_values_and_specs(self):
        with self.assertRaisesMLTable("column 'flag': the value 'yes' in row 1 cannot be converted to int"):
            self.column("{columns: flag, column_type: int}", "flag")
        with self.assertRaisesMLTable("convert_column_types[0].column_type", "expected a column type", "'integer'"):
            self.table(converting(["{columns: n, column_type: integer}"]))
        with self.assertRaisesMLTable("column_type.boolean", "must be given together"):
            self.table(converting(["{columns: n, column_type: {boolean: {true_values: ['1']}}}"]))
        with self.assertRaisesMLTable("convert_column_types[1].columns", "'n' is converted more than once"):
            self.table(converting(["{columns: n, column_type: int}", "{columns: [x, n], column_type: float}"]))
        with self.assertRaisesMLTable("convert_column_types", "column 'nope' does not exist"):
            self.frame(converting(["{columns: nope, column_type: int}"]))

    def test_stream_info_keeps_paths_as_strings(self):
        self.assertEqual(self.column("{columns: n, column_type: stream_info}", "n", infer="true").tolist(), ["1", "2"])


if __name__ == "__main__":
    unittest.main()
