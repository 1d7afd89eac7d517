"""Which pids to sample: the daemon's from `/v1/health`, the router's from the state directory's `router.json`.

  processes.py daemon HEALTH.json                    the `pid` the daemon reports (exit 1 if none)
  processes.py router STATE_DIR STATUS.json DAEMON   `PID WHERE`: the router's pid, and where it was found:
      `router.json` (the router's own record, preferred), `status` (the serving router of `orch status --json`),
      or `daemon` (neither exists: the router runs inside the daemon, so its pid is DAEMON's)
"""
import json
import sys
from pathlib import Path

ROUTER_RECORD = "router.json"


def daemon_pid(health):
    pid = health.get("pid")
    return pid if isinstance(pid, int) and pid > 0 else None


def router_pid(state_dir, status, daemon, running=lambda pid: Path(f"/proc/{pid}").exists()):
    """(pid, where) of the router serving this state directory."""
    record = _read_json(Path(state_dir) / ROUTER_RECORD)
    pid = record.get("pid") if isinstance(record, dict) else None
    if isinstance(pid, int) and pid > 0 and running(pid):
        return pid, ROUTER_RECORD
    serving = [r.get("pid") for r in (status.get("routers") or []) if not r.get("draining") and r.get("pid")]
    if len(serving) == 1:
        return serving[0], "status"
    if not serving:
        return daemon, "daemon"
    raise ValueError(f"orch status lists {len(serving)} serving routers ({', '.join(map(str, serving))}) and "
                     f"{ROUTER_RECORD} names none that runs")


def _read_json(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def main(argv):
    try:
        if len(argv) == 2 and argv[0] == "daemon":
            pid = daemon_pid(_read_json(Path(argv[1])) or {})
            if pid is None:
                sys.stderr.write(f"processes.py: {argv[1]} has no pid\n")
                return 1
            print(pid)
            return 0
        if len(argv) == 4 and argv[0] == "router":
            status = _read_json(Path(argv[2]))
            if not isinstance(status, dict):
                sys.stderr.write(f"processes.py: {argv[2]} is not the JSON of orch status\n")
                return 1
            print("%d %s" % router_pid(argv[1], status, int(argv[3])))
            return 0
    except ValueError as error:
        sys.stderr.write(f"processes.py: {error}\n")
        return 1
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
