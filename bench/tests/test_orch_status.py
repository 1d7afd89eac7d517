import unittest

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from orch_status import recovered, router_pid, snapshot


def app(name, active, processes, node="n1"):
    deployments = [{"id": active, "state": "active", "processes": [
        {"id": pid_id, "pid": pid, "state": state} for pid_id, pid, state in processes]}] if active else []
    return {"app": name, "node": node, "activeDeploymentId": active, "deployments": deployments}


BEFORE = {"apps": [
    app("a", "a-1", [("web", 10, "running"), ("queue", 11, "running"), ("mailer", 12, "running")]),
    app("b", "b-1", [("web", 20, "running"), ("queue", 21, "running"), ("mailer", 22, "running")]),
    app("stopped", None, []),
]}


class SnapshotTests(unittest.TestCase):
    def test_snapshot_keeps_apps_with_an_active_deployment_and_their_pids(self):
        self.assertEqual({
            "a": {"deployment": "a-1", "pids": {"web": 10, "queue": 11, "mailer": 12}},
            "b": {"deployment": "b-1", "pids": {"web": 20, "queue": 21, "mailer": 22}},
        }, snapshot(BEFORE))


class RecoveredTests(unittest.TestCase):
    def test_same_deployments_and_pids_running_is_recovered_and_adopted(self):
        done, counts = recovered(snapshot(BEFORE), BEFORE)
        self.assertTrue(done)
        self.assertEqual({"apps": 2, "of": 2, "processes": 6, "adopted": 6, "restarted": 0}, counts)

    def test_app_not_back_yet_is_not_recovered(self):
        done, counts = recovered(snapshot(BEFORE), {"apps": [BEFORE["apps"][0]]})
        self.assertFalse(done)
        self.assertEqual(1, counts["apps"])

    def test_process_still_starting_is_not_recovered(self):
        later = {"apps": [BEFORE["apps"][0], app("b", "b-1", [("web", 20, "running"), ("queue", 21, "starting"),
                                                               ("mailer", 22, "running")])]}
        self.assertFalse(recovered(snapshot(BEFORE), later)[0])

    def test_other_active_deployment_is_not_recovered(self):
        later = {"apps": [BEFORE["apps"][0], app("b", "b-2", [("web", 30, "running"), ("queue", 31, "running"),
                                                               ("mailer", 32, "running")])]}
        self.assertFalse(recovered(snapshot(BEFORE), later)[0])

    def test_new_pid_counts_as_restarted(self):
        later = {"apps": [BEFORE["apps"][0], app("b", "b-1", [("web", 99, "running"), ("queue", 21, "running"),
                                                               ("mailer", 22, "running")])]}
        done, counts = recovered(snapshot(BEFORE), later)
        self.assertTrue(done)
        self.assertEqual((5, 1), (counts["adopted"], counts["restarted"]))


class RouterPidTests(unittest.TestCase):
    def test_the_one_serving_router(self):
        status = {"routers": [{"pid": 5, "draining": True}, {"pid": 6, "draining": False}]}
        self.assertEqual(6, router_pid(status))

    def test_none_when_no_router_or_not_answering(self):
        self.assertIsNone(router_pid({"routers": []}))
        self.assertIsNone(router_pid({"routers": [{"pid": None, "unavailable": "no answer"}]}))
        self.assertIsNone(router_pid({}))


if __name__ == "__main__":
    unittest.main()
