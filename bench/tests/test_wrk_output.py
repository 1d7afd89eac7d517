import unittest

from support import FIXTURES
from wrk_output import WrkParseError, duration_ms, parse


class WrkOutputTests(unittest.TestCase):
    def test_parse_real_run_reads_rate_percentiles_and_count(self):
        result = parse((FIXTURES / "wrk-ok.txt").read_text())
        self.assertAlmostEqual(29567.70, result.requests_per_second)
        self.assertAlmostEqual(0.93, result.p50_ms)
        self.assertAlmostEqual(68.49, result.p99_ms)
        self.assertEqual(29709, result.requests)
        self.assertEqual(0, result.errors)

    def test_parse_non_2xx_answers_counts_them_as_errors(self):
        self.assertEqual(48835, parse((FIXTURES / "wrk-errors.txt").read_text()).errors)

    def test_parse_socket_errors_and_mixed_units_sums_errors_and_converts(self):
        result = parse((FIXTURES / "wrk-timeouts.txt").read_text())
        self.assertAlmostEqual(0.812, result.p50_ms)
        self.assertAlmostEqual(1500.0, result.p99_ms)
        self.assertEqual(5, result.errors)

    def test_parse_without_latency_flag_raises(self):
        text = "\n".join(l for l in (FIXTURES / "wrk-ok.txt").read_text().splitlines() if "%  " not in l)
        with self.assertRaises(WrkParseError):
            parse(text)

    def test_parse_connection_refused_output_raises(self):
        with self.assertRaises(WrkParseError):
            parse("unable to connect to 127.0.0.1:1 Connection refused\n")

    def test_duration_ms_every_unit_converts(self):
        self.assertAlmostEqual(0.5, duration_ms("500.00us"))
        self.assertAlmostEqual(2.5, duration_ms("2.50ms"))
        self.assertAlmostEqual(1500.0, duration_ms("1.50s"))
        self.assertAlmostEqual(90_000.0, duration_ms("1.50m"))

    def test_duration_ms_unknown_unit_raises(self):
        with self.assertRaises(WrkParseError):
            duration_ms("3.00ns")


if __name__ == "__main__":
    unittest.main()
