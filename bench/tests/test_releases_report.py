import json
import shutil
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from releases_report import after_healthy_ms, app_ms, hook_ms, overlap_ms, render, run_ms

SETTINGS = SimpleNamespace(stack_rounds=2, stack_listen_ms=[0, 500], hook_rounds=3, canary_percent=20,
                           canary_clients=400, canary_connections=32, canary_seconds=10)


def stack_run(b, c, started="2026-12-04T19:00:00+00:00", ended="2026-12-04T19:00:01.5+00:00", prefix="l0"):
    apps = [{"app": f"{prefix}-a", "startedAt": "2026-12-04T19:00:00.0000000+00:00",
             "endedAt": "2026-12-04T19:00:00.3000000+00:00"},
            {"app": f"{prefix}-b", "startedAt": b[0], "endedAt": b[1]},
            {"app": f"{prefix}-c", "startedAt": c[0], "endedAt": c[1]}]
    return {"stack": "diamond-0", "run": {"startedAt": started, "endedAt": ended, "apps": apps}}


def load(ok, by_revision, both=0, clients=400, failed=0, p99=5.0):
    return {"ok": ok, "failed": failed, "byRevision": by_revision, "clients": clients, "clientsBothSides": both,
            "latencyMs": {"p50": 1.0, "p90": 2.0, "p99": p99, "max": 9.0}}


class OverlapTests(unittest.TestCase):
    def test_parallel_apps_overlap_by_their_shared_time(self):
        run = stack_run(("2026-12-04T19:00:00.3000000+00:00", "2026-12-04T19:00:00.6000000+00:00"),
                        ("2026-12-04T19:00:00.3100000+00:00", "2026-12-04T19:00:00.7000000+00:00"))
        self.assertAlmostEqual(290.0, overlap_ms(run, "l0-b", "l0-c"))

    def test_one_after_the_other_is_zero(self):
        run = stack_run(("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.6Z"),
                        ("2026-12-04T19:00:00.6Z", "2026-12-04T19:00:00.9Z"))
        self.assertEqual(0.0, overlap_ms(run, "l0-b", "l0-c"))

    def test_missing_times_are_none(self):
        run = stack_run(("2026-12-04T19:00:00.3Z", None), ("2026-12-04T19:00:00.6Z", "2026-12-04T19:00:00.9Z"))
        self.assertIsNone(overlap_ms(run, "l0-b", "l0-c"))
        self.assertIsNone(overlap_ms({"run": {"apps": []}}, "l0-b", "l0-c"))

    def test_run_length_is_from_the_daemons_times(self):
        self.assertAlmostEqual(1500.0, run_ms(stack_run(("x", "x"), ("x", "x"))))
        self.assertIsNone(run_ms({"run": {"startedAt": "2026-12-04T19:00:00Z", "endedAt": None}}))


HOOKED = """[     17 ms] starting: deploy requested
[     29 ms] started web (pid 25915)
[     29 ms] probing: probing http://127.0.0.1:25572/ping every 250ms
[    273 ms] healthy: GET http://127.0.0.1:25572/ping answered 200 OK
[    273 ms] pre_switch: running exec:true
[    290 ms] pre_switch: exec:true exited with 0
[    290 ms] switching: health passed
[    297 ms] active: serving traffic
[    297 ms] post_switch: running exec:true
[    342 ms] deployment hooked-261204-192226-2 is active; post_switch: exec:true exited with 0
"""

UNHOOKED = """[     10 ms] starting: deploy requested
[    187 ms] healthy: GET http://127.0.0.1:25575/ping answered 200 OK
[    187 ms] switching: health passed
[    192 ms] active: serving traffic
[    192 ms] deployment unhooked-261204-192226 is active
"""


class ProgressTests(unittest.TestCase):
    def test_each_hook_lasts_from_its_running_line_to_the_next(self):
        self.assertEqual((17.0, 45.0), hook_ms(HOOKED))
        self.assertEqual((None, None), hook_ms(UNHOOKED))

    def test_healthy_to_done_leaves_out_the_apps_start(self):
        self.assertEqual(69.0, after_healthy_ms(HOOKED))
        self.assertEqual(5.0, after_healthy_ms(UNHOOKED))
        self.assertIsNone(after_healthy_ms("[   10 ms] starting: deploy requested\norch: health never passed\n"))

    def test_an_app_of_a_stack_run_lasts_from_its_start_to_its_end(self):
        run = stack_run(("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.6Z"), ("2026-12-04T19:00:00.3Z", None))
        self.assertAlmostEqual(300.0, app_ms(run, "l0-b"))
        self.assertIsNone(app_ms(run, "l0-c"))
        self.assertIsNone(app_ms(run, "l0-z"))


class ReleasesReportTests(unittest.TestCase):
    def setUp(self):
        self.results = Path(tempfile.mkdtemp(prefix="bench-releases-"))
        self.addCleanup(shutil.rmtree, self.results)

    def write(self, name, content):
        (self.results / name).write_text(content if isinstance(content, str) else json.dumps(content))

    def row(self, text, start):
        return next(line for line in text.splitlines() if line.startswith(f"| {start}"))

    def render(self):
        return render(self.results, "2026-12-04 19:30 UTC", "2 cores, 7.8 GiB RAM", SETTINGS)

    def complete(self):
        together = (("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.6Z"), ("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.7Z"))
        for listen in (0, 500):
            self.write(f"stack-{listen}-wall.txt", "900\n1100\n")
            self.write(f"plain-{listen}-wall.txt", "1200\n1300\n")
            for number in (1, 2):
                self.write(f"stack-{listen}-{number}.json", stack_run(*together, prefix=f"l{listen}"))
        self.write("hooks-without.txt", "100\n110\n120\n")
        self.write("hooks-with.txt", "130\n140\n200\n")
        for number in (1, 2, 3):
            self.write(f"hooks-with-{number}.progress", HOOKED)
            self.write(f"hooks-without-{number}.progress", UNHOOKED)
        self.write("canary-rounds.txt", "1 base canary-1 800\n2 base canary-2 900\n")
        for number in (1, 2):
            self.write(f"canary-{number}-before.json", load(10000, {"base": 10000}, p99=4.0))
            self.write(f"canary-{number}-during.json", load(9000, {"base": 7200, f"canary-{number}": 1800}, p99=6.0))

    def test_the_caption_names_the_date_the_machine_and_the_one_run(self):
        self.complete()
        self.assertIn("_2026-12-04 19:30 UTC, 2 cores, 7.8 GiB RAM, loopback; every table from the same run of "
                      "`bench/releases.sh`._", self.render())

    def test_stack_row_gives_the_ratio_and_the_overlap(self):
        self.complete()
        self.assertEqual("| at once | 1,000 ms | 1,500 ms | 1,250 ms | 0.80x | yes: 2 of 2 runs, by 300 ms (median) |",
                         self.row(self.render(), "at once"))
        self.assertTrue(self.row(self.render(), "500 ms").startswith("| 500 ms | 1,000 ms |"))

    def test_the_stack_note_gives_each_apps_length_and_the_clis_lag_by_round(self):
        self.complete()
        walls = []
        for number in range(1, 11):
            # Round N's run lasts N seconds and its CLI returned 100 ms later: pairing round 10 with round 2's wall
            # (names in text order) would give other lags.
            run = stack_run(("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.6Z"),
                            ("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.7Z"),
                            started="2026-12-04T19:00:00Z", ended=f"2026-12-04T19:00:{number:02d}Z")
            run["run"]["apps"].append({"app": "l0-d", "startedAt": "2026-12-04T19:00:00.7Z", "endedAt": "2026-12-04T19:00:01Z"})
            self.write(f"stack-0-{number}.json", run)
            walls.append(f"{number * 1000 + 100}\n")
        self.write("stack-0-wall.txt", "".join(walls))
        note = next(line for line in self.render().splitlines() if line.startswith("Each app's deploy"))
        self.assertIn("at once: a alone 300 ms, b and c side by side 300 ms and 400 ms, d 300 ms, the CLI 100 ms after the run",
                      note)

    def test_stack_row_says_when_b_and_c_never_overlapped(self):
        self.complete()
        apart = (("2026-12-04T19:00:00.3Z", "2026-12-04T19:00:00.6Z"), ("2026-12-04T19:00:00.6Z", "2026-12-04T19:00:00.9Z"))
        for number in (1, 2):
            self.write(f"stack-0-{number}.json", stack_run(*apart))
        self.assertIn("| **no**: 0 of 2 runs", self.row(self.render(), "at once"))

    def test_a_failed_stack_deploy_is_counted_and_the_part_error_replaces_the_numbers(self):
        self.complete()
        self.write("stack-0-wall.txt", "900\nfail\n")
        self.assertIn("| 900 ms (1 of 2 failed) |", self.row(self.render(), "at once"))
        self.write("stack-500.error", "the first stack deploy failed: boom")
        self.assertEqual("| 500 ms | n/a: the first stack deploy failed: boom | | | | |", self.row(self.render(), "500 ms"))

    def test_hooks_rows_give_median_p90_and_ratios_against_no_hooks(self):
        self.complete()
        text = self.render()
        self.assertEqual("| without hooks | 110 ms | 120 ms | 1.00x (+0 ms) | 1.00x | 5.0 ms |", self.row(text, "without hooks"))
        self.assertEqual("| pre_switch + post_switch `exec:true` | 140 ms | 200 ms | 1.27x (+30 ms) | 1.67x | 69.0 ms |",
                         self.row(text, "pre_switch"))
        self.assertIn("(medians of 3): pre_switch 17.0 ms, post_switch 45.0 ms.", text)

    def test_canary_rows_give_the_share_the_clients_on_both_sides_and_the_p99_ratio(self):
        self.complete()
        text = self.render()
        self.assertEqual("| 1 | 10,000 / 9,000 | 20.0% | 0 of 400 | 0 | 4.0 ms | 6.0 ms | 1.50x |", self.row(text, "1 |"))
        total = self.row(text, "all")
        self.assertIn("**20.0%** (target 20% ± 5: met)", total)
        self.assertIn("**0** of 800 (target 0: met)", total)
        self.assertIn("1.50x (median)", total)

    def test_canary_targets_are_not_met_off_the_share_or_with_a_client_on_both_sides(self):
        self.complete()
        self.write("canary-2-during.json", load(9000, {"base": 5000, "canary-2": 4000}, both=3))
        total = self.row(self.render(), "all")
        self.assertIn("(target 20% ± 5: **not met**)", total)
        self.assertIn("**3** of 800 (target 0: **not met**)", total)

    def test_a_canary_part_that_failed_says_why(self):
        self.write("canary.error", "round 1: orch deploy exited 1")
        self.assertIn("| all | n/a: round 1: orch deploy exited 1 |", self.render())


if __name__ == "__main__":
    unittest.main()
