//! A synthetic corpus with known answers, for scale and for measuring what the
//! pipeline recovers: [`gen_corpus`] writes stories, wire copies, spun rewrites, vague
//! figures, quotes and boilerplate with `answers.json`, what it planted; [`score`]
//! scores a run's CSV reports against those answers. `cargo xtask gen-corpus`,
//! `cargo xtask score` and `cargo xtask bench` call them. Accuracy itself is measured
//! on written news (`crates/eval`), never on this generator.

pub mod gen_corpus;
pub mod score;
