//! The evaluator: names, Python values, NumPy functions.
