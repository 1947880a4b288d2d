//! What a figure is: its kind, what it counts or measures (with the class of the
//! counted noun), whose it is, and the predicate, for percentages, money, measures
//! and counts of things other than casualties. Names and numbers are invented.

mod common;

use records::{QuantityKind, QuantityMention};

fn run(text: &str) -> Vec<QuantityMention> {
    let doc = common::doc(text, Some("2025-03-04"));
    extract::extract(&doc, &Default::default()).quantities
}

/// The mention whose text contains `has`, and its (kind, counted, event, holder).
fn fig(text: &str, has: &str) -> (QuantityKind, Option<String>, Option<String>, Option<String>) {
    let qs = run(text);
    let q = qs
        .iter()
        .find(|q| q.text.contains(has))
        .unwrap_or_else(|| panic!("{text}: no figure {has:?} in {qs:#?}"));
    (q.kind, q.counted.clone(), q.event.clone(), q.holder.clone())
}

fn of(text: &str, has: &str) -> Option<String> {
    fig(text, has).1
}

#[test]
fn percentages_say_what_they_are_of_and_whose_they_are() {
    let s = "Turnout was 64.2%, the commission said.";
    assert_eq!(fig(s, "64.2%").0, QuantityKind::Percent);
    assert_eq!(of(s, "64.2%").as_deref(), Some("turnout"));
    let s = "Opposition leader Ana Velarde had 48.5% of the vote against 39.9% for President \
             Ivan Ostrova, the commission said.";
    let (_, what, _, who) = fig(s, "48.5%");
    assert_eq!(what.as_deref(), Some("vote share"));
    assert_eq!(who.as_deref(), Some("Ana Velarde"));
    let (_, what, _, who) = fig(s, "39.9%");
    assert_eq!(what.as_deref(), Some("vote share"));
    assert_eq!(who.as_deref(), Some("Ivan Ostrova"));
    // A projection and the progress of a count are no result.
    let s = "An exit poll projected that Velarde would take 51% of the vote.";
    assert_eq!(of(s, "51%"), None);
    let s = "With 70% of ballots counted, Velarde had 48.5% in the election.";
    assert_eq!(of(s, "70%"), None);
    // A change is not the value of what changed.
    let s = "Revenue fell 8% in the quarter.";
    assert_eq!(of(s, "8%"), None);
    let s = "The firm will cut 400 jobs, or about 5% of its workforce.";
    assert_eq!(of(s, "5%").as_deref(), Some("workforce share"));
}

#[test]
fn money_and_measures_say_what_they_are_of() {
    let s = "The judge fined him £120,000 and ordered him to pay £2.1m in compensation.";
    assert_eq!(fig(s, "120,000").0, QuantityKind::Money);
    assert_eq!(of(s, "120,000").as_deref(), Some("fine"));
    assert_eq!(of(s, "2.1m").as_deref(), Some("compensation"));
    let s = "Revenue in the three months to June was £2.4bn.";
    assert_eq!(of(s, "2.4bn").as_deref(), Some("revenue"));
    let s = "The company cut its revenue guidance from £9.1bn to £8.7bn.";
    assert_eq!(of(s, "9.1bn").as_deref(), Some("guidance"));
    assert_eq!(of(s, "8.7bn").as_deref(), Some("guidance"));
    let s = "The regulator fined four makers a combined €90 million.";
    assert_eq!(of(s, "90 million"), None);
    let s = "A magnitude 5.9 earthquake struck the coast.";
    assert_eq!(fig(s, "5.9").0, QuantityKind::Measure);
    assert_eq!(of(s, "5.9").as_deref(), Some("magnitude"));
    let s = "The storm brought 110 mph winds and dumped 18 inches of rain.";
    assert_eq!(of(s, "110").as_deref(), Some("wind speed"));
    assert_eq!(of(s, "18").as_deref(), Some("rainfall"));
    let s = "It pushed a storm surge of up to 2.5 metres into the town.";
    assert_eq!(of(s, "2.5").as_deref(), Some("storm surge"));
    let s = "The bus was travelling at 88 km/h where the limit is 40 km/h.";
    assert_eq!(of(s, "88").as_deref(), Some("speed"));
    assert_eq!(of(s, "40").as_deref(), Some("speed limit"));
}

#[test]
fn counts_of_things_take_predicates_that_agree_with_them() {
    // `won` before a number is a verb, not the Korean currency.
    let (kind, what, event, _) = fig("Velarde won 312,480 votes.", "312,480");
    assert_eq!(kind, QuantityKind::Count);
    assert_eq!(what.as_deref(), Some("votes"));
    assert!(event.is_some());
    // `cut power to` homes is homes without power, not jobs cut.
    let (_, what, event, _) = fig("The storm cut power to 30,000 homes.", "30,000");
    assert_eq!(what.as_deref(), Some("homes"));
    assert_eq!(event.as_deref(), Some("without power"));
    let (_, _, event, _) = fig("About 90,000 homes were without power on Monday.", "90,000");
    assert_eq!(event.as_deref(), Some("without power"));
    let (_, _, event, _) = fig("The firm said it would cut 700 jobs.", "700");
    assert_eq!(event.as_deref(), Some("laid off"));
    // `held` is detained only for people.
    let (_, what, event, who) = fig("The Unity Party held 41 seats.", "41");
    assert_eq!(what.as_deref(), Some("seats"));
    assert_ne!(event.as_deref(), Some("detained"));
    assert_eq!(who.as_deref(), Some("Unity Party"));
    let (_, _, event, _) = fig("The ferry was carrying 210 passengers.", "210");
    assert_eq!(event.as_deref(), Some("aboard"));
    let (_, _, event, _) = fig("About 2.1 million people were registered to vote.", "2.1");
    assert_eq!(event.as_deref(), Some("registered"));
    let (_, what, event, _) = fig("The jury acquitted him of two counts of theft.", "two");
    assert_eq!(what.as_deref(), Some("charges"));
    assert_eq!(event.as_deref(), Some("acquitted"));
    let (_, what, event, who) = fig("The Green Party won 52 of the 100 seats.", "52");
    assert_eq!(what.as_deref(), Some("seats"));
    assert_eq!(event.as_deref(), Some("won"));
    assert_eq!(who.as_deref(), Some("Green Party"));
}

#[test]
fn counted_nouns_have_a_class() {
    let qs = run("The ferry was carrying 210 passengers and 12 soldiers.");
    let class = |has: &str| {
        qs.iter()
            .find(|q| q.text.contains(has))
            .and_then(|q| q.class.clone())
    };
    assert_eq!(class("210").as_deref(), Some("people"));
    assert_eq!(class("12").as_deref(), Some("security personnel"));
}

#[test]
fn a_measure_names_who_measured_it() {
    let qs = run(
        "The quake, which the Northern Seismic Institute measured at magnitude 5.9 and \
                  the Coastal Geophysics Agency at 5.7, struck at dawn.",
    );
    let by = |has: &str| {
        qs.iter()
            .find(|q| q.text.contains(has))
            .and_then(|q| q.attributed_to.clone())
    };
    assert_eq!(by("5.9").as_deref(), Some("Northern Seismic Institute"));
    assert_eq!(by("5.7").as_deref(), Some("Coastal Geophysics Agency"));
}

#[test]
fn a_span_of_two_vague_amounts_is_a_scale_not_a_count() {
    // `tens to thousands` says how large something may be, not how many there are.
    let s = "The country has sent tens to thousands of troops to the border, officials said.";
    let (_, what, event, _) = fig(s, "tens to thousands");
    assert_eq!(what.as_deref(), Some("troops"));
    assert_eq!(event, None);
    let s = "Hundreds to thousands of people were evacuated from the coast.";
    assert_eq!(fig(s, "thousands").2, None);
    // A range of numbers, or one vague amount, is still a count.
    let s = "Between 200 and 300 people were evacuated from the coast.";
    assert_eq!(fig(s, "300").2.as_deref(), Some("evacuated"));
    let s = "Thousands of people were evacuated from the coast.";
    assert_eq!(fig(s, "Thousands").2.as_deref(), Some("evacuated"));
}

#[test]
fn an_increment_of_a_rolling_count_is_not_its_total() {
    // What was added to an earlier figure keeps its noun but no event, so it joins
    // no fact of the event's total.
    for (s, has) in [
        ("Another 12 people died overnight, officials said.", "12"),
        ("A further 30 protesters were detained on Friday.", "30"),
        (
            "Rescuers found about a dozen more bodies, and 40 people were killed in all.",
            "dozen",
        ),
        (
            "An additional 200 troops were deployed to the region.",
            "200",
        ),
    ] {
        assert_eq!(fig(s, has).2, None, "{s}");
    }
    // Beside a figure of another event, `another` sets a second count, not an increment.
    let s = "The toll rose to 587, the agency said. Another 3,412 were injured.";
    assert_eq!(fig(s, "3,412").2.as_deref(), Some("injured"));
    let s = "By Monday 30 people had died. Another 12 died overnight.";
    assert_eq!(fig(s, "12").2, None);
    // The total beside it keeps its event; `or more` is an open bound, not an increment.
    let s = "Rescuers found about a dozen more bodies, and 40 people were killed in all.";
    assert_eq!(fig(s, "40").2.as_deref(), Some("killed"));
    let s = "Twenty or more people were killed.";
    assert_eq!(fig(s, "Twenty").2.as_deref(), Some("killed"));
}
