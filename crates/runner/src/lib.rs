//! corroborate's runner: the one place that touches files, processes and the terminal.
//! The stages are pure library crates (`ingest`, `normalize`, `extract`, `reconcile`,
//! `report`); the runner wires them to the output folder, the pipeline files and the
//! terminal. The binary (`xtask`) only parses commands and calls in here.
//!
//! The modules, each using only those listed before it:
//! - [`pipeline`]: pipeline files (`pipelines/*.toml`): folders and stage settings;
//! - [`store`]: the output folder's layout and the one atomic file write;
//! - [`lock`]: the output folder held by one process;
//! - [`progress`]: progress bars;
//! - [`cancel`]: a run asked to stop part-way;
//! - [`cache`]: each stage's cache index (results reused when nothing they depend on changed);
//! - [`stages`]: the file layer around each stage;
//! - [`run`]: a whole run, or one stage, and what the terminal says of it;
//! - [`watch`]: the reports kept up to date as the input folder changes.

pub mod cache;
pub mod cancel;
pub mod lock;
pub mod pipeline;
pub mod progress;
pub mod run;
pub mod stages;
pub mod store;
pub mod watch;
