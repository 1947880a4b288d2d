//! Progress bars on the terminal for long work; silent when stderr is not a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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

    /// A bar for `len` items of `stage`.
    pub fn bar(&self, stage: &str, len: usize) -> ProgressBar {
        // A bar for a handful of items only flickers.
        if !self.visible || len < 50 {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
                .expect("the template is valid")
                .progress_chars("=> "),
        );
        bar.set_prefix(stage.to_string());
        bar
    }
}
