import unittest

from support import HERE
from start_to_listen import measure

APP = str(HERE.parent.parent / "examples" / "hello" / "app.js")


class StartToListenTests(unittest.TestCase):
    def test_measure_example_app_returns_time_to_accept(self):
        ms = measure(["node", APP])
        self.assertGreater(ms, 0)
        self.assertLess(ms, 10_000)

    def test_measure_app_that_exits_raises_with_exit_code(self):
        with self.assertRaisesRegex(SystemExit, "exited with 3"):
            measure(["sh", "-c", "exit 3"])


if __name__ == "__main__":
    unittest.main()
