import unittest

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from samples import percentile


class PercentileTests(unittest.TestCase):
    def test_nearest_rank(self):
        values = list(range(1, 11))
        self.assertEqual(5, percentile(values, 0.5))
        self.assertEqual(9, percentile(values, 0.9))
        self.assertEqual(10, percentile(values, 0.99))
        self.assertEqual(1, percentile(values, 0.0))

    def test_order_does_not_matter_and_float_error_does_not_move_the_rank(self):
        self.assertEqual(63, percentile(list(range(90, 0, -1)), 0.7))  # 90 * 0.7 is 62.99999999999999

    def test_no_values_is_none(self):
        self.assertIsNone(percentile([], 0.99))


if __name__ == "__main__":
    unittest.main()
