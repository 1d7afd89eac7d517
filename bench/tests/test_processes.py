import json
import shutil
import tempfile
import unittest
from pathlib import Path

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from processes import daemon_pid, router_pid

RUNNING = {11, 22, 33}.__contains__


class RouterPidTests(unittest.TestCase):
    def setUp(self):
        self.state = Path(tempfile.mkdtemp(prefix="bench-state-"))
        self.addCleanup(shutil.rmtree, self.state)

    def record(self, pid):
        (self.state / "router.json").write_text(json.dumps({"pid": pid, "startTimeTicks": 1, "clusterPort": 5}))

    def test_router_json_names_the_router(self):
        self.record(22)
        status = {"routers": [{"pid": 33, "draining": False}]}
        self.assertEqual((22, "router.json"), router_pid(self.state, status, 11, RUNNING))

    def test_router_json_of_a_process_that_is_gone_falls_back_to_status(self):
        self.record(99)
        status = {"routers": [{"pid": 22, "draining": True}, {"pid": 33, "draining": False}]}
        self.assertEqual((33, "status"), router_pid(self.state, status, 11, RUNNING))

    def test_unreadable_router_json_falls_back_to_status(self):
        (self.state / "router.json").write_text("{not json")
        self.assertEqual((33, "status"), router_pid(self.state, {"routers": [{"pid": 33}]}, 11, RUNNING))

    def test_no_router_anywhere_is_the_daemon_itself(self):
        self.assertEqual((11, "daemon"), router_pid(self.state, {"apps": []}, 11, RUNNING))
        self.assertEqual((11, "daemon"), router_pid(self.state, {"routers": []}, 11, RUNNING))

    def test_several_serving_routers_and_no_record_is_an_error(self):
        status = {"routers": [{"pid": 22}, {"pid": 33}]}
        with self.assertRaisesRegex(ValueError, "2 serving routers"):
            router_pid(self.state, status, 11, RUNNING)


class DaemonPidTests(unittest.TestCase):
    def test_pid_of_health(self):
        self.assertEqual(11, daemon_pid({"pid": 11, "version": "1.0.0"}))

    def test_no_pid(self):
        self.assertIsNone(daemon_pid({"version": "1.0.0"}))
        self.assertIsNone(daemon_pid({"pid": "11"}))


if __name__ == "__main__":
    unittest.main()
