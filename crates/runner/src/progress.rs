//! Progress on the terminal for every stage: a bar for the per-source stages (files or
//! sources done, the rate as a whole number per second), a spinner with the elapsed
//! time and what is being done for reconcile and report. Silent when stderr is not a
//! terminal (indicatif draws nothing then) or when asked to be quiet.

use std::time::Duration;

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Below this many items a bar only flickers.
const MIN_ITEMS: usize = 50;

/// Makes progress bars, or hidden ones when asked to be quiet.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    visible: bool,
}

impl Progress {
    /// Bars drawn on stderr when it is a terminal (indicatif hides them otherwise).
    pub fn new(visible: bool) -> Self {
        Progress { visible }
    }

    /// A bar for `len` items of `stage`: `extract [====>   ] 1,200/3,000 1,968/s eta 1s`.
    pub fn bar(&self, stage: &str, len: usize) -> ProgressBar {
        if !self.visible || len < MIN_ITEMS {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{prefix:>10} [{bar:30}] {human_pos}/{human_len} {rate} eta {eta}",
            )
            .expect("the template is valid")
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&rate(state.per_sec()));
                },
            )
            .progress_chars("=> "),
        );
        bar.set_prefix(stage.to_string());
        bar
    }

    /// A spinner for a stage that works on `sources` sources at once (reconcile,
    /// report): `reconcile ⠋ 3,000 sources 4s`. Its message says what is being done.
    pub fn spinner(&self, stage: &str, sources: usize) -> ProgressBar {
        if !self.visible || sources < MIN_ITEMS {
            return ProgressBar::hidden();
        }
        let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        spinner.set_message(format!("{} sources", HumanCount(sources as u64)));
        spinner.set_style(
            ProgressStyle::with_template("{prefix:>10} {spinner} {msg} {elapsed}")
                .expect("the template is valid"),
        );
        spinner.set_prefix(stage.to_string());
        spinner.enable_steady_tick(Duration::from_millis(120));
        spinner
    }
}

/// A rate as a whole number of items per second, thousands grouped: `1,968/s`.
pub fn rate(per_sec: f64) -> String {
    let whole = if per_sec.is_finite() && per_sec > 0.0 {
        per_sec.round() as u64
    } else {
        0
    };
    format!("{}/s", HumanCount(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_numbers_with_thousands_grouped() {
        assert_eq!(rate(1_967.889_8), "1,968/s");
        assert_eq!(rate(12.4), "12/s");
        assert_eq!(rate(1_234_567.0), "1,234,567/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
        assert_eq!(rate(f64::INFINITY), "0/s");
    }

    #[test]
    fn quiet_and_small_work_draw_nothing() {
        assert!(Progress::new(false).bar("ingest", 10_000).is_hidden());
        assert!(Progress::new(true).bar("ingest", 10).is_hidden());
        assert!(
            Progress::new(false)
                .spinner("reconcile", 10_000)
                .is_hidden()
        );
        assert!(Progress::new(true).spinner("report", 10).is_hidden());
    }
}
