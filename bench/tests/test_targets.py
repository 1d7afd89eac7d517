import unittest

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from report import render
from results_dir import SETTINGS, ResultsDir, row


class TargetsTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def target(self, label):
        text = render(self.results.path, SETTINGS)
        return row(text[text.index("## Targets"):], label)

    def proxies(self, router, nginx=(20000, "2.00ms", "10.00ms")):
        self.results.rounds("nginx", nginx)
        self.results.rounds("router", router)

    def test_router_at_least_nginx_is_met(self):
        self.proxies((21000, "2.00ms", "9.00ms"))
        self.assertEqual("| Router req/s vs nginx | >= 1.00x (floor 0.90x) | 1.05x | met |", self.target("Router req/s"))
        self.assertEqual("| Router p99 vs nginx | <= 1.00x (floor 1.50x) | 0.90x | met |", self.target("Router p99 vs"))

    def test_router_within_the_floor_is_not_met_but_says_the_floor_is(self):
        self.proxies((18000, "2.00ms", "14.00ms"))
        self.assertIn("| 0.90x | **not met** (floor met) |", self.target("Router req/s"))
        self.assertIn("| 1.40x | **not met** (floor met) |", self.target("Router p99 vs"))

    def test_router_below_the_floor(self):
        self.proxies((10000, "2.00ms", "30.00ms"))
        self.assertIn("| 0.50x | **not met** (floor not met) |", self.target("Router req/s"))
        self.assertIn("| 3.00x | **not met** (floor not met) |", self.target("Router p99 vs"))

    def test_router_with_errors_never_meets_even_when_faster(self):
        self.results.rounds("nginx", (20000, "2.00ms", "10.00ms"))
        self.results.wrk("wrk-router-1", 30000, "1.00ms", "5.00ms", errors=1)
        self.assertIn("| 1.50x | **not met** (floor not met) |", self.target("Router req/s"))

    def test_deploy_overhead(self):
        self.results.lines("deploy-orch", 180, 190)
        self.results.lines("start-ms", 100)
        self.assertEqual("| Deploy overhead | < 100 ms | 85 ms | met |", self.target("Deploy overhead"))

    def test_deploy_overhead_with_a_failed_deploy_is_not_met(self):
        self.results.lines("deploy-orch", 180, "fail")
        self.results.lines("start-ms", 100)
        self.assertIn("| 80 ms (1 deploys failed) | **not met** |", self.target("Deploy overhead"))

    def test_during_deploys_within_one_and_a_half_steady_is_met(self):
        self.results.rounds("router", (10000, "2.00ms", "10.00ms"))
        self.results.wrk("wrk-during-deploys", 9000, "2.00ms", "15.00ms")
        self.results.lines("deploys-under-load", 400, 400)
        self.assertIn("| 1.50x, 0 failed | met |", self.target("Router p99 during"))

    def test_during_deploys_with_a_failed_request_or_deploy_is_not_met(self):
        self.results.rounds("router", (10000, "2.00ms", "10.00ms"))
        self.results.wrk("wrk-during-deploys", 9000, "2.00ms", "11.00ms", errors=1)
        self.results.lines("deploys-under-load", 400, "fail")
        self.assertIn("| 1.10x, 1 failed, 1 deploys failed | **not met** |", self.target("Router p99 during"))

    def test_memory_targets_take_the_highest_sample_under_load(self):
        self.results.rss(("idle-before", 22, 10240, 11, 10240, "router.json"),
                         ("load", 22, 40960, 11, 71680, "router.json"),
                         ("load", 22, 52224, 11, 70656, "router.json"),
                         ("idle-after", 22, 99999, 11, 99999, "router.json"))
        self.assertIn("| < 50 MB | 51.0 MB | **not met** |", self.target("Router RSS under load"))
        self.assertIn("| < 80 MB | 70.0 MB | met |", self.target("Daemon RSS under load"))
        self.assertIn("| < rollbridge's 94 MB | 120.0 MB | **not met** |", self.target("Router + daemon RSS"))

    def test_router_inside_the_daemon_says_so(self):
        self.results.rss(("load", 11, 40960, 11, 40960, "daemon"))
        self.assertIn("| 40.0 MB (inside the daemon) | met |", self.target("Router RSS under load"))
        self.assertIn("| 40.0 MB | met |", self.target("Router + daemon RSS"))

    def test_cli_wall_time_of_the_cli_under_test(self):
        self.results.lines("cli-status-orch", 14, 16, 14.5)
        self.results.lines("cli-version-orch", 12, 9, 11)
        self.results.lines("cli-version-jit", 1, 1, 1)
        self.assertIn("| < 15 ms | 14.5 ms | met |", self.target("`orch status`"))
        self.assertIn("| < 10 ms | 11.0 ms | **not met** |", self.target("`orch --version`"))


if __name__ == "__main__":
    unittest.main()
