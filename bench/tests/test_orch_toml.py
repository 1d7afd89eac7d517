import unittest

from support import HERE
from orch_toml import rewrite

EXAMPLE = (HERE.parent.parent / "examples" / "hello" / "orch.toml").read_text()


class OrchTomlTests(unittest.TestCase):
    def test_rewrite_example_replaces_listen_and_port_only(self):
        text = rewrite(EXAMPLE, "127.0.0.1:41234", "20100-20131")
        self.assertIn('listen = "127.0.0.1:41234"', text)
        self.assertIn('port = "20100-20131"', text)
        self.assertNotIn("8182", text.replace("18182", ""))
        self.assertEqual(len(EXAMPLE.splitlines()), len(text.splitlines()))
        self.assertIn('health_path = "/ping"', text)

    def test_rewrite_missing_key_raises(self):
        with self.assertRaises(ValueError):
            rewrite('app = "x"\n', "127.0.0.1:1", "2000-2001")


if __name__ == "__main__":
    unittest.main()
