"""Copies an orch.toml with its proxy `listen` and its proxied process's `port` rewritten:
`orch_toml.py SOURCE LISTEN PORTS > TARGET`, e.g. `orch_toml.py examples/hello/orch.toml 127.0.0.1:41234 20100-20131`."""
import re
import sys


def rewrite(text, listen, ports):
    text = _replace_once(text, "listen", f'"{listen}"')
    return _replace_once(text, "port", f'"{ports}"')


def _replace_once(text, key, value):
    pattern = re.compile(rf"^(\s*{key}\s*=\s*).*$", re.MULTILINE)
    found = len(pattern.findall(text))
    if found != 1:
        # More than one would need a TOML parser to tell which table each belongs to; the example has one of each.
        raise ValueError(f"expected exactly one `{key} = ...` line, found {found}")
    return pattern.sub(lambda match: match.group(1) + value, text)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as source:
        sys.stdout.write(rewrite(source.read(), sys.argv[2], sys.argv[3]))
