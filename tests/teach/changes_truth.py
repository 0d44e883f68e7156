"""Write NumPy's truth for tests/teach/changes.session.

For every statement: which array names it changed (values, shape, dtype or
`flags.writeable`), judged by NumPy itself. Run from the repository root:

    python3 tests/teach/changes_truth.py > tests/teach/changes.expected

Output: `>>> STATEMENT` then `changed: NAME ...` (sorted, possibly empty);
a statement NumPy rejects is shown as `error: Class`.
"""
import numpy as np

def state(ns):
    out = {}
    for k, v in ns.items():
        if isinstance(v, np.ndarray):
            out[k] = (v.shape, v.dtype.str, v.flags.writeable, v.tobytes(), id(v))
    return out

def main():
    ns = {"np": np}
    with open("tests/teach/changes.session") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    for line in lines:
        before = state(ns)
        print(">>> " + line)
        try:
            exec(line, ns)
        except Exception as e:
            print("error: " + type(e).__name__)
            continue
        after = state(ns)
        changed = sorted(
            k for k in before
            if k in after and after[k][4] == before[k][4] and after[k][:4] != before[k][:4]
        )
        print("changed: " + " ".join(changed))

main()
