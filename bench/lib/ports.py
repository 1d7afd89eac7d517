"""Free loopback ports: `ports.py any` prints one the OS picks; `ports.py range SIZE` prints FIRST-LAST, a block of
SIZE consecutive free ports below the ephemeral range (so wrk's own client ports cannot collide with it)."""
import random
import socket
import sys

RANGE_LOW, RANGE_HIGH = 20000, 32000
ATTEMPTS = 200


def any_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_range(size):
    for _ in range(ATTEMPTS):
        first = random.randrange(RANGE_LOW, RANGE_HIGH - size)
        if all(_free(port) for port in range(first, first + size)):
            return first, first + size - 1
    raise SystemExit(f"no {size} consecutive free ports in {RANGE_LOW}-{RANGE_HIGH} after {ATTEMPTS} tries")


def _free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


if __name__ == "__main__":
    if sys.argv[1:] == ["any"]:
        print(any_port())
    elif len(sys.argv) == 3 and sys.argv[1] == "range":
        print("%d-%d" % free_range(int(sys.argv[2])))
    else:
        raise SystemExit("usage: ports.py any | ports.py range SIZE")
