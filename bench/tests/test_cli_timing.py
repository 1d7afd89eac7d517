import os
import shutil
import tempfile
import unittest
from pathlib import Path

from support import HERE
from cli_timing import hyperfine_times, kind, time_runs


class TimeRunsTests(unittest.TestCase):
    def test_one_sample_per_measured_run(self):
        samples = time_runs(["true"], runs=4, warmup=2)
        self.assertEqual(4, len(samples))
        self.assertTrue(all(0 < s < 10_000 for s in samples))

    def test_failing_command_names_its_exit_code(self):
        with self.assertRaisesRegex(SystemExit, "exited 3"):
            time_runs(["sh", "-c", "exit 3"], runs=1, warmup=0)


class HyperfineTests(unittest.TestCase):
    def test_times_in_ms(self):
        result = {"results": [{"command": "orch --version", "times": [0.004, 0.0055], "exit_codes": [0, 0]}]}
        self.assertEqual([4.0, 5.5], hyperfine_times(result))

    def test_failed_run_is_an_error(self):
        result = {"results": [{"command": "orch status", "times": [0.004], "exit_codes": [1]}]}
        with self.assertRaisesRegex(ValueError, "orch status exited 1"):
            hyperfine_times(result)

    def test_more_than_one_command_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "found 2"):
            hyperfine_times({"results": [{"times": []}, {"times": []}]})


class KindTests(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="bench-cli-"))
        self.addCleanup(shutil.rmtree, self.dir)

    def elf(self, name):
        path = self.dir / name
        path.write_bytes(b"\x7fELF" + b"\0" * 60)
        return path

    def test_apphost_next_to_its_dll_is_jit(self):
        self.elf("orch")
        (self.dir / "orch.dll").write_bytes(b"MZ")
        self.assertEqual("JIT", kind(self.dir / "orch"))

    def test_elf_alone_is_native(self):
        self.assertEqual("NativeAOT", kind(self.elf("orch")))

    def test_link_to_an_apphost_is_judged_by_its_target(self):
        self.elf("orch")
        (self.dir / "orch.dll").write_bytes(b"MZ")
        os.symlink(self.dir / "orch", self.dir / "link")
        self.assertEqual("JIT", kind(self.dir / "link"))

    def test_script_is_a_script(self):
        self.assertEqual("script", kind(HERE.parent / "standin" / "orch"))


if __name__ == "__main__":
    unittest.main()
