import unittest

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from results_dir import ResultsDir
from rounds import summarize


class SummarizeTests(unittest.TestCase):
    def setUp(self):
        self.results = ResultsDir(self)

    def test_medians_of_each_figure_over_the_rounds(self):
        self.results.rounds("router", (10000, "3.00ms", "30.00ms"), (14000, "1.00ms", "10.00ms"),
                            (12000, "2.00ms", "90.00ms"))
        summary = summarize(self.results.path, "router")
        self.assertEqual((12000, 2.0, 30.0, 3, 0),
                         (summary.requests_per_second, summary.p50_ms, summary.p99_ms, summary.rounds,
                          summary.failed_rounds))

    def test_errors_are_summed_over_the_rounds(self):
        self.results.wrk("wrk-router-1", 10000, "1.00ms", "2.00ms", errors=3)
        self.results.wrk("wrk-router-2", 10000, "1.00ms", "2.00ms", errors=4)
        self.assertEqual(7, summarize(self.results.path, "router").errors)

    def test_rounds_of_other_targets_are_not_mixed_in(self):
        self.results.rounds("router", (10000, "1.00ms", "2.00ms"))
        self.results.rounds("direct", (40000, "1.00ms", "2.00ms"), (40000, "1.00ms", "2.00ms"))
        self.assertEqual(1, summarize(self.results.path, "router").rounds)

    def test_failed_round_is_counted_and_the_others_kept(self):
        self.results.rounds("nginx", (20000, "1.00ms", "2.00ms"), (22000, "1.00ms", "2.00ms"))
        self.results.write("wrk-nginx-2.error", "wrk exited 1")
        summary = summarize(self.results.path, "nginx")
        self.assertEqual((20000, 1, 1), (summary.requests_per_second, summary.rounds, summary.failed_rounds))

    def test_every_round_failed_gives_the_first_reason(self):
        self.results.write("wrk-yarp-1.error", "did not answer 2xx")
        self.results.write("wrk-yarp-2.error", "wrk exited 1")
        self.assertEqual("round 1: did not answer 2xx", summarize(self.results.path, "yarp"))

    def test_target_that_could_not_run_gives_its_reason(self):
        self.results.write("wrk-yarp.error", "the YARP reference did not start | build failed\n")
        self.assertEqual("the YARP reference did not start / build failed", summarize(self.results.path, "yarp"))

    def test_no_rounds_is_not_run(self):
        self.assertEqual("not run", summarize(self.results.path, "direct"))


if __name__ == "__main__":
    unittest.main()
