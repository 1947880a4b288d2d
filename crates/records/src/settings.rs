//! Range checks for the stage settings of a pipeline file.
//!
//! Each stage's config states the values each of its keys allows, with these checks,
//! in a `check` method beside its defaults; the runner reports a bad value with the
//! pipeline file, the line, the key and the allowed range. A value that parses but
//! makes no sense (`quote_dice = 7.5`, `story_similarity = -1`) is an error, never
//! silently accepted.

/// A setting outside the values it allows.
#[derive(Debug, Clone, PartialEq)]
pub struct BadSetting {
    /// The key inside its stage table (`quote_dice`).
    pub key: &'static str,
    /// The value as given.
    pub value: String,
    /// The values allowed, in words (`0 to 1`).
    pub allowed: &'static str,
}

/// Collects the bad settings of one stage.
#[derive(Debug, Default)]
pub struct Checks(pub Vec<BadSetting>);

impl Checks {
    /// A share, similarity or threshold between 0 and 1 (not NaN).
    pub fn share(&mut self, key: &'static str, value: f64) -> &mut Self {
        if !(0.0..=1.0).contains(&value) {
            self.0.push(BadSetting {
                key,
                value: value.to_string(),
                allowed: "0 to 1",
            });
        }
        self
    }

    /// A whole number of at least one.
    pub fn positive(&mut self, key: &'static str, value: u64) -> &mut Self {
        if value == 0 {
            self.0.push(BadSetting {
                key,
                value: value.to_string(),
                allowed: "1 or more",
            });
        }
        self
    }

    /// A whole number of at least two.
    pub fn at_least_two(&mut self, key: &'static str, value: u64) -> &mut Self {
        if value < 2 {
            self.0.push(BadSetting {
                key,
                value: value.to_string(),
                allowed: "2 or more",
            });
        }
        self
    }

    /// The bad settings found.
    pub fn done(&mut self) -> Vec<BadSetting> {
        std::mem::take(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_counts_and_nan() {
        let bad = Checks::default()
            .share("a", 0.5)
            .share("b", 7.5)
            .share("c", -1.0)
            .share("d", f64::NAN)
            .positive("e", 0)
            .positive("f", 3)
            .at_least_two("g", 1)
            .done();
        let keys: Vec<_> = bad.iter().map(|b| b.key).collect();
        assert_eq!(keys, ["b", "c", "d", "e", "g"]);
        assert_eq!(bad[0].allowed, "0 to 1");
        assert_eq!(bad[0].value, "7.5");
    }
}
