//! Stopping a run part-way (Ctrl-C in watch): the run stops at the next source or
//! stage and writes nothing more. What it leaves is whole, as after a crash: every file
//! is replaced atomically (see [`crate::store`]), a stage's manifest and cache index
//! are written only when the stage is done, and records written before the stop that
//! no manifest names are verified or pruned by the next run.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Asks the run in progress, and any run after it in this process, to stop.
pub fn request() {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Fails with [`Cancelled`] when a stop was asked for.
pub fn check() -> anyhow::Result<()> {
    if requested() {
        Err(Cancelled.into())
    } else {
        Ok(())
    }
}

/// The error of a run that stopped because it was asked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the run was stopped part-way; the reports are those of the last finished run")
    }
}

impl std::error::Error for Cancelled {}

/// Whether `err` is (or wraps) a [`Cancelled`].
pub fn is_cancelled(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Cancelled>().is_some()
}
