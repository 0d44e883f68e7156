#!/usr/bin/env python3
"""Audit slicelab's teaching view against NumPy's truth (issue 13).

A seeded generator writes random statement sequences over a few names
(producers of views and copies, writers of every kind, `:undo`). Each
sequence runs twice:

* in Python with NumPy, recording after every statement, for each name
  bound or rebound to an array, `np.shares_memory` with every other name
  (and with what every name held before the statement) and whether it *is*
  another name; and, for every name still bound to the same array, whether
  its values, shape or flags changed and which cells;
* through `slicelab --keep-going FILE` with annotations on (NO_COLOR=1),
  whose verdict lines, `wrote`, alert and `changed in place` lines are
  parsed and held against that truth.

After each `:undo` (or run of them) the sequence prints every array name's
repr, shape, dtype and writeable flag; NumPy's side replays the statements
still in effect, so both must print the same.

Run from the repository root after `cargo build --release`:

    python3 tools/teach_audit.py --seeds 200 --length 30
    python3 tools/teach_audit.py --seed 7 --show 20     # one sequence, failures

Not part of `cargo test`: a developer's tool, needing NumPy.
"""
import argparse
import collections
import io
import contextlib
import os
import random
import re
import subprocess
import sys
import tempfile
import warnings

import numpy as np

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "slicelab")
NAMES = ["a", "b", "c", "d", "e", "f"]

# ---------------------------------------------------------------- generator

SOURCES = [
    ("arange_3d", "np.arange(24).reshape(2, 3, 4)"),
    ("arange_2d", "np.arange(12).reshape(3, 4)"),
    ("float32_2d", "np.arange(12, dtype=np.float32).reshape(4, 3) / 2"),
    ("float_1d", "np.linspace(0, 1, 6)"),
    ("int32_1d", "np.arange(8, dtype=np.int32)"),
    ("complex_1d", "np.array([1+2j, 3-1j, 0.5j, 2, -1j, 4])"),
    ("bool_1d", "np.arange(10) % 3 == 0"),
    ("int8_2d", "np.arange(-6, 6, dtype=np.int8).reshape(2, 6)"),
    ("struct", "np.array([(1, 2.5), (3, 4.5), (5, 6.5), (7, 8.5)], dtype=[('x', 'i4'), ('y', 'f8')])"),
    ("fortran", "np.asfortranarray(np.arange(12.0).reshape(3, 4))"),
]


def arrays(ns):
    return {k: v for k, v in ns.items() if k in NAMES and isinstance(v, np.ndarray)}


def numeric(v):
    return v.dtype.names is None and v.dtype.kind in "iufc"


def threshold(v):
    """A comparison constant that splits v's values."""
    if v.size == 0:
        return "0"
    if v.dtype.kind == "c":
        return None
    flat = np.sort(v.ravel())
    x = flat[len(flat) // 2]
    if v.dtype.kind == "f":
        return repr(float(x))
    return str(int(x))


def producers(s, v, rng):
    """(kind, expression) pairs making an array from the name s holding v."""
    out = []
    nd = v.ndim
    if nd >= 1 and v.shape[0] >= 2:
        out += [("slice", f"{s}[1:]"), ("slice_step", f"{s}[::2]"),
                ("slice_negstep", f"{s}[::-1]"), ("slice_negstep", f"{s}[-1::-2]"),
                ("int_list", f"{s}[[0, 1]]"), ("int_array", f"{s}[np.array([1, 0, 1])]"),
                ("int_neg", f"{s}[[-1]]"), ("range_index", f"{s}[range(1, 2)]")]
    if nd >= 1:
        out += [("ellipsis", f"{s}[..., ::-1]"), ("newaxis", f"{s}[None]"),
                ("newaxis", f"{s}[:, None]"), ("reshape", f"{s}.reshape(-1)"),
                ("ravel", f"{s}.ravel()"), ("flatten", f"{s}.flatten()"),
                ("T", f"{s}.T"), ("transpose", f"{s}.transpose()"),
                ("swapaxes", f"np.swapaxes({s}, 0, -1)"),
                ("squeeze", f"{s}[None].squeeze()"), ("expand_dims", f"np.expand_dims({s}, -1)"),
                ("view", f"{s}.view()"), ("astype_nocopy", f"{s}.astype({s}.dtype, copy=False)"),
                ("asarray", f"np.asarray({s})"), ("array_nocopy", f"np.array({s}, copy=False)"),
                ("array", f"np.array({s})"), ("asarray_F", f"np.asarray({s}, order='F')"),
                ("ascontiguousarray", f"np.ascontiguousarray({s})"),
                ("asfortranarray", f"np.asfortranarray({s})"),
                ("array_split", f"np.array_split({s}, 2)[0]"),
                ("split_last", f"np.array_split({s}, 3, axis=-1)[1]"),
                ("broadcast_to", f"np.broadcast_to({s}, (2,) + {s}.shape)"),
                ("concatenate", f"np.concatenate([{s}, {s}])"), ("stack", f"np.stack([{s}, {s}])"),
                ("append", f"np.append({s}, {s}[:1])"), ("copy", f"{s}.copy()"),
                ("T_ravel", f"{s}.T.ravel()"), ("T_ravel_K", f"{s}.T.ravel(order='K')"),
                ("step_ravel", f"{s}[..., ::2].ravel()"), ("T_reshape", f"{s}.T.reshape(-1)"),
                ("alias", f"{s}"), ("copy_slice", f"{s}.copy()[:1]"), ("slice_copy", f"{s}[:1].copy()")]
        out += [("concatenate_last", f"np.concatenate([{s}, {s}], axis=-1)"),
                ("stack_last", f"np.stack([{s}, {s}], axis=-1)"),
                ("hstack", f"np.hstack([{s}, {s}])"), ("vstack", f"np.vstack([{s}, {s}])"),
                ("split_piece", f"np.split({s}, [1])[1]"), ("split_piece", f"np.split({s}, 2)[0]"),
                ("split_piece", f"np.split({s}, [1], axis=-1)[0]")]
        if v.dtype.names is None:
            out += [("sort", f"np.sort({s}, axis=None)"),
                    ("where", f"np.where({s} == {s}, {s}, {s})"),
                    ("where_scalar", f"np.where({s} == {s}, {s}, 0)"),
                    ("where_one", f"np.where({s} == {s})[0]"),
                    ("where_one", f"np.where({s} == {s})[-1]")]
        if numeric(v) and v.dtype.kind != "c":
            out += [("round", f"np.round({s})"), ("round", f"np.round({s}, 1)"),
                    ("clip", f"np.clip({s}, 1, 5)"), ("astype", f"{s}.astype(np.float32)")]
        if v.dtype.names is None and v.dtype.itemsize == 8 and v.flags.c_contiguous:
            out += [("view_dtype", f"{s}.view(np.int32)")]
        if v.dtype.names is None and v.dtype.itemsize == 4 and v.flags.c_contiguous and v.shape[-1] % 2 == 0:
            out += [("view_dtype", f"{s}.view(np.int64)")]
    if nd >= 2:
        out += [("int_row", f"{s}[1]"), ("mixed", f"{s}[1:, [0, 1]]"), ("mixed", f"{s}[[0, 1], 1:]"),
                ("diagonal", f"np.diagonal({s})"), ("diagonal", f"{s}.diagonal(1, -2, -1)"),
                ("slice_2d", f"{s}[:, ::-2]"), ("nonzero_tuple", f"{s}[np.nonzero({s} == {s})]")]
    if nd == 1 and v.size >= 3:
        out += [("sliding_window_view", f"np.lib.stride_tricks.sliding_window_view({s}, 2)"),
                ("list_mask", f"{s}[{[bool(i % 2) for i in range(v.shape[0])]!r}]")]
    t = threshold(v) if numeric(v) or v.dtype.kind == "b" else None
    if t is not None and numeric(v):
        out += [("mask_compare", f"{s}[{s} > {t}]"),
                ("mask_isin", f"{s}[np.isin({s}, {s}.ravel()[:3])]"),
                ("mask_logical_and", f"{s}[np.logical_and({s} >= {t}, {s} == {s})]"),
                ("nonzero_tuple", f"{s}[np.nonzero({s} > {t})]")]
    if v.dtype.kind == "b":
        out += [("mask_bool_name", f"{s}[{s}]")]
    if v.dtype.kind == "c":
        out += [("real", f"{s}.real"), ("imag", f"{s}.imag")]
    if v.dtype.kind == "f":
        out += [("real", f"{s}.real"), ("astype_cast", f"{s}.astype(np.float64, copy=False)")]
    if v.dtype.names:
        out += [("field", f"{s}['x']"), ("field", f"{s}['y']"),
                ("field_list", f"{s}[['y', 'x']]"), ("mask_field", f"{s}[{s}['x'] > 2]['y']")]
    return out


def writers(t, v, rng):
    """(kind, statement) pairs writing into the name t holding v."""
    out = []
    nd = v.ndim
    # A loop binds one of the audited names to each item in turn.
    r = rng.choice([n for n in NAMES if n != t])
    if v.dtype.names:
        out += [("field_write", f"{t}['x'] = 9"), ("field_loop", f"for {r} in {t}:\n    {r}['x'] = 4"), ("field_write", f"{t}['y'][1:] = -1"),
                ("field_write", f"{t}[1]['x'] = 11"), ("record_write", f"{t}[0] = (5, 5.5)"),
                ("field_mask_write", f"{t}['y'][{t}['x'] > 2] = 0"),
                ("temp_copy_write", f"{t}[[0, 1]]['x'] = 3"),
                ("fill", f"{t}.fill((2, 2.5))"), ("copyto", f"np.copyto({t}, {t}[::-1].copy())")]
        return out
    val = "True" if v.dtype.kind == "b" else "7"
    if nd >= 1 and v.shape[0] >= 1:
        out += [("setitem_int", f"{t}[0] = {val}"), ("setitem_slice", f"{t}[1:] = {val}"),
                ("setitem_step", f"{t}[::2] = {val}"), ("setitem_negstep", f"{t}[::-2] = {val}"),
                ("setitem_ellipsis", f"{t}[...] = {t}[::-1].copy()"),
                ("setitem_fancy", f"{t}[[0, -1]] = {val}"),
                ("setitem_fancy_repeat", f"{t}[[0, 0]] = {val}"),
                ("setitem_newaxis", f"{t}[None, 0] = {val}"),
                ("fill", f"{t}.fill({val})"), ("put", f"{t}.put([0, -1], {val})"),
                ("np_put", f"np.put({t}, [1], {val})"),
                ("copyto", f"np.copyto({t}, {val})"),
                ("flat_index", f"{t}.flat[1] = {val}"), ("flat_slice", f"{t}.flat[::3] = {val}"),
                ("temp_copy_write", f"{t}[[0, 1]][0] = {val}"),
                ("self_assign", f"{t}[:] = {t}"),
                ("def_call", f"w({t})"),
                ("flat_mask", f"{t}.flat[[0, -1]] = {val}"),
                ("rebind", f"{t} = 0"), ("rebind_expr", f"{t} = {t} + {t}"),
                ("shape_attr", f"{t}.shape = (-1,)"), ("shape_attr", f"{t}.shape = {t}.shape[::-1]")]
    if nd >= 2:
        out += [("setitem_row", f"{t}[1] = {val}"), ("setitem_mixed", f"{t}[1:, [0, 1]] = {val}"),
                ("setitem_2d_region", f"{t}[:2, 1:3] = {val}"),
                ("sort_axis0", f"{t}.sort(axis=0)"),
                ("loop_def_call", f"for {r} in {t}:\n    w({r})"),
                ("loop_write", f"for {r} in {t}:\n    {r}[:1] = {val}"),
                ("loop_index_write", f"for i in range(len({t})):\n    {t}[i, :1] = {val}")]
    if v.dtype.kind != "b":
        out += [("iadd", f"{t} += 1"), ("iadd_view", f"{t}[::2] += 1"),
                ("iadd_fancy", f"{t}[[0, 0, -1]] += 1"),
                ("out_add", f"np.add({t}, 1, out={t})"),
                ("out_multiply", f"np.multiply({t}, 2, out={t})"),
                ("ufunc_at", f"np.add.at({t}, [0, 0, -1], 1)"),
                ("ufunc_at", f"np.multiply.at({t}, ([0, 0], ...), 3)"),
                ("sort", f"{t}.sort()")]
    else:
        out += [("out_logical", f"np.logical_not({t}, out={t})"), ("iand", f"{t} &= {t}[::-1].copy()")]
    t_ = threshold(v) if (numeric(v) or v.dtype.kind == "b") else None
    if t_ is not None and v.dtype.kind != "b":
        out += [("setitem_mask", f"{t}[{t} > {t_}] = {val}"),
                ("setitem_mask_isin", f"{t}[np.isin({t}, {t}.ravel()[:2])] = {val}"),
                ("setitem_mask_and", f"{t}[np.logical_and({t} > {t_}, {t} == {t})] = {val}"),
                ("setitem_nonzero", f"{t}[np.nonzero({t} > {t_})] = {val}"),
                ("imul_mask", f"{t}[{t} > {t_}] *= 2"),
                ("copyto_where", f"np.copyto({t}, {val}, where={t} > {t_})"),
                ("place", f"np.place({t}, {t} > {t_}, [{val}, 8])"),
                ("putmask", f"np.putmask({t}, {t} > {t_}, {val})"),
                ("temp_mask_write", f"{t}[{t} > {t_}][0] = {val}")]
    if v.dtype.kind == "c":
        out += [("imag_write", f"{t}.imag[:2] = 0"), ("real_write", f"{t}.real[1:] = 5")]
    return out


DEF = "def w(x):\n    x[..., :1] = 3\n    x += 0"


class Gen:
    """Builds one statement sequence, running it in NumPy as it goes so
    every statement is valid there (a rejected one is dropped)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.history = []  # statements in effect (undo pops)
        self.script = []  # (kind, text) including ':undo' and dumps
        self.ns = self.fresh()

    @staticmethod
    def fresh():
        return {"np": np}

    def replay(self):
        self.ns = self.fresh()
        for _, text in self.history:
            run_quiet(text, self.ns)

    def attempt(self, kind, text):
        try:
            run_quiet(text, self.ns, strict=True)
        except Exception:
            self.replay()
            return False
        self.history.append((kind, text))
        self.script.append((kind, text))
        return True

    def dump(self):
        for n in sorted(arrays(self.ns)):
            text = f"print(repr({n}), {n}.shape, {n}.dtype.str, {n}.flags.writeable)"
            self.attempt("dump", text)

    def build(self, length):
        rng = self.rng
        self.attempt("def", DEF)
        for name in rng.sample(NAMES, 2):
            kind, src = rng.choice(SOURCES)
            self.attempt("source:" + kind, f"{name} = {src}")
        while len(self.script) < length:
            arrs = arrays(self.ns)
            r = rng.random()
            if not arrs or r < 0.08:
                kind, src = rng.choice(SOURCES)
                self.attempt("source:" + kind, f"{rng.choice(NAMES)} = {src}")
            elif r < 0.5:
                s = rng.choice(sorted(arrs))
                kinds = producers(s, arrs[s], rng)
                if kinds:
                    kind, expr = rng.choice(kinds)
                    self.attempt("produce:" + kind, f"{rng.choice(NAMES)} = {expr}")
            elif r < 0.9:
                t = rng.choice(sorted(arrs))
                kinds = writers(t, arrs[t], rng)
                if kinds:
                    kind, stmt = rng.choice(kinds)
                    self.attempt("write:" + kind, stmt)
            elif len(self.history) > 4:
                for _ in range(rng.randint(1, 3)):
                    if len(self.history) > 3:
                        self.history.pop()
                        self.script.append(("undo", ":undo"))
                self.replay()
                self.dump()
        return self.script


def run_quiet(text, ns, strict=False):
    with warnings.catch_warnings():
        warnings.simplefilter("error" if strict else "ignore")
        with contextlib.redirect_stdout(io.StringIO()) as out:
            exec(compile(text, "<stmt>", "exec"), ns)
    return out.getvalue()


# ---------------------------------------------------------------- truth

def snapshot(ns):
    snap = {}
    for k, v in ns.items():
        if k in NAMES:
            entry = {"obj": v}
            if isinstance(v, np.ndarray):
                entry.update(shape=v.shape, dtype=v.dtype.str, writeable=v.flags.writeable,
                             cells=cell_bytes(v))
            snap[k] = entry
    return snap


def cell_bytes(v):
    """Each element's bytes in C order (NaN-safe and exact)."""
    c = np.ascontiguousarray(v)
    raw = c.tobytes()
    n = c.dtype.itemsize
    return [raw[i * n:(i + 1) * n] for i in range(c.size)]


def truth_of(script):
    """NumPy's record for each script line."""
    history = []
    ns = Gen.fresh()
    out = []
    for kind, text in script:
        if kind == "undo":
            history.pop()
            ns = Gen.fresh()
            for t in history:
                run_quiet(t, ns)
            out.append({"kind": kind})
            continue
        before = snapshot(ns)
        printed = run_quiet(text, ns)
        history.append(text)
        after = snapshot(ns)
        rec = {"kind": kind, "printed": printed, "bound": {}, "changed": {}}
        for k, e in after.items():
            v = e["obj"]
            if not isinstance(v, np.ndarray):
                continue
            old = before.get(k)
            if old is None or old["obj"] is not v:
                shares = {}
                for o, oe in list(after.items()):
                    if o != k and isinstance(oe["obj"], np.ndarray):
                        shares[o] = bool(np.shares_memory(v, oe["obj"]))
                olds = {o: bool(np.shares_memory(v, oe["obj"]))
                        for o, oe in before.items() if isinstance(oe["obj"], np.ndarray)}
                is_ = [o for o, oe in after.items() if o != k and oe["obj"] is v]
                was = [o for o, oe in before.items() if oe["obj"] is v]
                rec["bound"][k] = {"shares": shares, "olds": olds, "is": is_, "was": was,
                                   "size": v.size}
            else:
                if (old["shape"], old["dtype"], old["writeable"]) != (e["shape"], e["dtype"], e["writeable"]):
                    rec["changed"][k] = None  # attribute change
                elif old["cells"] != e["cells"]:
                    idx = [i for i, (x, y) in enumerate(zip(old["cells"], e["cells"])) if x != y]
                    rec["changed"][k] = {"cells": idx, "shape": e["shape"]}
        out.append(rec)
    return out


# ---------------------------------------------------------------- slicelab

def script_text(script):
    parts = []
    for _, text in script:
        parts.append(text + ("\n" if "\n" in text else ""))
    return "\n".join(parts) + "\n"


def run_slicelab(script, binary):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script_text(script))
        path = f.name
    try:
        env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
        p = subprocess.run([binary, "--keep-going", path], capture_output=True, text=True,
                           env=env, timeout=300)
    finally:
        os.unlink(path)
    blocks = []
    for line in p.stdout.splitlines():
        if line.startswith(">>> "):
            blocks.append([])
        elif line.startswith("... ") or line == "...":
            continue
        elif blocks:
            blocks[-1].append(line)
    return blocks, p.stderr


VERDICT = re.compile(
    r"^([A-Za-z_]\w*): \([\d, ]*\) \S+ · (VIEW|COPY|NEW|ALIAS|EMPTY)(?: (?:of|from) (an unnamed array|[A-Za-z_]\w*))?")
WROTE = re.compile(r"^wrote (\d+) cells? of ([A-Za-z_]\w*) in place")
ALERT = re.compile(r"^    ([A-Za-z_]\w*)(?: \((\d+) cells?\))?: (.*)$")
ERROR = re.compile(r"^([A-Z]\w*(?:Error|Exception|Interrupt)):")


def parse(block):
    said = {"verdicts": {}, "wrote": {}, "alerts": {}, "state": set(), "temporary": False,
            "rebound": set(), "error": None, "lines": block}
    in_alert = False
    for line in block:
        m = VERDICT.match(line)
        if m:
            said["verdicts"][m.group(1)] = (m.group(2), m.group(3))
        m = WROTE.match(line)
        if m:
            said["wrote"][m.group(2)] = int(m.group(1))
        if line.startswith("! ") and ("changed" in line):
            in_alert = True
            continue
        if in_alert:
            m = ALERT.match(line)
            if m:
                count = m.group(2)
                rest = m.group(3)
                if count is None:
                    count = None if "shares the written memory" in rest else rest.count("→")
                said["alerts"][m.group(1)] = (int(count) if count is not None else None, rest)
                continue
            in_alert = False
        if line.startswith("! this write went into a temporary copy"):
            said["temporary"] = True
        m = re.match(r"^changed in place: ([A-Za-z_]\w*)\.", line)
        if m:
            said["state"].add(m.group(1))
        m = re.match(r"^rebound: ([A-Za-z_]\w*)", line)
        if m:
            said["rebound"].add(m.group(1))
        m = ERROR.match(line)
        if m and said["error"] is None:
            said["error"] = line
    return said


# ---------------------------------------------------------------- compare

def judge_verdict(name, truth, said):
    """None if right, else why not."""
    got = said["verdicts"].get(name)
    if got is None:
        return "no verdict"
    word, src = got
    shares_any = any(truth["shares"].values()) or any(
        s for o, s in truth["olds"].items() if o != name or True)
    if word == "ALIAS":
        if src in truth["was"] or src in truth["is"]:
            return None
        return f"ALIAS of {src}, but it is {truth['was'] or truth['is'] or 'nothing named'}"
    if word == "VIEW":
        if src == "an unnamed array":
            if truth["size"] and not shares_any:
                return None
            return f"VIEW of an unnamed array but shares with {sharers(truth)}"
        if truth["olds"].get(src) or truth["shares"].get(src):
            return None
        return f"VIEW of {src} but np.shares_memory is False (shares: {sharers(truth)})"
    # COPY, NEW, EMPTY: shares with nothing
    if word == "EMPTY" and truth["size"] != 0:
        return "EMPTY but size is not 0"
    if shares_any:
        return f"{word} but np.shares_memory is True with {sharers(truth)}"
    return None


def sharers(truth):
    now = [o for o, s in truth["shares"].items() if s]
    old = [f"old {o}" for o, s in truth["olds"].items() if s]
    return now + old or "nothing"


def judge_writes(truth, said):
    """(missed, spurious, wrong_counts, wrong_temporary) lists."""
    changed = truth["changed"]
    reported = set(said["wrote"]) | set(said["alerts"]) | said["state"]
    missed = sorted(set(changed) - reported)
    spurious = sorted((set(said["alerts"]) | said["state"]) - set(changed))
    counts = []
    for n, (count, _) in said["alerts"].items():
        t = changed.get(n)
        if t and count is not None and count != len(t["cells"]):
            counts.append(f"{n}: said {count} cells, NumPy changed {len(t['cells'])}")
    for n, count in said["wrote"].items():
        t = changed.get(n)
        if t and count < len(t["cells"]):
            counts.append(f"{n}: wrote {count} cells, NumPy changed {len(t['cells'])}")
    return missed, spurious, counts


def audit(seed, length, binary, failures, rates):
    gen = Gen(seed)
    script = gen.build(length)
    truth = truth_of(script)
    blocks, err = run_slicelab(script, binary)
    if len(blocks) != len(script):
        failures.append((seed, "<run>", f"slicelab echoed {len(blocks)} of {len(script)} statements; {err[-300:]}"))
        rates["run"]["wrong"] += 1
        return
    last_dump_ok = True
    for (kind, text), t, block in zip(script, truth, blocks):
        said = parse(block)
        if kind == "undo":
            rates["undo"]["total"] += 1
            if not any(l.startswith("undid") for l in block):
                rates["undo"]["wrong"] += 1
                failures.append((seed, text, "did not say it undid: " + " | ".join(block)))
            continue
        if kind in ("dump",):
            rates["undo dump"]["total"] += 1
            got = "\n".join(block) + "\n" if block else ""
            if got != t["printed"]:
                rates["undo dump"]["wrong"] += 1
                failures.append((seed, text, f"after :undo NumPy prints {t['printed']!r}, slicelab {got!r}"))
            continue
        if said["error"]:
            rates["error:" + kind]["total"] += 1
            rates["error:" + kind]["wrong"] += 1
            failures.append((seed, text, "slicelab raised " + said["error"]))
            continue
        if kind.startswith(("produce", "source")) or t["bound"]:
            for name, tb in t["bound"].items():
                key = "verdict " + kind
                rates[key]["total"] += 1
                why = judge_verdict(name, tb, said)
                if why:
                    rates[key]["wrong"] += 1
                    failures.append((seed, text, why))
        missed, spurious, counts = judge_writes(t, said)
        key = "effects " + kind
        rates[key]["total"] += 1
        bad = []
        if missed:
            rates[key]["missed"] += 1
            bad.append(f"MISSED alert for {missed} (NumPy changed them)")
        if spurious:
            bad.append(f"spurious alert for {spurious}")
        if counts:
            bad.append("; ".join(counts))
        if kind.startswith("write:temp") and (not said["temporary"] or t["changed"]):
            if t["changed"] or not said["temporary"]:
                bad.append("temporary-copy write not told" if not said["temporary"] else "")
        if bad:
            rates[key]["wrong"] += 1
            failures.append((seed, text, "; ".join(b for b in bad if b)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=100, help="how many sequences")
    ap.add_argument("--seed", type=int, help="run only this seed")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--length", type=int, default=30, help="statements a sequence")
    ap.add_argument("--show", type=int, default=15, help="failures to print")
    ap.add_argument("--binary", default=BIN)
    ap.add_argument("--print-script", action="store_true", help="print the sequence(s)")
    args = ap.parse_args()
    seeds = [args.seed] if args.seed is not None else range(args.start, args.start + args.seeds)
    failures = []
    rates = collections.defaultdict(lambda: collections.Counter())
    np.seterr(all="ignore")
    for seed in seeds:
        if args.print_script:
            print(script_text(Gen(seed).build(args.length)))
        audit(seed, args.length, args.binary, failures, rates)
    total = sum(r["total"] for r in rates.values())
    wrong = sum(r["wrong"] for r in rates.values())
    missed = sum(r["missed"] for r in rates.values())
    print(f"{'kind':<40} {'checked':>8} {'wrong':>6} {'missed':>6}")
    for k in sorted(rates):
        r = rates[k]
        print(f"{k:<40} {r['total']:>8} {r['wrong']:>6} {r['missed']:>6}")
    rate = 100.0 * (total - wrong) / total if total else 100.0
    print(f"\n{total} checks, {wrong} wrong ({rate:.2f}% right), {missed} missed alerts")
    seen = collections.Counter()
    shown = 0
    for seed, text, why in failures:
        key = (text.split("=")[0] if "=" in text else text)[:0] + why[:40]
        seen[key] += 1
        if shown < args.show and seen[key] <= 2:
            print(f"seed {seed}: {text!r}: {why}")
            shown += 1
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
