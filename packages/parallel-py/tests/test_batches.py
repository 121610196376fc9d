import os
import tempfile
import unittest

import pathsetup  # noqa: F401

from lathe_parallel.batches import file_batches, list_files, parse_size


class ParseSizeTest(unittest.TestCase):
    def test_counts_and_sizes(self):
        self.assertEqual(parse_size("10"), ("count", 10))
        self.assertEqual(parse_size(3), ("count", 3))
        self.assertEqual(parse_size("10kb"), ("bytes", 10240))
        self.assertEqual(parse_size("1.5 MB"), ("bytes", 1572864))

    def test_refuses_what_is_neither(self):
        for bad in ("0", "-1", "ten", "10 kilobytes", ""):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                parse_size(bad)


class FileBatchesTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.folder, "sub"))
        for name, size in (("a.txt", 600), ("b.txt", 600), ("sub/c.txt", 100), (".hidden", 5), ("d.txt", 2000)):
            with open(os.path.join(self.folder, name), "w") as f:
                f.write("x" * size)

    def test_lists_every_file_sorted_without_hidden_ones(self):
        names = [os.path.relpath(p, self.folder) for p in list_files(self.folder)]
        self.assertEqual(names, ["a.txt", "b.txt", "d.txt", os.path.join("sub", "c.txt")])

    def test_by_count(self):
        batches = file_batches(list_files(self.folder), ("count", 3))
        self.assertEqual([len(b) for b in batches], [3, 1])

    def test_by_size_fills_each_batch_until_the_size_is_reached(self):
        batches = file_batches(list_files(self.folder), ("bytes", 1024))
        self.assertEqual([[os.path.basename(p) for p in b] for b in batches], [["a.txt", "b.txt"], ["d.txt"], ["c.txt"]])


if __name__ == "__main__":
    unittest.main()
