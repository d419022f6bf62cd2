#!/usr/bin/env python3
"""Every libFuzzer target (*_fuzz.cpp) has a dictionary next to it
(<target>.dict) that libFuzzer will accept: lines of name="value" with
printable ASCII, \\\\, \\" and \\xNN escapes only (libFuzzer refuses the
whole file, and so the run, on one bad line). Under GCC there is no
libFuzzer to parse them, so this check keeps them valid in CI."""
import pathlib
import re
import sys

ENTRY = re.compile(r'^[A-Za-z0-9_]*="(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\\\|\\"|\\x[0-9A-Fa-f]{2})+"$')


def main(src):
    root = pathlib.Path(src)
    failures = []
    targets = sorted(p for p in root.rglob("*_fuzz.cpp") if not any(part.startswith("build") for part in p.parts))
    if not targets:
        failures.append("no *_fuzz.cpp found under " + src)
    for cpp in targets:
        d = cpp.with_suffix(".dict")
        if not d.exists():
            failures.append(f"{cpp.relative_to(root)}: no dictionary {d.name}")
            continue
        entries = 0
        for n, line in enumerate(d.read_bytes().decode("ascii", "replace").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if not ENTRY.match(line):
                failures.append(f"{d.relative_to(root)}:{n}: not a libFuzzer entry: {line!r}")
            entries += 1
        if entries < 10:
            failures.append(f"{d.relative_to(root)}: only {entries} entries")
        print(f"{d.relative_to(root)}: {entries} entries")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
