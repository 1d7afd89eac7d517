import unittest

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from report import render
from results_dir import SETTINGS, ResultsDir, row


class ProxyTableTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_medians_with_ratios_vs_direct_and_vs_nginx(self):
        self.results.rounds("direct", (40000, "1.00ms", "4.00ms"), (40000, "1.00ms", "4.00ms"))
        self.results.rounds("nginx", (20000, "2.00ms", "8.00ms"), (20000, "2.00ms", "8.00ms"))
        self.results.rounds("yarp", (30000, "1.00ms", "4.00ms"), (30000, "1.00ms", "4.00ms"))
        self.results.rounds("router", (10000, "4.00ms", "16.00ms"), (10000, "4.00ms", "16.00ms"))
        text = render(self.results.path, SETTINGS)
        self.assertEqual("| our router | 10,000 | 4.00 ms | 16.0 ms | 0 | 2 | 0.25x | 4.00x | 4.00x | 0.50x | 2.00x | 2.00x |",
                         row(text, "our router"))
        self.assertEqual("| nginx proxy_pass, 1 worker | 20,000 | 2.00 ms | 8.00 ms | 0 | 2 | 0.50x | 2.00x | 2.00x "
                         "| 1.00x | 1.00x | 1.00x |", row(text, "nginx"))
        self.assertIn("| YARP alone (reference) | 30,000 |", text)
        self.assertIn("medians of 5 interleaved rounds", text)

    def test_failed_target_shows_its_reason_and_the_others_have_no_nginx_ratio(self):
        self.results.rounds("direct", (40000, "1.00ms", "4.00ms"))
        self.results.write("wrk-nginx.error", "nginx did not start")
        self.results.rounds("router", (10000, "4.00ms", "16.00ms"))
        text = render(self.results.path, SETTINGS)
        self.assertTrue(row(text, "nginx").startswith("| nginx proxy_pass, 1 worker | n/a: nginx did not start |"))
        self.assertTrue(row(text, "our router").endswith("| 0.25x | 4.00x | 4.00x | n/a | n/a | n/a |"))

    def test_failed_rounds_are_counted(self):
        self.results.rounds("router", (10000, "4.00ms", "16.00ms"), (10000, "4.00ms", "16.00ms"))
        self.results.write("wrk-router-2.error", "wrk exited 1")
        self.assertIn("| 1 (1 failed) |", row(render(self.results.path, SETTINGS), "our router"))


class DeployTableTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_overhead_per_cli_and_vs_jit(self):
        self.results.lines("deploy-orch", 300, 200, 250, "fail")
        self.results.lines("deploy-jit", 400, 350, 380)
        self.results.lines("start-ms", 90.5, 100, 110)
        text = render(self.results.path, SETTINGS)
        self.assertEqual("| `./orch` (NativeAOT) | 250 ms | 200 ms | 300 ms | 3 (1 failed) | 150 ms |", row(text, "`./orch`"))
        self.assertEqual("| JIT build | 380 ms | 350 ms | 400 ms | 3 | 280 ms |", row(text, "JIT build"))
        self.assertEqual("| app start-to-listening (no orch) | 100 ms | 90.5 ms | 110 ms | 3 | |", row(text, "app start"))
        self.assertIn("vs the JIT build: -130 ms (0.54x)", text)

    def test_jit_not_measured_says_why(self):
        self.results.lines("deploy-orch", 300)
        self.results.write("deploy-jit.error", "building the JIT CLI failed")
        self.results.lines("start-ms", 100)
        self.assertEqual("| JIT build | n/a: building the JIT CLI failed | | | | n/a |",
                         row(render(self.results.path, SETTINGS), "JIT build"))


class DuringDeploysTableTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_steady_is_the_router_rounds_and_during_is_compared_with_it(self):
        self.results.rounds("router", (10000, "2.00ms", "10.00ms"), (12000, "2.00ms", "20.00ms"),
                            (11000, "2.00ms", "30.00ms"))
        self.results.wrk("wrk-during-deploys", 9000, "3.00ms", "50.00ms", errors=2)
        self.results.lines("deploys-under-load", 400, "fail", 500)
        text = render(self.results.path, SETTINGS)
        self.assertEqual("| steady | 11,000 | 2.00 ms | 20.0 ms | 0 | 1.00x |", row(text, "steady"))
        self.assertEqual("| during 10 deploys | 9,000 | 3.00 ms | 50.0 ms | 2 | 2.50x |", row(text, "during"))
        self.assertIn("Deploys under load: 2 succeeded, 1 failed, median 450 ms.", text)


class RssTableTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_router_process_and_daemon_with_the_highest_load_sample(self):
        self.results.rss(("idle-before", 22, 30720, 11, 61440, "router.json"),
                         ("load", 22, 40960, 11, 62464, "router.json"),
                         ("load", 22, 45056, 11, 61440, "router.json"),
                         ("idle-after", 22, "", 11, 61440, "router.json"))
        text = render(self.results.path, SETTINGS)
        self.assertIn("Router pid 22 (from router.json), daemon pid 11 (from `/v1/health`)", text)
        self.assertEqual("| idle, 1 app, before the load | 30.0 MB | 60.0 MB | 90.0 MB | 1 |", row(text, "idle, 1 app"))
        self.assertEqual("| under the router load (highest of the router rounds' samples) | 44.0 MB | 61.0 MB "
                         "| 104.0 MB | 2 |", row(text, "under the router load"))
        # The router was gone at that moment: no sample rather than a zero.
        self.assertEqual("| idle, after the load and every deploy | n/a: not sampled | | | |", row(text, "idle, after"))

    def test_router_inside_the_daemon_is_counted_once(self):
        self.results.rss(("load", 11, 204800, 11, 204800, "daemon"))
        text = render(self.results.path, SETTINGS)
        self.assertIn("The router runs inside the daemon (pid 11", text)
        self.assertIn("| 200.0 MB | 200.0 MB | 200.0 MB | 1 |", row(text, "under the router load"))

    def test_rss_not_measured_says_why(self):
        self.results.write("rss.error", "/v1/health did not answer")
        self.assertIn("n/a: /v1/health did not answer", render(self.results.path, SETTINGS))


class CliTableTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_medians_of_both_clis_and_their_ratio(self):
        self.results.lines("cli-status-orch", 12, 10, 11)
        self.results.lines("cli-status-jit", 250, 260, 240)
        self.results.lines("cli-version-orch", 4, 5, 6)
        self.results.write("cli-version-jit.error", "hyperfine: exited 1")
        text = render(self.results.path, SETTINGS)
        self.assertIn("| Command | `./orch` (NativeAOT) | JIT build | vs JIT |", text)
        self.assertEqual("| `orch status` (1 app deployed) | 11.0 ms | 250 ms | 0.04x |", row(text, "`orch status`"))
        self.assertEqual("| `orch --version` | 5.00 ms | n/a: hyperfine: exited 1 | n/a |", row(text, "`orch --version`"))


class NothingMeasuredTests(unittest.TestCase):
    def test_every_table_says_not_run_and_every_target_not_measured(self):
        results = ResultsDir(self)
        text = render(results.path, SETTINGS)
        self.assertTrue(row(text, "direct").startswith("| direct (node app) | n/a: not run |"))
        self.assertIn("| `./orch` (NativeAOT) | n/a: not run |", text)
        self.assertIn("| steady | n/a: not run |", text)
        self.assertIn("Memory (VmRSS)\n\nn/a: not run", text)
        targets = text[text.index("## Targets"):].splitlines()[4:]
        self.assertEqual(9, len(targets))
        self.assertTrue(all(line.endswith("| n/a | not measured |") for line in targets), targets)


if __name__ == "__main__":
    unittest.main()
