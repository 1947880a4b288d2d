//! The date a figure holds for (`as_of`): a weekday, `last week` or `earlier this
//! month` counts back from the article's date, never past it; a figure of an earlier
//! year's event holds for that year. Names and numbers are invented. The article is
//! dated Wednesday 5 March 2025.

mod common;

use records::{DateMention, Extraction};

fn run(text: &str) -> Extraction {
    let doc = common::doc(text, Some("2025-03-05"));
    extract::extract(&doc, &Default::default())
}

/// `as_of` of the figure whose text contains `has`.
fn as_of(text: &str, has: &str) -> Option<String> {
    let x = run(text);
    let q = x
        .quantities
        .iter()
        .find(|q| q.text.contains(has))
        .unwrap_or_else(|| panic!("{text}: no figure {has:?} in {:#?}", x.quantities));
    q.as_of.clone()
}

/// The date mention whose text contains `has`.
fn date(text: &str, has: &str) -> DateMention {
    let x = run(text);
    x.dates
        .iter()
        .find(|d| d.text.contains(has))
        .cloned()
        .unwrap_or_else(|| panic!("{text}: no date {has:?} in {:#?}", x.dates))
}

#[test]
fn a_weekday_counts_back_from_the_article() {
    // A future cue elsewhere in the sentence says nothing about the weekday.
    let s = "On Thursday, officials said the toll of 40 will rise.";
    assert_eq!(date(s, "Thursday").resolved.as_deref(), Some("2025-02-27"));
    assert_eq!(as_of(s, "40").as_deref(), Some("2025-02-27"));
    let s = "The protests, which began Thursday, will continue, and 12 people have died.";
    assert_eq!(date(s, "Thursday").resolved.as_deref(), Some("2025-02-27"));
    let s = "By Sunday evening, 25 people had died and officials expected more.";
    assert_eq!(date(s, "Sunday").resolved.as_deref(), Some("2025-03-02"));
    assert_eq!(as_of(s, "25").as_deref(), Some("2025-03-02"));
    // The article's own weekday is its date.
    let s = "On Wednesday 18 people were rescued.";
    assert_eq!(as_of(s, "18").as_deref(), Some("2025-03-05"));
    // A weekday in the clause of a future cue is ahead, and never dates a figure.
    let s = "The funeral of the 14 victims will be held on Friday.";
    assert_eq!(date(s, "Friday").resolved.as_deref(), Some("2025-03-07"));
    assert_eq!(as_of(s, "14").as_deref(), Some("2025-03-05"));
    // Two-word cues count as a pair of words; `to be` is not one.
    let s = "Life appeared to be returning to normal Monday.";
    assert_eq!(date(s, "Monday").resolved.as_deref(), Some("2025-03-03"));
    let s = "The border crossing is set to reopen on Monday.";
    assert_eq!(date(s, "Monday").resolved.as_deref(), Some("2025-03-10"));
}

#[test]
fn a_period_that_opens_dates_nothing_after_the_article() {
    // `since Sunday` opens the count: the figure holds for the article's date.
    let s = "Since Sunday, 300 people have been detained.";
    assert_eq!(as_of(s, "300").as_deref(), Some("2025-03-05"));
    // Last week and earlier this month lie before the article.
    let s = "Last week 120 people were evacuated.";
    let d = date(s, "Last week");
    assert!(d.resolved.as_deref() <= Some("2025-03-05"), "{d:?}");
    assert!(as_of(s, "120").as_deref() <= Some("2025-03-05"));
    let s = "Earlier this month 60 workers were laid off.";
    assert!(as_of(s, "60").as_deref() <= Some("2025-03-05"));
}

#[test]
fn a_figure_of_an_earlier_year_holds_for_that_year() {
    let s = "About 1,100 people died in a 1997 earthquake near the border.";
    assert_eq!(as_of(s, "1,100").as_deref(), Some("1997"));
    let s = "In 1997 a quake near the city killed about 1,100 people.";
    assert_eq!(as_of(s, "1,100").as_deref(), Some("1997"));
    let s = "The storm killed 25 people, more than 300 in twin floods in 2012.";
    assert_eq!(as_of(s, "300").as_deref(), Some("2012"));
    assert_eq!(as_of(s, "25").as_deref(), Some("2025-03-05"));
    // Counting that starts in a year is no earlier event; another figure ends the
    // clause of this one.
    let s = "Police have arrested 45 people since 2023.";
    assert_eq!(as_of(s, "45").as_deref(), Some("2025-03-05"));
    let s = "The 40 dead surpass the 35 killed in 2019.";
    assert_eq!(as_of(s, "40").as_deref(), Some("2025-03-05"));
}
