import shutil
import tempfile
import unittest
from pathlib import Path

from support import FIXTURES
from report import render


class ReportTests(unittest.TestCase):
    def setUp(self):
        self.results = Path(tempfile.mkdtemp(prefix="bench-report-"))
        self.addCleanup(shutil.rmtree, self.results)

    def write(self, name, text):
        (self.results / name).write_text(text)

    def wrk(self, name, rps, p50, p99):
        self.write(f"wrk-{name}.txt", f"  Latency Distribution\n     50%  {p50}\n     99%  {p99}\n"
                                      f"  1000 requests in 10.00s, 1.00MB read\nRequests/sec: {rps}\n")

    def row(self, text, label):
        return next(line for line in text.splitlines() if line.startswith(f"| {label}"))

    def test_render_all_parts_prints_ratios_to_direct(self):
        self.wrk("direct", 40000, "1.00ms", "4.00ms")
        self.wrk("router", 30000, "1.50ms", "6.00ms")
        self.wrk("nginx", 20000, "2.00ms", "8.00ms")
        text = render(self.results, 10, 2, 50)
        self.assertIn("| router (orch) | 30,000 | 1.50 ms | 6.00 ms | 0 | 0.75x | 1.50x | 1.50x |", text)
        self.assertIn("| nginx proxy_pass | 20,000 | 2.00 ms | 8.00 ms | 0 | 0.50x | 2.00x | 2.00x |", text)
        self.assertIn("| direct (node app) | 40,000 | 1.00 ms | 4.00 ms | 0 | 1.00x | 1.00x | 1.00x |", text)

    def test_render_router_beats_nginx_targets_met(self):
        self.wrk("direct", 40000, "1.00ms", "4.00ms")
        self.wrk("router", 30000, "1.50ms", "6.00ms")
        self.wrk("nginx", 20000, "2.00ms", "8.00ms")
        text = render(self.results, 10, 2, 50)
        self.assertEqual("| Requests/s | 1.50x | >= 1.00x | met |", self.row(text, "Requests/s"))
        self.assertEqual("| p99 | 0.75x | <= 1.00x | met |", self.row(text, "p99 |"))

    def test_render_router_slower_than_nginx_targets_missed(self):
        self.wrk("direct", 40000, "1.00ms", "4.00ms")
        self.wrk("router", 10000, "3.00ms", "12.00ms")
        self.wrk("nginx", 20000, "2.00ms", "8.00ms")
        text = render(self.results, 10, 2, 50)
        self.assertIn("0.50x | >= 1.00x | **missed**", self.row(text, "Requests/s"))
        self.assertIn("1.50x | <= 1.00x | **missed**", self.row(text, "p99 |"))

    def test_render_router_with_errors_misses_even_when_faster(self):
        self.wrk("direct", 40000, "1.00ms", "4.00ms")
        self.write("wrk-router.txt", (FIXTURES / "wrk-errors.txt").read_text())
        self.wrk("nginx", 20000, "2.00ms", "8.00ms")
        self.assertIn("**missed**", self.row(render(self.results, 10, 2, 50), "Requests/s"))

    def test_render_failed_part_shows_reason_and_keeps_others(self):
        self.wrk("direct", 40000, "1.00ms", "4.00ms")
        self.write("wrk-router.error", "./orch not found | really\n")
        self.wrk("nginx", 20000, "2.00ms", "8.00ms")
        text = render(self.results, 10, 2, 50)
        self.assertIn("| router (orch) | n/a: ./orch not found / really |", text)
        self.assertIn("| nginx proxy_pass | 20,000 |", text)
        self.assertIn("| Requests/s | n/a | >= 1.00x | not measured |", text)

    def test_render_deploys_prints_medians_and_overhead(self):
        self.write("deploy-ms.txt", "300\n200\n250\nfail\n")
        self.write("start-ms.txt", "90.5\n100\n110\n")
        text = render(self.results, 10, 2, 50)
        self.assertIn("| `orch deploy` wall time | 250 ms | 200 ms | 300 ms | 3 (1 failed) |", text)
        self.assertIn("| app start-to-listening | 100 ms | 90.5 ms | 110 ms | 3 |", text)
        # A failed deploy misses the target even when the successful ones were fast enough.
        self.assertIn("= **150 ms** (target < 150 ms: **missed**)", text)

    def test_render_fast_deploys_overhead_met(self):
        self.write("deploy-ms.txt", "180\n170\n190\n")
        self.write("start-ms.txt", "60\n70\n80\n")
        self.assertIn("= **110 ms** (target < 150 ms: met)", render(self.results, 10, 2, 50))

    def test_render_nothing_measured_says_not_run(self):
        text = render(self.results, 10, 2, 50)
        self.assertIn("| direct (node app) | n/a: not run |", text)
        self.assertIn("**Deploy overhead**: not measured", text)


if __name__ == "__main__":
    unittest.main()
