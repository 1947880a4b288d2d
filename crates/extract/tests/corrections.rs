//! Corrections, one case per shape: which figure is flagged, and how; and wordings
//! with the same verbs that must flag nothing.

mod common;

use records::Correction;

/// Each figure's surface text with its flag.
fn flags(text: &str) -> Vec<(String, Option<Correction>)> {
    let x = extract::extract(&common::doc(text, None), &Default::default());
    for q in &x.quantities {
        assert_eq!(q.retracted, q.correction.is_some(), "{q:?}");
    }
    x.quantities
        .iter()
        .map(|q| (q.text.clone(), q.correction))
        .collect()
}

fn flag_of(text: &str, figure: &str) -> Option<Correction> {
    let all = flags(text);
    all.iter()
        .find(|(t, _)| t.contains(figure))
        .unwrap_or_else(|| panic!("{figure} not found in {all:?}"))
        .1
}

use Correction::*;

#[test]
fn each_shape_flags_the_figure_it_names() {
    let cases: &[(&str, &str, Option<Correction>)] = &[
        // Withdrawn, the figure after the cue.
        (
            "The transport ministry retracted a statement that said 164 people had died.",
            "164",
            Some(Retracted),
        ),
        // `one of` names who gave the figure; the figure is the number after.
        (
            "The ministry withdrew a statement by one of its deputy ministers that 88 people had died.",
            "88",
            Some(Retracted),
        ),
        // A restatement naming the figure with a word between (`the exact number`).
        (
            "More than 2,300 people were injured; the agency later gave the exact number as 2,317.",
            "2,300",
            Some(Corrected),
        ),
        // Withdrawn, passive: the figure before.
        (
            "An earlier figure of 350 dead, given by a regional official, was later retracted.",
            "350",
            Some(Retracted),
        ),
        (
            "Mayor Tilda Voss told reporters that 95 people had died, but that figure was later withdrawn.",
            "95",
            Some(Retracted),
        ),
        // Withdrawn in the next sentence, pointing back.
        (
            "The deputy minister said 73 people had died in hospitals. Her ministry withdrew that statement on Friday.",
            "73",
            Some(Retracted),
        ),
        // Denied.
        (
            "The port authority denied ever giving a figure of 52 deaths.",
            "52",
            Some(Denied),
        ),
        (
            "A figure of 52 deaths, attributed to the port authority, was never issued by the authority, it said.",
            "52",
            Some(Denied),
        ),
        // Editor's note: the wrong figure, not the right one.
        (
            "An earlier version of this article misstated the amount lost as £41.2 million.",
            "41.2",
            Some(Corrected),
        ),
        (
            "An earlier version of this article said 40 people were detained; it was 30.",
            "40",
            Some(Corrected),
        ),
        (
            "An earlier version of this article said 40 people were detained; it was 30.",
            "30",
            None,
        ),
        // Corrected in the next sentence.
        (
            "Police said 9 people were arrested. They later said the figure was 7.",
            "9",
            Some(Corrected),
        ),
        (
            "Police said 9 people were arrested. They later said the figure was 7.",
            "7",
            None,
        ),
        (
            "On Monday the commission put the turnout at 64%. That figure was later corrected to 61%.",
            "64%",
            Some(Corrected),
        ),
        // Revisions: the old value is superseded, the new one stands.
        (
            "The firm revised down its sales forecast from 3.4 billion euros to 3.1 billion euros.",
            "3.4",
            Some(Superseded),
        ),
        (
            "The firm revised down its sales forecast from 3.4 billion euros to 3.1 billion euros.",
            "3.1",
            None,
        ),
        (
            "Officials revised the toll up to 31 people from 27 people.",
            "27",
            Some(Superseded),
        ),
        (
            "Officials revised the toll up to 31 people from 27 people.",
            "31",
            None,
        ),
        // An earlier value of the same count, hours or days old.
        (
            "The county now counts 33 deaths, up from 28 deaths this morning.",
            "28",
            Some(Superseded),
        ),
        (
            "Nine people remain missing, down from 17 people on Sunday.",
            "17",
            Some(Superseded),
        ),
        // A figure named as given before.
        (
            "The toll is higher than the figure of 18 the agency gave on Tuesday.",
            "18",
            Some(Superseded),
        ),
        (
            "On Monday evening, the agency had given a figure of 140.",
            "140",
            Some(Superseded),
        ),
    ];
    for (text, figure, want) in cases {
        assert_eq!(
            flag_of(text, figure),
            *want,
            "{figure} in: {text}\n{:?}",
            flags(text)
        );
    }
}

#[test]
fn a_withdrawn_figure_is_withdrawn_wherever_the_article_repeats_it() {
    let text = "Minister: 73 dead in hospitals\n\nThe deputy minister said 73 people had died in hospitals. \
                Her ministry withdrew that statement on Friday. The agency says 41 people have died.";
    let all = flags(text);
    assert!(
        all.iter()
            .filter(|(t, _)| t.contains("73"))
            .all(|(_, c)| *c == Some(Retracted)),
        "{all:?}"
    );
    assert_eq!(flag_of(text, "41"), None);
}

#[test]
fn the_same_verbs_without_a_figure_flag_nothing() {
    let cases: &[&str] = &[
        "The rebels withdrew from the talks after 12 soldiers were killed.",
        "Mr Haldane, who denied the charges, was fined 4,000 pounds.",
        "The company denied that 300 jobs were at risk in its factories.",
        "Troops withdrew 200 armoured vehicles from the border town.",
        "Lawyers say 40 detainees have been denied access to their families.",
        "Revenue fell to 1.3 billion pounds, down from 1.5 billion pounds a year earlier.",
        "Diesel prices rose from 210 to 380 a litre after the subsidy ended.",
        "The government raised 4 billion dollars in bonds and said 120 people were hired.",
        "The agency said 23 people had died and 11 remain missing.",
    ];
    for text in cases {
        let all = flags(text);
        assert!(all.iter().all(|(_, c)| c.is_none()), "{text}\n{all:?}");
    }
}

/// Extractions of a page whose updates stand under timestamps (`Sat 14 Sep, 09:05`).
fn live(raw: &str) -> Vec<(String, Option<Correction>)> {
    let doc = ingest::ingest_bytes("live.txt", raw.as_bytes(), &ingest::IngestConfig::default())
        .expect("ingest")
        .remove(0);
    let mut clean =
        normalize::normalize(&doc, &normalize::NormalizeConfig::default()).expect("normalize");
    clean.date = Some("2024-09-14".into());
    extract::extract(&clean, &Default::default())
        .quantities
        .iter()
        .map(|q| (q.text.clone(), q.correction))
        .collect()
}

#[test]
fn an_older_update_of_a_live_page_is_superseded_by_the_latest() {
    // Newest first, as live pages run; two updates of one day ordered by the clock.
    let page = "Floods live: toll rises\n\n\
                Sun 15 Sep, 10:20\n\nAt least 31 people have been killed, officials said.\n\n\
                Sat 14 Sep, 18:40\n\nOfficials said 19 people had been killed.\n\n\
                Sat 14 Sep, 09:05\n\nDozens of people were killed overnight. 40 homes were destroyed.\n";
    let all = live(page);
    let flag = |f: &str| all.iter().find(|(t, _)| t.contains(f)).unwrap().1;
    assert_eq!(flag("31"), None, "{all:?}");
    assert_eq!(flag("19"), Some(Superseded), "{all:?}");
    assert_eq!(flag("Dozens"), Some(Superseded), "{all:?}");
    // Another series (homes destroyed) has no later figure: it stands.
    assert_eq!(flag("40"), None, "{all:?}");
    // Oldest first: the last update holds; the same value repeated is not superseded.
    let page = "Floods live\n\n\
                Sat 14 Sep, 09:05\n\nOfficials said 19 people had been killed.\n\n\
                Sun 15 Sep, 10:20\n\nOfficials said 19 people had been killed. 25 people were injured.\n\n\
                Mon 16 Sep, 08:00\n\nThe number of people injured rose to 30.\n";
    let all = live(page);
    assert!(all.iter().all(|(t, c)| t != "19" || c.is_none()), "{all:?}");
    assert_eq!(
        all.iter().find(|(t, _)| t == "25").unwrap().1,
        Some(Superseded),
        "{all:?}"
    );
}
