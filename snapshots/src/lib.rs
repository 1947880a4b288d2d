//! Test-only package: see `tests/` (snapshots of every stage on every seed).
