import json
import shutil
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from data_plane_report import render

LOAD = SimpleNamespace(clients=16, streams=4, stream_events=100, event_ms=100, cycles=3)


def summary(**overrides):
    values = {"clients": 16, "sse": 4, "seconds": 10.0, "ok": 12345, "failed": 0, "retried": 2, "sseOpened": 40,
              "sseInterrupted": 0, "longestGapSeconds": 0.2, "longestReopenSeconds": 0.3}
    values.update(overrides)
    return values


class DataPlaneReportTests(unittest.TestCase):
    def setUp(self):
        self.results = Path(tempfile.mkdtemp(prefix="bench-data-plane-"))
        self.addCleanup(shutil.rmtree, self.results)

    def write(self, name, content):
        (self.results / name).write_text(content if isinstance(content, str) else json.dumps(content))

    def row(self, text, start):
        return next(line for line in text.splitlines() if line.startswith(f"| {start}"))

    def render(self):
        return render(self.results, "2026-12-01 10:00 UTC", "2 cores, 23.5 GiB RAM", LOAD)

    def complete(self):
        self.write("kills-load.json", summary())
        self.write("kills-router-before.txt", "500:123\n")
        self.write("kills-cycles.txt", "9000 9500 500:123\n11000 12000 500:123\n10000 10500 500:123\n")
        self.write("handovers-load.json", summary(ok=2000))
        self.write("handovers-cycles.txt", "4000 500 601\n5000 601 602\n4500 602 603\n")
        self.write("handovers-lingering.txt", "none\n")
        self.write("recovery.txt", "deployments=100\nsetup_ms=60000\nparallel=4\nhealth_ms=800\nrecovered_ms=21000\n"
                                   "answered=100\nanswered_before=100\napps=100/100\nprocesses=300\nadopted=300\nrestarted=0\n")
        self.write("rss.txt", "idle, 1 app|500|131072|400|204800|\nunder load|500|212992|400|206848|load:rss-load\n")
        self.write("rss-load.json", summary())

    def test_every_table_names_the_date_the_machine_and_the_one_run(self):
        self.complete()
        text = self.render()
        caption = "_2026-12-01 10:00 UTC, 2 cores, 23.5 GiB RAM, loopback; every table from the same run of `bench/data-plane.sh`._"
        self.assertEqual(3, text.count(caption))

    def test_kills_row_counts_and_keeps_the_router(self):
        self.complete()
        row = self.row(self.render(), "daemon SIGKILL")
        self.assertEqual("| daemon SIGKILL + restart ×3 | 12,345 | 0 | 2 | 40 / 0 | 0.20 s in a stream, 0.30 s to a reopened one "
                         "| no (pid 500 throughout) | app recovered 10.00 s / 11.00 s; router back in `orch status` 10.50 s / 12.00 s |", row)

    def test_kills_row_flags_a_new_router_and_one_that_never_came_back(self):
        self.complete()
        self.write("kills-cycles.txt", "9000 9500 500:123\n11000 never 500:123\n10000 10500 777:999\n")
        self.write("kills-load.json", summary(failed=3, sseInterrupted=1))
        row = self.row(self.render(), "daemon SIGKILL")
        self.assertIn("| **3** |", row)
        self.assertIn("40 / **1**", row)
        self.assertIn("**yes**: 777", row)
        self.assertIn("**router not back in `orch status` in 1 of 3 cycles**", row)

    def test_handovers_row_reports_a_new_router_each_time(self):
        self.complete()
        row = self.row(self.render(), "`orch router restart`")
        self.assertIn("| 2,000 | 0 |", row)
        self.assertIn("yes, 3 of 3 (a hand-over starts a new one) | hand-over 4.50 s / 5.00 s |", row)

    def test_handovers_row_names_failures_and_lingering_routers(self):
        self.complete()
        self.write("handovers-failures.txt", 'hand-over 2: {"error":"boom"}\n')
        self.write("handovers-cycles.txt", "4000 500 601\n4500 601 603\n")
        self.write("handovers-lingering.txt", "500\n")
        row = self.row(self.render(), "`orch router restart`")
        self.assertIn('**1 of 3 hand-overs failed**, e.g. hand-over 2: {"error":"boom"}', row)
        self.assertIn("**old routers still running 30 s after the load stopped: 500**", row)

    def test_notes_follow_the_first_table(self):
        self.complete()
        self.write("notes.txt", "before the hand-overs, the router was not listed\n")
        self.assertIn("\nNote: before the hand-overs, the router was not listed.\n", self.render())

    def test_recovery_row(self):
        self.complete()
        row = self.row(self.render(), "100 × 3")
        self.assertEqual("| 100 × 3 (1 web + 2 companions) | 60.00 s (4 at a time) | 0.80 s | 21.00 s | 300 / 0 "
                         "| 100 of 100 (100 before the SIGKILL) |", row)

    def test_rss_rows_in_mib_beside_the_daemon(self):
        self.complete()
        text = self.render()
        self.assertEqual("| idle, 1 app | 128 MiB (pid 500) | 200 MiB (pid 400) | none |", self.row(text, "idle, 1 app"))
        self.assertIn("16 GET clients, 1,234 req/s, 0 failed; 4 SSE streams", self.row(text, "under load"))

    def test_failed_parts_say_why_in_place_of_the_numbers(self):
        self.complete()
        self.write("kills.error", "cycle 2: the daemon exited | badly\n")
        self.write("recovery.error", "3 of 99 deploys failed\n")
        self.write("rss-streams.error", "not every one of 500 streams got an event\n")
        text = self.render()
        self.assertIn("| daemon SIGKILL + restart ×3 | n/a: cycle 2: the daemon exited / badly |", text)
        self.assertIn("| n/a: 3 of 99 deploys failed |", text)
        self.assertIn("| rss-streams | n/a: not every one of 500 streams got an event |", text)


if __name__ == "__main__":
    unittest.main()
