"""Adds up the test counts that each language's runner printed in a `make test` log.

CI reads a run's closing line to tell a real test run from an empty one; the
last runner in `make test` is a benchmark smoke run, whose own counts say
little. This prints one line for the whole run instead.
"""

import re
import sys

PATTERNS = [
    # cargo test
    (re.compile(r"^test result: \w+\. (\d+) passed; (\d+) failed"), 1, 2),
    # pytest
    (re.compile(r"^=*\s*(?:(\d+) failed, )?(\d+) passed"), 2, 1),
    # the C test program
    (re.compile(r"^(\d+) passed, (\d+) failed$"), 1, 2),
]
NODE_PASS = re.compile(r"^# pass (\d+)$")
NODE_FAIL = re.compile(r"^# fail (\d+)$")


def main(path: str) -> int:
    passed = failed = 0
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            for pattern, p, f in PATTERNS:
                m = pattern.match(line)
                if m:
                    passed += int(m.group(p) or 0)
                    failed += int(m.group(f) or 0)
                    break
            else:
                if m := NODE_PASS.match(line):
                    passed += int(m.group(1))
                elif m := NODE_FAIL.match(line):
                    failed += int(m.group(1))
    print(f"all languages: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
