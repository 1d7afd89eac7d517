"""Puts bench/lib on the import path and names the fixtures, for every test module here."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
sys.path.insert(0, str(HERE.parent / "lib"))
