"""Reads `orch status --json` for the data-plane benchmark.

  orch_status.py snapshot STATUS.json              the apps with an active deployment: {app: {deployment, pids}}
  orch_status.py recovered SNAPSHOT.json STATUS.json
      exit 0 when every app of the snapshot is back with the same active deployment and every one of its
      processes running; prints `apps=A/N processes=P adopted=S restarted=R` either way (adopted: same pid)
  orch_status.py router STATUS.json                the pid of the router that is not draining (exit 1 if none)
"""
import json
import sys


def snapshot(status):
    apps = {}
    for app in status.get("apps", []):
        active = app.get("activeDeploymentId")
        deployment = _deployment(app, active)
        if deployment is not None:
            apps[app["app"]] = {"deployment": active, "pids": {p["id"]: p.get("pid") for p in deployment.get("processes", [])}}
    return apps


def recovered(before, status):
    """Returns (all recovered, counts) comparing a snapshot with a later status."""
    now = {app["app"]: app for app in status.get("apps", [])}
    counts = {"apps": 0, "of": len(before), "processes": 0, "adopted": 0, "restarted": 0}
    for name, expected in before.items():
        app = now.get(name)
        deployment = app and app.get("activeDeploymentId") == expected["deployment"] and _deployment(app, expected["deployment"])
        if not deployment:
            continue
        processes = {p["id"]: p for p in deployment.get("processes", [])}
        running = [processes.get(pid_id) for pid_id in expected["pids"]]
        if all(p is not None and p.get("state") == "running" for p in running):
            counts["apps"] += 1
        for process_id, pid in expected["pids"].items():
            process = processes.get(process_id)
            if process is None or process.get("state") != "running":
                continue
            counts["processes"] += 1
            counts["adopted" if process.get("pid") == pid else "restarted"] += 1
    return counts["apps"] == counts["of"], counts


def router_pid(status):
    serving = [r for r in status.get("routers") or [] if not r.get("draining") and r.get("pid")]
    return serving[0]["pid"] if len(serving) == 1 else None


def _deployment(app, deployment_id):
    if not deployment_id:
        return None
    return next((d for d in app.get("deployments", []) if d.get("id") == deployment_id), None)


def _load(path):
    with open(path) as source:
        return json.load(source)


def main(argv):
    try:
        return _command(argv)
    except (OSError, ValueError) as error:
        sys.stderr.write(f"orch_status.py: {error}\n")
        return 1


def _command(argv):
    if len(argv) == 2 and argv[0] == "snapshot":
        json.dump(snapshot(_load(argv[1])), sys.stdout)
        return 0
    if len(argv) == 3 and argv[0] == "recovered":
        done, counts = recovered(_load(argv[1]), _load(argv[2]))
        print("apps={apps}/{of} processes={processes} adopted={adopted} restarted={restarted}".format(**counts))
        return 0 if done else 1
    if len(argv) == 2 and argv[0] == "router":
        pid = router_pid(_load(argv[1]))
        if pid is None:
            return 1
        print(pid)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
