import datetime
import unittest

from helpers import FolderTestCase

ROWS = "id,name,score,day\n" + "".join(f"{i},n{i},{i * 1.5},2020-01-{i:02d}\n" for i in range(1, 11))


def with_steps(steps):
    return ("paths:\n  - file: ./data.csv\ntransformations:\n  - read_delimited:\n      delimiter: ','\n"
            + "".join(f"  - {step}\n" for step in steps.strip().splitlines()))


class RowTransformations(FolderTestCase):
    def setUp(self):
        super().setUp()
        self.write("data.csv", ROWS)

    def ids(self, steps):
        return self.frame(with_steps(steps))["id"].tolist()

    def test_take_and_skip_apply_in_order(self):
        self.assertEqual(self.ids("take: 3"), [1, 2, 3])
        self.assertEqual(self.ids("skip: 8"), [9, 10])
        self.assertEqual(self.ids("skip: 2\ntake: 2"), [3, 4])
        self.assertEqual(self.ids("take: 0"), [])

    def test_take_random_sample_is_repeatable_with_a_seed(self):
        first = self.ids("take_random_sample: {probability: 0.5, seed: 7}")
        self.assertEqual(first, self.ids("take_random_sample: {probability: 0.5, seed: 7}"))
        self.assertTrue(set(first) <= set(range(1, 11)))
        self.assertEqual(self.ids("take_random_sample: {probability: 1}"), list(range(1, 11)))
        self.assertEqual(self.ids("take_random_sample: {probability: 0.0, seed: 1}"), [])

    def test_keep_and_drop_columns(self):
        self.assertEqual(list(self.frame(with_steps("keep_columns: [score, id]")).columns), ["score", "id"])
        self.assertEqual(list(self.frame(with_steps("drop_columns: name")).columns), ["id", "score", "day"])

    def test_unknown_columns_are_named(self):
        with self.assertRaisesMLTable("transformations[1].keep_columns", "column 'nope' does not exist", "'id'"):
            self.frame(with_steps("keep_columns: [id, nope]"))
        with self.assertRaisesMLTable("transformations[1].drop_columns", "column 'nope' does not exist"):
            self.frame(with_steps("drop_columns: nope"))

    def test_filter_expressions(self):
        self.assertEqual(self.ids("filter: 'col(\"id\") > 8'"), [9, 10])
        self.assertEqual(self.ids("filter: \"col('id') <= 2 or col('name') == 'n10'\""), [1, 2, 10])
        self.assertEqual(self.ids("filter: 'not (id > 1) '"), [1])
        self.assertEqual(self.ids("filter: '3 < id < 6'"), [4, 5])
        self.assertEqual(self.ids("filter: 'col(\"score\") * 2 == 6'"), [2])
        self.assertEqual(self.ids("filter: 'score > \"13\"'"), [9, 10])
        self.assertEqual(self.ids("filter: 'day >= datetime(2020, 1, 9)'"), [9, 10])
        self.assertEqual(self.ids("filter: 'day < \"2020-01-02\"'"), [1])

    def test_filter_with_nulls_keeps_no_null_rows(self):
        self.write("data.csv", "id,x\n1,5\n2,\n3,7\n")
        self.assertEqual(self.ids("filter: 'x > 4'"), [1, 3])
        self.assertEqual(self.ids("filter: 'x == None'"), [2])

    def test_unsupported_filter_expressions_are_refused_at_load(self):
        with self.assertRaisesMLTable("transformations[1].filter", "'len(name)' is not supported"):
            self.table(with_steps("filter: 'len(name) > 2'"))
        with self.assertRaisesMLTable("\"col('name').upper()\" is not supported"):
            self.table(with_steps("filter: 'col(\"name\").upper() == \"X\"'"))
        with self.assertRaisesMLTable("is not a valid expression"):
            self.table(with_steps("filter: 'col(\"id\") >'"))

    def test_filter_on_an_unknown_column(self):
        with self.assertRaisesMLTable("column 'nope' does not exist"):
            self.frame(with_steps("filter: 'col(\"nope\") > 1'"))


class PartitionColumns(FolderTestCase):
    def setUp(self):
        super().setUp()
        self.write("data/2020/01/05/part.csv", "v\n1\n")
        self.write("data/2021/12/31/part.csv", "v\n2\n3\n")

    def frame_with(self, partition_step, before_read=False):
        read = "  - read_delimited: {}\n"
        step = f"  - extract_columns_from_partition_format: {partition_step}\n"
        steps = step + read if before_read else read + step
        return self.frame("paths:\n  - pattern: ./data/**/*.csv\ntransformations:\n" + steps)

    def test_string_columns(self):
        df = self.frame_with("'{year}/{month}/{day}/part.csv'")
        self.assertEqual(df["year"].tolist(), ["2020", "2021", "2021"])
        self.assertEqual(df["day"].tolist(), ["05", "31", "31"])

    def test_datetime_column_and_the_docs_shorthand(self):
        for step in ("'/data/{date:yyyy/MM/dd}/part.csv'", "{date:yyyy/MM/dd}"):
            with self.subTest(step=step):
                df = self.frame_with(step)
                self.assertEqual(df["date"].tolist()[0], datetime.datetime(2020, 1, 5))
                self.assertEqual(str(df["date"].dtype), "datetime64[ns]")

    def test_before_the_read_the_columns_reach_every_row(self):
        df = self.frame_with("{partition_format: '/data/{year}/{month}/{day}', ignore_errors: false}", before_read=True)
        self.assertEqual(list(df.columns), ["v", "year", "month", "day"])
        self.assertEqual(df["month"].tolist(), ["01", "12", "12"])

    def test_a_path_that_does_not_match_is_an_error_unless_ignored(self):
        self.write("data/flat.csv", "v\n9\n")
        with self.assertRaisesMLTable("flat.csv' does not match the partition format '{year}/{month}/{day}/part.csv'"):
            self.frame_with("'{year}/{month}/{day}/part.csv'")
        df = self.frame_with("{partition_format: '{year}/{month}/{day}/part.csv', ignore_errors: true}")
        self.assertIsNone(df["year"].tolist()[-1])

    def test_bad_formats_are_refused_at_load(self):
        with self.assertRaisesMLTable("partition_format", "needs a yyyy part"):
            self.frame_with("'{d:MM/dd}'")
        with self.assertRaisesMLTable("partition_format", "at least one {column}"):
            self.frame_with("'data/part.csv'")


if __name__ == "__main__":
    unittest.main()
