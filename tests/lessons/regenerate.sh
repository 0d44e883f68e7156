#!/bin/sh
# Rewrite tests/lessons/NAME.session from the lessons, then NAME.expected
# with NumPy's own transcript (needs python3 with numpy and the oracle).
set -e
cd "$(dirname "$0")/../.."
SLICELAB_BLESS=1 cargo test --test lessons every_lesson_shows_numpys_own_output >/dev/null 2>&1 || true
ORACLE=${ORACLE:-/work/shared/conformance/oracle.py}
python3 "$ORACLE" tests/lessons/*.session
