//! Reconcile on hand-made extraction records that model one phenomenon each.

mod common;

use common::{Doc, assert_offsets, run};
use records::{ConflictKind, EntityType, FactStatus, QuoteKind, Reconciled, Relation, Wording};

fn fact<'a>(r: &'a Reconciled, what: &str) -> &'a records::Fact {
    let found: Vec<_> = r.facts.iter().filter(|f| f.what == what).collect();
    assert_eq!(
        found.len(),
        1,
        "one fact `{what}` expected, facts: {:#?}",
        r.facts
    );
    found[0]
}

fn entity<'a>(r: &'a Reconciled, name: &str) -> &'a records::EntityRow {
    r.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:#?}", r.entities))
}

// ---------------------------------------------------------------- entities

#[test]
fn transliteration_variants_merge_with_the_majority_form_as_the_name() {
    // Two sources write `Okonkwo`, one `Okonkwoo`; `Daniyar Zhaksybayev` (2) and
    // `Daniyar Zhaksybaev` (1); `Ana Ruiz` and `Pablo Ruiz` are two people; `Ivan Sorokin`
    // and `Irina Sorokina` too; `Lena Whitmore` and `Lena Whitmoore` are one source each: a variant all the same.
    let a = Doc::new(
        "a.txt",
        "Port talks\n\nChidi Okonkwo met Daniyar Zhaksybayev and Ana Ruiz. Ivan Sorokin came. Lena Whitmore spoke.",
    )
    .person("Chidi Okonkwo", "Chidi Okonkwo", None)
    .person("Daniyar Zhaksybayev", "Daniyar Zhaksybayev", None)
    .person("Ana Ruiz", "Ana Ruiz", None)
    .person("Ivan Sorokin", "Ivan Sorokin", None)
    .person("Lena Whitmore", "Lena Whitmore", None);
    let b = Doc::new(
        "b.txt",
        "Port talks\n\nChidi Okonkwo met Daniyar Zhaksybayev and Pablo Ruiz. Irina Sorokina came. Lena Whitmoore spoke.",
    )
    .person("Chidi Okonkwo", "Chidi Okonkwo", None)
    .person("Daniyar Zhaksybayev", "Daniyar Zhaksybayev", None)
    .person("Pablo Ruiz", "Pablo Ruiz", None)
    .person("Irina Sorokina", "Irina Sorokina", None)
    .person("Lena Whitmoore", "Lena Whitmoore", None);
    let c = Doc::new(
        "c.txt",
        "Port talks\n\nChidi Okonkwoo met Daniyar Zhaksybaev and Ana Ruiz. Ivan Sorokin came.",
    )
    .person("Chidi Okonkwoo", "Chidi Okonkwoo", None)
    .person("Daniyar Zhaksybaev", "Daniyar Zhaksybaev", None)
    .person("Ana Ruiz", "Ana Ruiz", None)
    .person("Ivan Sorokin", "Ivan Sorokin", None);
    let r = run(vec![a, b, c]);
    assert_eq!(
        entity(&r, "Chidi Okonkwo").variants,
        vec!["Chidi Okonkwoo (c.txt)"]
    );
    assert_eq!(entity(&r, "Chidi Okonkwo").sources, 3);
    assert_eq!(
        entity(&r, "Daniyar Zhaksybayev").variants,
        vec!["Daniyar Zhaksybaev (c.txt)"]
    );
    for (apart, sources) in [
        ("Ana Ruiz", 2),
        ("Pablo Ruiz", 1),
        ("Ivan Sorokin", 2),
        ("Irina Sorokina", 1),
    ] {
        assert_eq!(entity(&r, apart).sources, sources, "{apart}");
    }
    // One source each: still two spellings of one name, the first seen is the name.
    let whitmore = entity(&r, "Lena Whitmore");
    assert_eq!(
        whitmore.variants,
        vec!["Lena Whitmoore (b.txt)"],
        "{whitmore:#?}"
    );
    let names: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Name)
        .map(|c| c.value_a.as_str())
        .collect();
    assert_eq!(
        names,
        vec!["Chidi Okonkwoo", "Daniyar Zhaksybaev", "Lena Whitmoore"],
        "{:#?}",
        r.conflicts
    );
}

#[test]
fn a_misspelling_the_stem_key_would_join_is_still_a_variant() {
    let a = Doc::new(
        "a.txt",
        "Talks resume\n\nChidi Okafor, the minister, spoke.",
    )
    .person("Chidi Okafor", "Chidi Okafor", Some("minister"));
    let b = Doc::new(
        "b.txt",
        "Talks resume\n\nMinister Chidi Okafor spoke again.",
    )
    .person("Chidi Okafor", "Chidi Okafor", Some("Minister"));
    let c = Doc::new("c.txt", "Talks resume\n\nMinister Chidi Okafour spoke.").person(
        "Chidi Okafour",
        "Chidi Okafour",
        Some("Minister"),
    );
    let r = run(vec![a, b, c]);
    let chidi = entity(&r, "Chidi Okafor");
    assert_eq!(chidi.variants, vec!["Chidi Okafour (c.txt)"]);
    assert_eq!(chidi.source_ids, vec!["a.txt", "b.txt", "c.txt"]);
}

#[test]
fn one_off_misspelling_is_a_variant_and_namesakes_stay_apart() {
    let a = Doc::new(
        "a.txt",
        "Talks resume\n\nFormer president Viktor Petrenko met Mayor Viktor Orlov. Anna Petrenko, a lawyer, was there.",
    )
    .person("Viktor Petrenko", "Viktor Petrenko", Some("former president"))
    .person("Viktor Orlov", "Viktor Orlov", Some("Mayor"))
    .person("Anna Petrenko", "Anna Petrenko", Some("lawyer"));
    let b = Doc::new(
        "b.txt",
        "Talks resume\n\nEx-president Viktor Petrenko spoke. Petrenko was calm.",
    )
    .person("Viktor Petrenko", "Viktor Petrenko", Some("Ex-president"))
    .person("Petrenko", "Viktor Petrenko", None);
    let c = Doc::new(
        "c.txt",
        "Talks resume\n\nThe former president, Viktor Pertenko, spoke to Viktor Orlov.",
    )
    .person(
        "Viktor Pertenko",
        "Viktor Pertenko",
        Some("former president"),
    )
    .person("Viktor Orlov", "Viktor Orlov", None);
    let r = run(vec![a, b, c]);
    let viktor = entity(&r, "Viktor Petrenko");
    assert_eq!(viktor.variants, vec!["Viktor Pertenko (c.txt)"]);
    assert_eq!(viktor.source_ids, vec!["a.txt", "b.txt", "c.txt"]);
    assert!(viktor.aliases.contains(&"Petrenko".to_string()));
    assert_eq!(entity(&r, "Viktor Orlov").sources, 2);
    assert_eq!(entity(&r, "Anna Petrenko").sources, 1);
    assert_eq!(
        r.entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .count(),
        3,
        "{:#?}",
        r.entities
    );
    let names: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Name)
        .collect();
    assert_eq!(names.len(), 1);
    assert_eq!(
        (names[0].source_a.as_str(), names[0].value_a.as_str()),
        ("c.txt", "Viktor Pertenko")
    );
}

#[test]
fn a_different_surname_with_the_same_first_name_is_another_person() {
    // Jaro-Winkler alone scores these two surnames high; edit distance and sound do not.
    // The three reports share a place and a body, so they are one story whatever the
    // spelling of the president's name.
    let check = |a_name: &str, b_name: &str, c_name: &str, merged: bool| {
        let doc = |id: &str, name: &str| {
            Doc::new(
                id,
                &format!("X\n\nPresident {name} spoke to the Senate in Brenford and Valmora."),
            )
            .person(name, name, Some("President"))
            .entity("Senate", "Senate", EntityType::Organization, None)
            .entity("Brenford", "Brenford", EntityType::Place, None)
            .entity("Valmora", "Valmora", EntityType::Place, None)
        };
        let (a, b, c) = (
            doc("a.txt", a_name),
            doc("b.txt", b_name),
            doc("c.txt", c_name),
        );
        let r = run(vec![a, b, c]);
        assert!(
            r.sources
                .iter()
                .all(|s| s.story_id == r.sources[0].story_id),
            "one story: {:#?}",
            r.sources
        );
        let persons = r
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .count();
        assert_eq!(
            persons == 1,
            merged,
            "{a_name}/{b_name}/{c_name}: {:#?}",
            r.entities
        );
    };
    check(
        "Nursultan Nazarbayev",
        "Nursultan Nazarbayev",
        "Nursultan Nagayev",
        true,
    );
    check("Viktor Petrenko", "Viktor Petrenko", "Viktor Petrov", false);
    check("Maria Santos", "Maria Santos", "Maria Santana", false);
    check("Ahmed Hassan", "Ahmed Hassan", "Ahmed Hasan", true);
}

#[test]
fn a_capitalised_common_word_is_no_entity() {
    // `Growth` heads a sentence in one source; another writes `growth`: a common word.
    // `Bladen` is never written in lower case: it stays, whatever its kind.
    let a = Doc::new("a.txt", "Results\n\nGrowth slowed in Bladen. Sales fell.")
        .entity("Growth", "Growth", EntityType::Other, None)
        .entity("Bladen", "Bladen", EntityType::Other, None);
    let b = Doc::new(
        "b.txt",
        "Results\n\nThe firm expects growth to return next year.",
    );
    let r = run(vec![a, b]);
    let names: Vec<_> = r.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Bladen"]);
}

#[test]
fn hyphen_title_and_script_variants_are_aliases() {
    let a = Doc::new("a.txt", "X\n\nPresident Jean-Luc Moreau met Сергей Волков.")
        .person("Jean-Luc Moreau", "Jean-Luc Moreau", Some("President"))
        .person("Сергей Волков", "Сергей Волков", None);
    let b = Doc::new(
        "b.txt",
        "X\n\nMr Jean Luc Moreau met Sergei Volkov. Moreau smiled.",
    )
    .person("Jean Luc Moreau", "Jean Luc Moreau", None)
    .person("Sergei Volkov", "Sergei Volkov", None)
    .person("Moreau", "Moreau", None);
    let r = run(vec![a, b]);
    let persons: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .collect();
    assert_eq!(persons.len(), 2, "{persons:#?}");
    let moreau = persons
        .iter()
        .find(|e| e.aliases.contains(&"Moreau".to_string()))
        .unwrap();
    assert_eq!(moreau.sources, 2);
    assert_eq!(moreau.mentions, 3);
    assert_eq!(moreau.roles, vec!["President"]);
    assert!(moreau.variants.is_empty());
}

#[test]
fn acronyms_meet_their_expansion() {
    let mut a = Doc::new("a.txt", "X\n\nThe Regional Defence Organisation (RDO) met.").entity(
        "Regional Defence Organisation",
        "Regional Defence Organisation",
        EntityType::Organization,
        None,
    );
    a.x.entities[0].acronym = Some("RDO".into());
    let b = Doc::new(
        "b.txt",
        "X\n\nThe RDO met. The Regional Defence Organization agreed.",
    )
    .entity("RDO", "RDO", EntityType::Organization, None)
    .entity(
        "Regional Defence Organization",
        "Regional Defence Organization",
        EntityType::Organization,
        None,
    );
    let r = run(vec![a, b]);
    assert_eq!(r.entities.len(), 1, "{:#?}", r.entities);
    assert_eq!(r.entities[0].mentions, 3);
}

// ---------------------------------------------------------------- facts

#[test]
fn statuses_follow_the_report_contract() {
    // (values per source as (text, low, high)), expected status
    let check = |values: &[(&str, f64, f64)], expected: FactStatus| {
        let docs: Vec<Doc> = values
            .iter()
            .enumerate()
            .map(|(i, (text, lo, hi))| {
                let own = [
                    "Rescuers dug through the night.",
                    "The army sent tents.",
                    "Schools were shut.",
                ][i];
                Doc::new(
                    &format!("s{i}.txt"),
                    &format!("Quake\n\nOfficials said {text} people were killed. {own}"),
                )
                .count(text, *lo, *hi, "people", "killed")
            })
            .collect();
        let r = run(docs);
        assert_eq!(fact(&r, "people killed").status, expected, "{values:?}");
    };
    check(
        &[("120", 120.0, 120.0), ("120", 120.0, 120.0)],
        FactStatus::Agreed,
    );
    check(
        &[
            ("120", 120.0, 120.0),
            ("about 120", 110.0, 130.0),
            ("more than 100", 101.0, f64::INFINITY),
        ],
        FactStatus::Consistent,
    );
    // An open bound is consistent with any larger figure, never a conflict with it.
    check(
        &[
            ("at least 12", 12.0, f64::INFINITY),
            ("14", 14.0, 14.0),
            ("more than 10", 11.0, f64::INFINITY),
        ],
        FactStatus::Consistent,
    );
    check(
        &[("120", 120.0, 120.0), ("dozens", 24.0, 99.0)],
        FactStatus::Conflict,
    );
    check(&[("120", 120.0, 120.0)], FactStatus::Single);
}

#[test]
fn open_bounds_never_outvote_an_exact_count_and_stay_open() {
    let doc = |id: &str, text: &str, lo: f64, hi: f64| {
        Doc::new(
            id,
            &format!("Flood\n\nOfficials said {text} people were killed. {id} reports."),
        )
        .count(text, lo, hi, "people", "killed")
    };
    // Two groups give only a floor, one gives the count: the count is the estimate.
    let r = run(vec![
        doc("a.txt", "at least 30", 30.0, f64::INFINITY),
        doc("b.txt", "more than 25", 26.0, f64::INFINITY),
        doc("c.txt", "34", 34.0, 34.0),
    ]);
    let f = fact(&r, "people killed");
    assert_eq!(f.status, FactStatus::Consistent, "{f:#?}");
    assert_eq!((f.best_low, f.best_high), (Some(34.0), Some(34.0)));
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    // Floors only: the estimate is open (`30+`), its high absent, the mentions' highs
    // infinite.
    let r = run(vec![
        doc("a.txt", "at least 30", 30.0, f64::INFINITY),
        doc("b.txt", "more than 25", 26.0, f64::INFINITY),
    ]);
    let f = fact(&r, "people killed");
    assert_eq!((f.best_low, f.best_high), (Some(30.0), None), "{f:#?}");
    assert!(r.fact_mentions.iter().all(|m| m.high == f64::INFINITY));
}

#[test]
fn a_denied_figure_carries_its_kind_and_stays_out_of_the_status() {
    let a = Doc::new("a.txt", "Storm\n\nThe state said 23 people were killed.")
        .count("23", 23.0, 23.0, "people", "killed");
    let b = Doc::new(
        "b.txt",
        "Storm\n\nThe county denied ever giving a figure of 41 people killed. The state said 23 people were killed.",
    )
    .quantity("41", 41.0, 41.0, "people", "killed", |q| {
        q.retracted = true;
        q.correction = Some(records::Correction::Denied);
    })
    .count("23", 23.0, 23.0, "people", "killed");
    let r = run(vec![a, b]);
    let f = fact(&r, "people killed");
    assert_eq!(f.status, FactStatus::Agreed, "{f:#?}");
    assert_eq!((f.best_low, f.best_high), (Some(23.0), Some(23.0)));
    let denied: Vec<_> = r
        .fact_mentions
        .iter()
        .filter(|m| m.correction.is_some())
        .collect();
    assert_eq!(denied.len(), 1, "{:#?}", r.fact_mentions);
    assert_eq!(
        (
            denied[0].text.as_str(),
            denied[0].correction,
            denied[0].retracted
        ),
        ("41", Some(records::Correction::Denied), true)
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn a_figure_withdrawn_in_one_source_is_withdrawn_where_others_repeat_it() {
    let said = Doc::new(
        "a.txt",
        "Unrest\n\nA deputy minister said 112 people had died. The ministry said 31 people were killed.",
    )
    .count("112", 112.0, 112.0, "people", "died")
    .count("31", 31.0, 31.0, "people", "killed");
    let withdrawn = Doc::new(
        "b.txt",
        "Unrest\n\nThe ministry withdrew a statement that 112 people had died. It said 31 people were killed.",
    )
    .quantity("112", 112.0, 112.0, "people", "died", |q| {
        q.retracted = true;
        q.correction = Some(records::Correction::Retracted);
    })
    .count("31", 31.0, 31.0, "people", "killed");
    let r = run(vec![said, withdrawn]);
    let f = fact(&r, "people killed");
    assert_eq!(f.status, FactStatus::Agreed, "{f:#?}");
    let flagged: Vec<_> = r
        .fact_mentions
        .iter()
        .filter(|m| m.retracted)
        .map(|m| (m.source_id.as_str(), m.text.as_str(), m.correction))
        .collect();
    assert_eq!(
        flagged,
        [
            ("a.txt", "112", Some(records::Correction::Retracted)),
            ("b.txt", "112", Some(records::Correction::Retracted))
        ]
    );
}

#[test]
fn retracted_figures_are_shown_but_do_not_count() {
    let a = Doc::new("a.txt", "Quake\n\nOfficials said 120 people were killed.")
        .count("120", 120.0, 120.0, "people", "killed");
    let b = Doc::new("b.txt", "Quake\n\nThe ministry retracted a statement that said 500 people had died. Now 120 people were killed.")
        .quantity("500", 500.0, 500.0, "people", "died", |q| q.retracted = true)
        .count("120", 120.0, 120.0, "people", "killed");
    let xs = vec![a.x.clone(), b.x.clone()];
    let r = run(vec![a, b]);
    let f = fact(&r, "people killed");
    assert_eq!(f.status, FactStatus::Agreed);
    assert_eq!((f.best_low, f.best_high), (Some(120.0), Some(120.0)));
    let retracted: Vec<_> = r.fact_mentions.iter().filter(|m| m.retracted).collect();
    assert_eq!(retracted.len(), 1);
    assert_eq!(
        (retracted[0].text.as_str(), retracted[0].fact_id.as_str()),
        ("500", f.fact_id.as_str())
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    assert_offsets(&r, &xs);
}

#[test]
fn parts_stay_apart_from_totals_and_synonyms_meet() {
    let a = Doc::new(
        "a.txt",
        "Riots\n\nSeveral hundred people died, including sixteen members of security forces.",
    )
    .count("Several hundred", 200.0, 999.0, "people", "died")
    .quantity(
        "sixteen",
        16.0,
        16.0,
        "members of security forces",
        "killed",
        |q| q.part_of = Some(0),
    );
    let b = Doc::new("b.txt", "Riots\n\nOfficials said 164 people were killed, including 30 people in the capital. Also 16 security officers died.")
        .count("164", 164.0, 164.0, "people", "killed")
        .quantity("30", 30.0, 30.0, "people", "killed", |q| q.part_of = Some(0))
        .count("16", 16.0, 16.0, "security officers", "died");
    let r = run(vec![a, b]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Conflict);
    assert_eq!(
        fact(&r, "security personnel killed").status,
        FactStatus::Agreed
    );
    assert_eq!(
        fact(&r, "people killed (part of a total)").status,
        FactStatus::Single
    );
    assert_eq!(
        r.conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::Number)
            .count(),
        1,
        "{:#?}",
        r.conflicts
    );
}

#[test]
fn shares_by_place_are_one_fact_per_place() {
    let a = Doc::new(
        "a.txt",
        "Storm toll\n\nThe storm killed 30 people. Twelve of the dead were in Harlow County, eight in Dunmore County and two in Ashby.",
    )
    .count("30", 30.0, 30.0, "people", "killed")
    .quantity("Twelve", 12.0, 12.0, "people", "killed", |q| q.part_of = Some(0))
    .quantity("eight", 8.0, 8.0, "people", "killed", |q| q.part_of = Some(0))
    .quantity("two", 2.0, 2.0, "people", "killed", |q| q.part_of = Some(0));
    let b = Doc::new(
        "b.txt",
        "Storm toll\n\nThirty people died, 12 of them in Harlow County.",
    )
    .count("Thirty", 30.0, 30.0, "people", "died")
    .quantity("12", 12.0, 12.0, "people", "killed", |q| {
        q.part_of = Some(0)
    });
    let r = run(vec![a, b]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Agreed);
    assert_eq!(
        fact(&r, "people killed in Harlow County (part of a total)").status,
        FactStatus::Agreed
    );
    assert_eq!(
        fact(&r, "people killed in Dunmore County (part of a total)").status,
        FactStatus::Single
    );
    assert_eq!(
        fact(&r, "people killed in Ashby (part of a total)").status,
        FactStatus::Single
    );
    assert!(
        r.conflicts.iter().all(|c| c.kind != ConflictKind::Number),
        "{:#?}",
        r.conflicts
    );
}

#[test]
fn a_rising_toll_is_a_sequence_not_a_conflict() {
    let day = |id: &str, text: &str, v: f64, date: &str| {
        Doc::new(
            id,
            &format!("Floods\n\nBy then {text} people had been killed in the floods."),
        )
        .quantity(text, v, v, "people", "killed", |q| {
            q.as_of = Some(date.to_string())
        })
    };
    let r = run(vec![
        day("a.txt", "12", 12.0, "2024-03-01"),
        day("b.txt", "40", 40.0, "2024-03-03"),
        day("c.txt", "85", 85.0, "2024-03-05"),
    ]);
    // One fact holding the series, updated, with the latest date's figure.
    let toll = fact(&r, "people killed");
    assert_eq!(
        r.facts.iter().filter(|f| f.what == "people killed").count(),
        1
    );
    assert_eq!(toll.status, FactStatus::Updated);
    assert_eq!((toll.best_low, toll.best_high), (Some(85.0), Some(85.0)));
    assert_eq!(toll.as_of.as_deref(), Some("2024-03-05"));
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);

    // A figure revised down on a later date is an update too.
    let r = run(vec![
        day("a.txt", "85", 85.0, "2024-03-01"),
        day("b.txt", "12", 12.0, "2024-03-03"),
    ]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Updated);

    // Open floors raised day by day are consistent, but an update: the estimate is the
    // latest floor, still open.
    let floor = |id: &str, text: &str, lo: f64, date: &str| {
        Doc::new(
            id,
            &format!("Floods\n\nBy then {text} people had been killed in the floods."),
        )
        .quantity(text, lo, f64::INFINITY, "people", "killed", |q| {
            q.as_of = Some(date.to_string())
        })
    };
    let r = run(vec![
        floor("a.txt", "more than 40", 41.0, "2024-03-01"),
        floor("b.txt", "at least 85", 85.0, "2024-03-03"),
    ]);
    let toll = fact(&r, "people killed");
    assert_eq!(toll.status, FactStatus::Updated, "{toll:#?}");
    assert_eq!((toll.best_low, toll.best_high), (Some(85.0), None));
    // The same floor repeated on a later date is no update.
    let r = run(vec![
        floor("a.txt", "at least 85", 85.0, "2024-03-01"),
        floor("b.txt", "at least 85", 85.0, "2024-03-03"),
    ]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Consistent);

    // Two independent sources that disagree on the same date are a conflict, whatever
    // else the series holds; the conflict rows compare that date's figures only.
    let r = run(vec![
        day("a.txt", "12", 12.0, "2024-03-01"),
        day("b.txt", "40", 40.0, "2024-03-03"),
        day("c.txt", "85", 85.0, "2024-03-03"),
    ]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Conflict);
    let rows: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Number)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(
        rows.iter().all(|c| c.value_a != "12" && c.value_b != "12"),
        "{rows:#?}"
    );
}

#[test]
fn a_figure_dated_long_before_its_article_is_another_event() {
    let doc = |id: &str, text: &str, v: f64, as_of: &str| {
        Doc::new(
            id,
            &format!("Floods\n\nThe floods killed {text} people, officials said."),
        )
        .published("2024-03-05")
        .quantity(text, v, v, "people", "killed", |q| {
            q.as_of = Some(as_of.to_string())
        })
    };
    let r = run(vec![
        doc("a.txt", "40", 40.0, "2024-03-05"),
        doc("b.txt", "1700", 1700.0, "2010"),
    ]);
    let now = fact(&r, "people killed");
    assert_eq!((now.best_low, now.status), (Some(40.0), FactStatus::Single));
    assert!(
        r.facts
            .iter()
            .any(|f| f.what == "people killed (as of 2010)"),
        "{:#?}",
        r.facts
    );
    assert!(r.conflicts.is_empty());
}

#[test]
fn two_claimants_in_one_source_are_one_fact_in_conflict() {
    let a = Doc::new("a.txt", "March\n\nPolice said 10,000 people marched, while organisers said 100,000 people took part.")
        .quantity("10,000", 10000.0, 10000.0, "people", "marched", |q| q.attributed_to = Some("Police".into()))
        .quantity("100,000", 100000.0, 100000.0, "people", "marched", |q| q.attributed_to = Some("organisers".into()));
    let b = Doc::new(
        "b.txt",
        "Rally\n\nAbout 100,000 people marched through the capital, according to the organisers.",
    )
    .quantity(
        "About 100,000",
        90000.0,
        110000.0,
        "people",
        "marched",
        |q| q.attributed_to = Some("the organisers".into()),
    );
    let c = Doc::new(
        "c.txt",
        "Crowds\n\nSome 10,000 people marched in the capital on Saturday.",
    )
    .quantity("Some 10,000", 9000.0, 11000.0, "people", "marched", |_| {});
    let r = run(vec![a, b, c]);
    // Who gives a figure is a column, not a reason to split the fact: one fact, in
    // conflict because one source sets the two claims against each other.
    let marched: Vec<_> = r
        .facts
        .iter()
        .filter(|f| f.what.starts_with("people marched"))
        .collect();
    assert_eq!(marched.len(), 1, "{marched:#?}");
    assert_eq!(
        (marched[0].status, marched[0].sources),
        (FactStatus::Conflict, 3)
    );
    assert_eq!(
        marched[0].attributed_to.len(),
        2,
        "{:?}",
        marched[0].attributed_to
    );
    let rows: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Number)
        .collect();
    assert!(
        rows.iter().any(|c| c.source_a == "a.txt"
            && c.source_b == "a.txt"
            && c.note.contains("two claims in one source")),
        "{rows:#?}"
    );

    // Two claimants far apart in one article are not a dispute (a part and its
    // total, an earlier and a later count are far more common).
    let far = Doc::new(
        "d.txt",
        "Toll

Police said 12 people died. The storm hit at night. Roads were closed. Officials later said 30 people died.",
    )
    .quantity("12", 12.0, 12.0, "people", "died", |q| q.attributed_to = Some("Police".into()))
    .quantity("30", 30.0, 30.0, "people", "died", |q| q.attributed_to = Some("Officials".into()));
    let r = run(vec![far]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Single);
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

/// A longer article text so that copies of it are recognised as copies.
fn wire(figure: &str) -> String {
    format!(
        "Dam breach floods valley\n\nA dam above the valley town of Brenford gave way early on Tuesday after days of heavy rain. \
         Emergency crews evacuated {figure} residents from riverside streets as water rose through the night. \
         The regional governor, Helena Markowitz, said the spillway had been inspected last spring. \
         Engineers were examining cracks in the eastern wall of the reservoir before dawn. \
         Schools across the district remain closed and two bridges have been shut to traffic."
    )
}

#[test]
fn copies_count_once_in_the_best_estimate() {
    // Three copies of one wire story say 3,000; two independent reports say about 1,200.
    let copy = |id: &str| {
        Doc::new(id, &wire("3,000")).count("3,000", 3000.0, 3000.0, "residents", "evacuated")
    };
    let b = Doc::new("b.txt", "Valley flooded\n\nPolice moved about 1,200 people out of their homes in Brenford overnight, a spokesman said. \
         The dam had held back the reservoir since 1962. Governor Helena Markowitz flew over the valley by helicopter.")
        .count("about 1,200", 1100.0, 1300.0, "residents", "evacuated");
    let c = Doc::new("c.txt", "Town evacuated\n\nNearly 1,200 residents of Brenford left before the river crested, the mayor told reporters. \
         Water from the broken dam covered the lower town by noon. Rain is expected to ease on Thursday.")
        .count("Nearly 1,200", 1100.0, 1199.0, "residents", "evacuated");
    let r = run(vec![copy("a1.txt"), copy("a2.txt"), copy("a3.txt"), b, c]);
    let groups: std::collections::BTreeSet<_> = r
        .sources
        .iter()
        .map(|s| s.group_id.clone().unwrap())
        .collect();
    assert_eq!(groups.len(), 3, "{:#?}", r.sources);
    let f = fact(&r, "residents evacuated");
    assert_eq!((f.sources, f.independent_sources), (5, 3));
    assert_eq!(f.status, FactStatus::Conflict);
    assert_eq!((f.best_low, f.best_high), (Some(1100.0), Some(1199.0)));
}

// ---------------------------------------------------------------- dependence

#[test]
fn a_spun_rewrite_is_derived_and_own_reporting_is_not() {
    let original = Doc::new("a.txt", &wire("4,000"));
    let spun = Doc::new(
        "b.txt",
        "Valley swamped as dam fails\n\nAfter days of torrential rain, a dam above Brenford, a valley town, collapsed early Tuesday. \
         As the water climbed overnight, rescue teams moved 4,000 residents out of streets along the river. \
         Helena Markowitz, the regional governor, stated that the spillway was inspected last spring. \
         Before dawn engineers were studying cracks in the reservoir's eastern wall. \
         Two bridges are shut to traffic and schools throughout the district stay closed.",
    );
    let own = Doc::new(
        "c.txt",
        "Brenford counts the cost\n\nResidents of Brenford returned on Wednesday to homes filled with mud. \
         The governor, Helena Markowitz, promised an inquiry into the dam's maintenance record. \
         Insurers estimated the damage at several million euros. \
         A farmer said his fields would take years to recover. \
         Volunteers handed out food at the town hall.",
    );
    let r = run(vec![original, spun, own]);
    let rel = |a: &str, b: &str| {
        r.source_pairs
            .iter()
            .find(|p| p.source_a == a && p.source_b == b)
            .unwrap()
            .relation
    };
    assert_eq!(
        rel("a.txt", "b.txt"),
        Relation::Derived,
        "{:#?}",
        r.source_pairs
    );
    assert_ne!(rel("a.txt", "c.txt"), Relation::Derived);
    assert_ne!(rel("b.txt", "c.txt"), Relation::Derived);
    let group = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap()
            .group_id
            .clone()
    };
    assert_eq!(group("a.txt"), group("b.txt"));
    assert_ne!(group("a.txt"), group("c.txt"));
}

#[test]
fn a_rewrite_that_reorders_its_paragraphs_is_still_derived() {
    let original = Doc::new("a.txt", &wire("4,000"));
    let reordered = Doc::new(
        "b.txt",
        "Dam gives way above Brenford\n\nTwo bridges are shut to traffic and schools throughout the district stay closed. \
         Before dawn engineers were studying cracks in the reservoir's eastern wall. \
         After days of torrential rain, a dam above Brenford, a valley town, collapsed early Tuesday. \
         Helena Markowitz, the regional governor, stated that the spillway was inspected last spring. \
         As the water climbed overnight, rescue teams moved 4,000 residents out of streets along the river.",
    );
    let r = run(vec![original, reordered]);
    assert_eq!(
        r.source_pairs[0].relation,
        Relation::Derived,
        "{:#?}",
        r.source_pairs
    );
    assert!(
        r.source_pairs[0].evidence.contains("reordered"),
        "{}",
        r.source_pairs[0].evidence
    );
}

/// An outlet's own report, with `inserted` placed among its own sentences.
fn own_report(inserted: &str) -> String {
    format!(
        "Brenford counts the cost\n\nResidents of Brenford returned on Wednesday to homes filled with mud and broken furniture. \
         Insurers estimated the damage at several million euros across the lower town and its farms. \
         {inserted} \
         A farmer said his fields along the river would take years to recover from the silt. \
         Volunteers handed out food and blankets at the town hall until late in the evening. \
         The regional council will meet on Friday to discuss an inquiry into the dam's maintenance. \
         Local businesses said the closure of the bridges had cut them off from their customers."
    )
}

/// The wire story with more of the agency's own paragraphs: an outlet reusing three of
/// its sentences shares too little of it to align as a paraphrase.
fn long_wire() -> String {
    format!(
        "{} Rescue boats reached farms cut off by the flood in the afternoon. \
         The army sent two helicopters to lift stranded families from rooftops. \
         Forecasters warned that another band of rain would cross the hills on Thursday. \
         The dam was built in the 1960s to supply water to the coastal cities. \
         Its operator said it would publish its inspection reports in full. \
         Power was cut to several thousand homes in the valley overnight.",
        wire("4,000")
    )
}

#[test]
fn agency_paragraphs_inside_an_own_report_make_it_derived() {
    let wire_sentences = "A dam above the valley town of Brenford gave way early on Tuesday after days of heavy rain. \
         Engineers were examining cracks in the eastern wall of the reservoir before dawn. \
         Schools across the district remain closed and two bridges have been shut to traffic.";
    let r = run(vec![
        Doc::new("a.txt", &long_wire()),
        Doc::new("b.txt", &own_report(wire_sentences)),
    ]);
    let pair = &r.source_pairs[0];
    assert_eq!(pair.relation, Relation::Derived, "{pair:#?}");
    assert!(pair.evidence.contains("word for word"), "{}", pair.evidence);

    // One shared sentence is a coincidence or a shared source, not reuse.
    let r = run(vec![
        Doc::new("a.txt", &long_wire()),
        Doc::new(
            "b.txt",
            &own_report(
                "A dam above the valley town of Brenford gave way early on Tuesday after days of heavy rain.",
            ),
        ),
    ]);
    assert_ne!(r.source_pairs[0].relation, Relation::Derived);

    // The same statement quoted word for word by two outlets: anyone may carry a quotation.
    let statement = "\u{201c}The spillway was inspected last spring and found in good order by our engineers,\u{201d} the governor said. \
         \u{201c}We will find out what happened to the eastern wall of the reservoir before we reopen the road,\u{201d} she added. \
         \u{201c}Nobody in this valley will be left without a roof over their heads this winter,\u{201d} she said.";
    let r = run(vec![
        Doc::new("a.txt", &format!("{}\n\n{statement}", long_wire())),
        Doc::new("b.txt", &own_report(statement)),
    ]);
    assert_ne!(
        r.source_pairs[0].relation,
        Relation::Derived,
        "{:#?}",
        r.source_pairs
    );
}

// ---------------------------------------------------------------- quotes

#[test]
fn reworded_statements_share_a_quote_id() {
    let a = Doc::new("a.txt", "X\n\n“Well-organized and well managed militants were used,” he said. “We will win,” she said.")
        .quote("Well-organized and well managed militants were used,", Some("Vladimir Putin"), QuoteKind::Direct)
        .quote("We will win,", Some("Anna Smith"), QuoteKind::Direct);
    let b = Doc::new("b.txt", "X\n\n“Well thought and organised and properly managed groups of militants were recruited,” Putin said. “We will win,” she said.")
        .quote("Well thought and organised and properly managed groups of militants were recruited,", Some("Vladimir Putin"), QuoteKind::Direct)
        .quote("We will win,", Some("Anna Smith"), QuoteKind::Direct);
    let c = Doc::new(
        "c.txt",
        "X\n\nThe harvest was late this year, the farmer said.",
    )
    .quote(
        "The harvest was late this year",
        Some("the farmer"),
        QuoteKind::Indirect,
    );
    let xs = vec![a.x.clone(), b.x.clone(), c.x.clone()];
    let r = run(vec![a, b, c]);
    let wording = |text: &str| {
        let row = r.quotes.iter().find(|q| q.text.starts_with(text)).unwrap();
        (row.quote_id.clone(), row.wording)
    };
    let (q1, w1) = wording("Well-organized");
    let (q2, w2) = wording("Well thought");
    assert_eq!(q1, q2);
    assert_eq!((w1, w2), (Wording::Variant, Wording::Variant));
    assert_eq!(wording("We will win").1, Wording::Same);
    assert_eq!(wording("The harvest").1, Wording::Single);
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    assert_offsets(&r, &xs);
}

#[test]
fn the_same_words_from_two_speakers_is_a_conflict() {
    let a = Doc::new("a.txt", "X\n\n“We will not allow the so-called colour revolutions to destabilise the region,” Petrov said.")
        .person("Petrov", "Ivan Petrov", None)
        .quote("We will not allow the so-called colour revolutions to destabilise the region,", Some("Ivan Petrov"), QuoteKind::Direct);
    let b = Doc::new("b.txt", "X\n\n“We will not allow so-called color revolutions to destabilize the region,” the Northern Alliance said.")
        .quote("We will not allow so-called color revolutions to destabilize the region,", Some("the Northern Alliance"), QuoteKind::Direct);
    let r = run(vec![a, b]);
    let quotes: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Quote)
        .collect();
    assert_eq!(quotes.len(), 1, "{:#?}", r.conflicts);
    assert!(
        quotes[0].note.contains("Ivan Petrov") && quotes[0].note.contains("the Northern Alliance")
    );
}

#[test]
fn the_same_words_given_to_the_speakers_title_are_no_quote_conflict() {
    // "The director" is the named speaker of the other source, a director; a mayor is
    // not.
    let a = || {
        Doc::new("a.txt", "X\n\n“We are still in the rescue phase, not the recovery phase,” said Karen Oyelaran, director of emergency management.")
        .person("Karen Oyelaran", "Karen Oyelaran", Some("director of emergency management"))
        .quote("We are still in the rescue phase, not the recovery phase,", Some("Karen Oyelaran"), QuoteKind::Direct)
    };
    let b = || {
        Doc::new(
            "b.txt",
            "X\n\n“We are still in the phase of rescue, not of recovery,” the director declared.",
        )
        .quote(
            "We are still in the phase of rescue, not of recovery,",
            Some("the director"),
            QuoteKind::Direct,
        )
    };
    let c = Doc::new(
        "c.txt",
        "X\n\n“We are still in the rescue phase and not the recovery phase,” the mayor said.",
    )
    .quote(
        "We are still in the rescue phase and not the recovery phase,",
        Some("the mayor"),
        QuoteKind::Direct,
    );
    let r = run(vec![a(), b()]);
    assert_eq!(
        r.quotes[0].quote_id, r.quotes[1].quote_id,
        "{:#?}",
        r.quotes
    );
    assert!(
        r.conflicts.iter().all(|c| c.kind != ConflictKind::Quote),
        "{:#?}",
        r.conflicts
    );
    let r = run(vec![a(), b(), c]);
    let quotes: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Quote)
        .collect();
    assert_eq!(quotes.len(), 1, "{:#?}", r.conflicts);
    assert!(quotes[0].note.contains("Karen Oyelaran") && quotes[0].note.contains("mayor"));
}

#[test]
fn a_rewrite_rewording_a_quote_between_aligned_sentences_keeps_one_statement() {
    let original = Doc::new(
        "a.txt",
        &format!(
            "{}\n\n“We shall rebuild every home before winter comes,” Markowitz said.",
            wire("4,000")
        ),
    )
    .person(
        "Helena Markowitz",
        "Helena Markowitz",
        Some("regional governor"),
    )
    .quote(
        "We shall rebuild every home before winter comes,",
        Some("Helena Markowitz"),
        QuoteKind::Direct,
    );
    let spun = Doc::new(
        "b.txt",
        "Valley swamped as dam fails\n\nAfter days of torrential rain, a dam above Brenford, a valley town, collapsed early Tuesday. \
         As the water climbed overnight, rescue teams moved 4,000 residents out of streets along the river. \
         Helena Markowitz, the regional governor, stated that the spillway was inspected last spring. \
         Before dawn engineers were studying cracks in the reservoir's eastern wall. \
         Two bridges are shut to traffic and schools throughout the district stay closed.\n\n\
         “Each house will be standing again before winter, every single one,” the mayor said.",
    )
    .quote("Each house will be standing again before winter, every single one,", Some("the mayor"), QuoteKind::Direct);
    let r = run(vec![original, spun]);
    assert_eq!(r.source_pairs[0].relation, Relation::Derived);
    // Too few words in common for a match on wording alone; the position in the
    // rewrite makes it the same statement, given to another speaker.
    assert_eq!(
        r.quotes[0].quote_id, r.quotes[1].quote_id,
        "{:#?}",
        r.quotes
    );
    assert_eq!(
        r.conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::Quote)
            .count(),
        1
    );
}

// ---------------------------------------------------------------- stories, timeline, ids

#[test]
fn unrelated_events_are_separate_stories() {
    let flood = |id: &str| Doc::new(id, &wire("2,000"));
    let election = |id: &str, extra: &str| {
        Doc::new(
            id,
            &format!(
                "Coastal republic votes\n\nVoters in Marisol chose a new parliament on Sunday, with turnout near record levels. \
                 The ruling Harbour Party of prime minister Tomas Quell conceded defeat after counting. {extra}"
            ),
        )
    };
    let r = run(vec![
        election("e1.txt", "Observers praised the calm."),
        flood("f1.txt"),
        election("e2.txt", "Quell said he would stay as party leader."),
        flood("f2.txt"),
    ]);
    let story = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap()
            .story_id
            .clone()
            .unwrap()
    };
    assert_eq!(story("e1.txt"), story("e2.txt"));
    assert_eq!(story("f1.txt"), story("f2.txt"));
    assert_ne!(story("e1.txt"), story("f1.txt"));
    assert!(
        r.source_pairs
            .iter()
            .all(|p| story(&p.source_a) == story(&p.source_b))
    );
}

#[test]
fn two_angles_on_one_event_naming_its_people_and_places_are_one_story() {
    // The toll and the rescue on one side, the inquiry on the other: each names many
    // people of its own, and both the town and the fire chief.
    let angle = |id: &str, topic: &str, people: &[&str]| {
        let mut text = format!(
            "Fire at Orvale warehouse\n\nA fire swept through a warehouse in Orvale, trapping workers inside, \
             fire chief Dana Kessler said. {topic}"
        );
        for p in people {
            text.push_str(&format!(" {p} spoke to reporters."));
        }
        let mut d = Doc::new(id, &text)
            .entity("Orvale", "Orvale", EntityType::Place, None)
            .person("Dana Kessler", "Dana Kessler", None);
        for p in people {
            d = d.person(p, p, None);
        }
        d
    };
    let a = angle(
        "a.txt",
        "Rescuers pulled nine workers from the burning warehouse overnight.",
        &[
            "Ana Brill",
            "Tom Vey",
            "Lia Marsh",
            "Ed Cole",
            "Ira Dunn",
            "Max Pell",
            "Uma Reis",
            "Kai Orr",
        ],
    );
    let b = angle(
        "b.txt",
        "Investigators began an inquiry into the warehouse fire and its alarms.",
        &[
            "Noa Finch",
            "Rex Hale",
            "Ida Lowe",
            "Gus Tate",
            "Zoe Wynn",
            "Hal Pike",
            "Eve Lund",
            "Ned Rusk",
        ],
    );
    let r = run(vec![a, b]);
    assert_eq!(
        r.sources[0].story_id, r.sources[1].story_id,
        "{:#?}",
        r.sources
    );
}

#[test]
fn two_events_of_one_kind_written_alike_are_separate_stories() {
    // Two fires, reported from one outlet's template: the wording is shared, the
    // people and places are not.
    let fire = |id: &str, city: &str, chief: &str, mayor: &str, extra: &str| {
        Doc::new(
            id,
            &format!(
                "Fire at {city} warehouse\n\nA fire swept through a warehouse in {city} on Monday, trapping workers inside. \
                 Fire chief {chief} said crews had worked through the night. Mayor {mayor} promised an inquiry. \
                 Residents within a wide radius were told to keep their windows closed. {extra}"
            ),
        )
        .entity(city, city, EntityType::Place, None)
        .person(chief, chief, Some("Fire chief"))
        .person(mayor, mayor, Some("Mayor"))
    };
    let r = run(vec![
        fire(
            "a1.txt",
            "Orvale",
            "Dana Kessler",
            "Piet Aronsen",
            "Schools stayed closed.",
        ),
        fire(
            "a2.txt",
            "Orvale",
            "Dana Kessler",
            "Piet Aronsen",
            "The cause is not known.",
        ),
        fire(
            "b1.txt",
            "Tarnwick",
            "Lio Maranga",
            "Hedda Vost",
            "Schools stayed closed.",
        ),
        fire(
            "b2.txt",
            "Tarnwick",
            "Lio Maranga",
            "Hedda Vost",
            "Roads were shut.",
        ),
    ]);
    let story = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap()
            .story_id
            .clone()
            .unwrap()
    };
    assert_eq!(story("a1.txt"), story("a2.txt"));
    assert_eq!(story("b1.txt"), story("b2.txt"));
    assert_ne!(story("a1.txt"), story("b1.txt"));
}

#[test]
fn one_town_one_kind_of_event_a_year_apart_is_two_stories() {
    let fire = |id: &str, date: &str| {
        let mut d = Doc::new(
            id,
            "Fire at Orvale warehouse\n\nA fire swept through a warehouse in Orvale, trapping workers inside. \
             Fire chief Dana Kessler said crews had worked through the night.",
        )
        .entity("Orvale", "Orvale", EntityType::Place, None)
        .person("Dana Kessler", "Dana Kessler", Some("Fire chief"));
        d.x.document.date = Some(date.to_string());
        d
    };
    let r = run(vec![
        fire("a1.txt", "2024-03-02"),
        fire("a2.txt", "2024-03-04"),
        fire("b1.txt", "2025-03-02"),
    ]);
    let story = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap()
            .story_id
            .clone()
            .unwrap()
    };
    assert_eq!(story("a1.txt"), story("a2.txt"));
    assert_ne!(story("a1.txt"), story("b1.txt"));
}

#[test]
fn timeline_groups_dated_events_and_flags_date_conflicts() {
    let a = Doc::new(
        "a.txt",
        "X\n\nProtests over fuel prices began on January 2 in the west.",
    )
    .date("January 2", "2022-01-02");
    let b = Doc::new(
        "b.txt",
        "X\n\nThe protests over fuel prices began on January 2 in western towns.",
    )
    .date("January 2", "2022-01-02");
    let c = Doc::new(
        "c.txt",
        "X\n\nProtests over fuel prices in the west began on January 4.",
    )
    .date("January 4", "2022-01-04");
    let r = run(vec![a, b, c]);
    let first = &r.timeline[0];
    assert_eq!((first.date.as_str(), first.sources), ("2022-01-02", 2));
    let dates: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Date)
        .collect();
    // One conflict between the two events (January 2 in two sources, January 4 in one),
    // not one per pair of sources.
    assert_eq!(dates.len(), 1, "{:#?}", r.conflicts);
    assert!(
        dates[0].value_a.starts_with("2022-01-02") && dates[0].value_b.starts_with("2022-01-04"),
        "{:#?}",
        dates
    );
}

#[test]
fn the_same_relative_date_read_from_two_publication_days_is_no_conflict() {
    // Both say "today"; they were published a day apart, so the days we read differ.
    let a = Doc::new(
        "a.txt",
        "X\n\nRescuers reached the flooded villages of the valley today.",
    )
    .date("today", "2022-01-03");
    let b = Doc::new(
        "b.txt",
        "X\n\nRescuers reached the flooded villages of the valley today.",
    )
    .date("today", "2022-01-04");
    let r = run(vec![a, b]);
    assert!(
        r.conflicts.iter().all(|c| c.kind != ConflictKind::Date),
        "{:#?}",
        r.conflicts
    );
}

/// The date conflicts of a run.
fn date_conflicts(r: &records::Reconciled) -> Vec<&records::Conflict> {
    r.conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Date)
        .collect()
}

#[test]
fn two_days_named_for_one_event_in_articles_of_one_day_are_a_date_conflict() {
    let a = Doc::new(
        "a.txt",
        "X\n\nThe regional train derailed on a tight bend near the village on Saturday.",
    )
    .date("on Saturday", "2022-03-05");
    let b = Doc::new(
        "b.txt",
        "X\n\nThe regional train derailed on Friday on a tight bend near the village.",
    )
    .date("on Friday", "2022-03-04");
    let r = run(vec![a.published("2022-03-06"), b.published("2022-03-06")]);
    assert_eq!(date_conflicts(&r).len(), 1, "{:#?}", r.conflicts);
}

#[test]
fn weekdays_read_from_two_publication_days_are_no_date_conflict() {
    // Each article's "Monday" is its own week's: a story followed over days has a new
    // Monday each week, and the two updates are two moments of it.
    let a = Doc::new(
        "a.txt",
        "X\n\nThe regional train derailed on a tight bend near the village on Saturday.",
    )
    .date("on Saturday", "2022-03-05");
    let b = Doc::new(
        "b.txt",
        "X\n\nThe regional train derailed on Friday on a tight bend near the village.",
    )
    .date("on Friday", "2022-03-11");
    let r = run(vec![a.published("2022-03-06"), b.published("2022-03-13")]);
    assert!(date_conflicts(&r).is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn dates_of_different_parts_of_like_sentences_are_no_date_conflict() {
    // "began on the 2nd" and "the subsidies ended on the 1st": one sentence dates the
    // protests, the other the decision before them.
    let a = Doc::new(
        "a.txt",
        "X\n\nThe protests began on March 2, the day after the government scrapped fuel subsidies and diesel prices rose.",
    )
    .date("March 2", "2022-03-02");
    let b = Doc::new(
        "b.txt",
        "X\n\nThe protests erupted after the government scrapped fuel subsidies on March 1, pushing diesel prices up.",
    )
    .date("March 1", "2022-03-01");
    // A background year against the day of the story, and two background years.
    let c = Doc::new(
        "c.txt",
        "X\n\nThe storm is the deadliest in the coastal state since the great flood in 1999, officials said.",
    )
    .date("1999", "1999");
    let d = Doc::new(
        "d.txt",
        "X\n\nThe storm is the deadliest in the coastal state since the great flood of March 3, officials said.",
    )
    .date("March 3", "2022-03-03");
    let r = run(vec![
        a.published("2022-03-08"),
        b.published("2022-03-08"),
        c.published("2022-03-08"),
        d.published("2022-03-08"),
    ]);
    assert!(date_conflicts(&r).is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn a_count_at_two_moments_is_no_date_conflict() {
    let a = Doc::new(
        "a.txt",
        "X\n\nMore than 480,000 homes were without power across the state on Friday afternoon.",
    )
    .date("on Friday", "2022-03-04");
    let b = Doc::new(
        "b.txt",
        "X\n\nAbout 210,000 homes were still without power across the state on Saturday afternoon.",
    )
    .date("on Saturday", "2022-03-05");
    // One sentence with two dates in two sources: its dates pair off.
    let c = Doc::new(
        "c.txt",
        "X\n\nIn 2012, a quake near the city killed about 1,100 people, and in 2019 twin quakes near the towns killed 300.",
    )
    .date("2012", "2012")
    .date("2019", "2019");
    let d = Doc::new(
        "d.txt",
        "X\n\nTwin quakes near the towns killed 300 in 2019, and in 2012 a quake near the city had killed about 1,100 people.",
    )
    .date("2012", "2012")
    .date("2019", "2019");
    let r = run(vec![
        a.published("2022-03-05"),
        b.published("2022-03-05"),
        c.published("2022-03-05"),
        d.published("2022-03-05"),
    ]);
    assert!(date_conflicts(&r).is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn a_claim_credited_to_officials_in_one_outlet_and_police_in_another_is_no_quote_conflict() {
    let a = Doc::new(
        "a.txt",
        "X\n\nThe floods displaced 1,499 people across the province, officials said.",
    )
    .quote(
        "The floods displaced 1,499 people across the province",
        Some("officials"),
        QuoteKind::Indirect,
    );
    let b = Doc::new(
        "b.txt",
        "X\n\nThe floods displaced 1,499 people across the province, police said.",
    )
    .quote(
        "The floods displaced 1,499 people across the province",
        Some("police"),
        QuoteKind::Indirect,
    );
    let r = run(vec![a, b]);
    assert_eq!(r.quotes[0].quote_id, r.quotes[1].quote_id);
    assert!(
        r.conflicts.iter().all(|c| c.kind != ConflictKind::Quote),
        "{:#?}",
        r.conflicts
    );
}

#[test]
fn ids_do_not_depend_on_input_order() {
    let docs = || {
        vec![
            Doc::new("b.txt", &wire("3,000")).count(
                "3,000",
                3000.0,
                3000.0,
                "residents",
                "evacuated",
            ),
            Doc::new("a.txt", "Quake\n\nOfficials said 120 people were killed.")
                .count("120", 120.0, 120.0, "people", "killed"),
            Doc::new(
                "c.txt",
                "Quake\n\nDozens were killed, Viktor Petrenko said.",
            )
            .count("Dozens", 24.0, 99.0, "people", "killed")
            .person("Viktor Petrenko", "Viktor Petrenko", None),
        ]
    };
    let forward = run(docs());
    let mut reversed_docs = docs();
    reversed_docs.reverse();
    assert_eq!(forward, run(reversed_docs));
}

#[test]
fn a_story_with_many_sources_stays_one_story() {
    // 150 outlets on one event, each with its own selection of its sentences: every
    // word of the story is in more sources than a blocking window holds.
    let pool = [
        "Floodwater broke through the Brenford dam early on Tuesday.",
        "Governor Helena Markowitz ordered the valley evacuated.",
        "Rescue crews in boats searched the flooded streets of Brenford.",
        "The reservoir had been at record levels after weeks of rain.",
        "Engineers warned of cracks in the eastern wall of the dam.",
        "Schools and two bridges in the Brenford district were closed.",
        "Markowitz said an inquiry into the dam would begin next week.",
        "Residents waited in shelters on higher ground above the valley.",
    ];
    let docs: Vec<Doc> = (0..150)
        .map(|i| {
            let picked: Vec<&str> = (0..5)
                .map(|k| pool[(i * 3 + k * (1 + i % 3)) % pool.len()])
                .collect();
            Doc::new(
                &format!("s{i:03}.txt"),
                &format!(
                    "Dam breach\n\n{} Outlet {i} adds its own line.",
                    picked.join(" ")
                ),
            )
        })
        .collect();
    let r = run(docs);
    let stories: std::collections::BTreeSet<_> =
        r.sources.iter().map(|s| s.story_id.clone()).collect();
    assert_eq!(stories.len(), 1, "{stories:?}");
}

// ---------------------------------------------------------------- percentages, money, measures

/// A percentage, an amount of money or a measure, as extract gives it: `counted` holds
/// what it is of.
fn measured(
    kind: records::QuantityKind,
    unit: &str,
    holder: Option<&'static str>,
    by: Option<&'static str>,
) -> impl FnOnce(&mut records::QuantityMention) {
    move |q| {
        q.kind = kind;
        q.unit = Some(unit.to_string());
        q.event = None;
        q.holder = holder.map(str::to_string);
        q.attributed_to = by.map(str::to_string);
    }
}

#[test]
fn a_named_candidates_share_is_its_own_fact_and_reads_as_a_percentage() {
    use records::QuantityKind::Percent;
    let a = Doc::new(
        "a.txt",
        "Vote\n\nAna Velarde had 48.5% of the vote against 39.9% for Ivan Ostrova.",
    )
    .quantity(
        "48.5%",
        48.5,
        48.5,
        "vote share",
        "",
        measured(Percent, "%", Some("Ana Velarde"), None),
    )
    .quantity(
        "39.9%",
        39.9,
        39.9,
        "vote share",
        "",
        measured(Percent, "%", Some("Ivan Ostrova"), None),
    );
    let b = Doc::new("b.txt", "Result\n\nVelarde won 48.5% of the vote.").quantity(
        "48.5%",
        48.5,
        48.5,
        "vote share",
        "",
        measured(Percent, "%", Some("Velarde"), None),
    );
    let r = run(vec![a, b]);
    let f = fact(&r, "vote share of Ana Velarde");
    assert_eq!(f.status, FactStatus::Agreed);
    assert_eq!(f.kind, Percent);
    assert_eq!(f.unit.as_deref(), Some("%"));
    assert_eq!(f.sources, 2);
    assert_eq!(
        fact(&r, "vote share of Ivan Ostrova").status,
        FactStatus::Single
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn two_agencies_magnitudes_are_each_their_own_figure() {
    use records::QuantityKind::Measure;
    let m = |by| measured(Measure, "magnitude", None, by);
    let a = Doc::new(
        "a.txt",
        "Quake\n\nThe survey put the magnitude at 6.1. The institute measured it at 5.8.",
    )
    .quantity("6.1", 6.1, 6.1, "magnitude", "", m(Some("survey")))
    .quantity("5.8", 5.8, 5.8, "magnitude", "", m(Some("institute")));
    let b = Doc::new("b.txt", "Quake\n\nThe magnitude 6.1 quake struck at dawn.").quantity(
        "6.1",
        6.1,
        6.1,
        "magnitude",
        "",
        m(None),
    );
    let r = run(vec![a, b]);
    let f = fact(&r, "magnitude (according to survey)");
    assert_eq!(f.status, FactStatus::Agreed);
    assert_eq!(f.sources, 2);
    assert_eq!(
        fact(&r, "magnitude (according to institute)").best_low,
        Some(5.8)
    );
}

#[test]
fn a_stated_sum_of_money_is_not_widened_like_a_round_head_count() {
    use records::QuantityKind::Money;
    let a = Doc::new("a.txt", "Court\n\nHe was fined £250,000.").quantity(
        "£250,000",
        250000.0,
        250000.0,
        "fine",
        "",
        |q| {
            measured(Money, "GBP", None, None)(q);
            q.exact = false;
        },
    );
    let b = Doc::new("b.txt", "Court\n\nA fine of £250,000 was imposed.").quantity(
        "£250,000",
        250000.0,
        250000.0,
        "fine",
        "",
        |q| {
            measured(Money, "GBP", None, None)(q);
            q.exact = false;
        },
    );
    let r = run(vec![a, b]);
    let f = fact(&r, "fine (GBP)");
    assert_eq!(f.status, FactStatus::Agreed);
    assert_eq!((f.best_low, f.best_high), (Some(250000.0), Some(250000.0)));
}

/// A dated toll in its own words, from one outlet.
fn toll(id: &str, sentence: &str, figure: &str, v: f64, date: &str) -> Doc {
    Doc::new(id, &format!("Quake\n\n{sentence}"))
        .published(date)
        .quantity(figure, v, v, "people", "killed", |q| {
            q.as_of = Some(date.to_string())
        })
}

#[test]
fn an_outlet_still_giving_yesterdays_toll_lags_and_does_not_dispute() {
    // A live page moves from 214 to 587 to 802; on the day it gives 802, an aggregator
    // still gives 587. The aggregator lags behind the series: no conflict, and the
    // estimate is the new figure.
    let live = Doc::new(
        "live.html",
        "Quake\n\nBy Saturday 214 people had been killed in the quake. By Sunday 587 people had been killed in the quake. By Monday 802 people had been killed in the quake.",
    )
    .published("2024-10-21")
    .quantity("214", 214.0, 214.0, "people", "killed", |q| {
        q.as_of = Some("2024-10-19".into())
    })
    .quantity("587", 587.0, 587.0, "people", "killed", |q| {
        q.as_of = Some("2024-10-20".into())
    })
    .quantity("802", 802.0, 802.0, "people", "killed", |q| {
        q.as_of = Some("2024-10-21".into())
    });
    let late = toll(
        "hub.txt",
        "By now 587 people had been killed in the quake.",
        "587",
        587.0,
        "2024-10-21",
    );
    let r = run(vec![live, late]);
    let f = fact(&r, "people killed");
    assert_eq!(f.status, FactStatus::Updated, "{:#?}", r.conflicts);
    assert_eq!((f.best_low, f.best_high), (Some(802.0), Some(802.0)));
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);

    // Two figures no source ever moved between stay a dispute on their day.
    let official = toll(
        "gov.txt",
        "The ministry said 31 people had been killed in the protests.",
        "31",
        31.0,
        "2025-02-08",
    );
    let rights = toll(
        "ngo.txt",
        "A rights group said 78 people had been killed in the protests.",
        "78",
        78.0,
        "2025-02-08",
    );
    let earlier = toll(
        "wire.txt",
        "Officials said 26 people had been killed in the protests.",
        "26",
        26.0,
        "2025-02-06",
    );
    let r = run(vec![official, rights, earlier]);
    assert_eq!(fact(&r, "people killed").status, FactStatus::Conflict);
}

#[test]
fn a_figure_beside_the_one_it_replaced_holds_for_the_articles_day() {
    // `down from more than 480,000 on Friday`: Friday is the old figure's date; the
    // new one holds for the article's own day, between Friday's and Monday's.
    let friday = Doc::new(
        "wire.txt",
        "Storm\n\nMore than 480,000 homes were without power on Friday.",
    )
    .published("2024-09-13")
    .quantity(
        "More than 480,000",
        480_001.0,
        f64::INFINITY,
        "homes",
        "without power",
        |q| q.as_of = Some("2024-09-13".into()),
    );
    let saturday = Doc::new(
        "tv.html",
        "Outages\n\nRoughly 400,000 homes remained without power, down from more than 480,000 on Friday.",
    )
    .published("2024-09-14")
    .quantity("Roughly 400,000", 360_000.0, 440_000.0, "homes", "without power", |q| {
        q.as_of = Some("2024-09-13".into())
    })
    .quantity("more than 480,000", 480_001.0, f64::INFINITY, "homes", "without power", |q| {
        q.as_of = Some("2024-09-13".into());
        q.correction = Some(records::Correction::Superseded);
        q.retracted = true;
    });
    let monday = Doc::new(
        "paper.json",
        "Recovery\n\nAbout 210,000 homes were still without power on Monday afternoon.",
    )
    .published("2024-09-16")
    .quantity(
        "About 210,000",
        189_000.0,
        231_000.0,
        "homes",
        "without power",
        |q| q.as_of = Some("2024-09-16".into()),
    );
    let r = run(vec![friday, saturday, monday]);
    let f = fact(&r, "homes without power");
    assert_eq!(f.status, FactStatus::Updated, "{:#?}", r.conflicts);
    assert_eq!(f.as_of.as_deref(), Some("2024-09-16"));
    let row = r
        .fact_mentions
        .iter()
        .find(|m| m.text == "Roughly 400,000")
        .expect("the new figure is a mention of the fact");
    assert_eq!(row.as_of.as_deref(), Some("2024-09-14"));
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn an_exact_figure_just_above_a_round_floor_is_no_rise() {
    let floor = |id: &str, text: &str, lo: f64, hi: f64, date: &str| {
        Doc::new(
            id,
            &format!("Train\n\nThe company said {text} people were aboard the train."),
        )
        .quantity(text, lo, hi, "people", "aboard", |q| {
            q.as_of = Some(date.to_string())
        })
    };
    // `more than 160` on one day, `162` the next: the same count, given exactly; a fact
    // that never changed holds from the day it was first given.
    let r = run(vec![
        floor("a.txt", "more than 160", 161.0, f64::INFINITY, "2024-09-14"),
        floor("b.txt", "162", 162.0, 162.0, "2024-09-15"),
    ]);
    let f = fact(&r, "people aboard");
    assert_eq!(f.status, FactStatus::Consistent);
    assert_eq!(f.as_of.as_deref(), Some("2024-09-14"));
    // `more than 400`, then 1,312: well past the floor's rounding, a rise.
    let r = run(vec![
        floor("a.txt", "more than 400", 401.0, f64::INFINITY, "2024-09-14"),
        floor("b.txt", "1,312", 1312.0, 1312.0, "2024-09-15"),
    ]);
    assert_eq!(fact(&r, "people aboard").status, FactStatus::Updated);
}

#[test]
fn a_copied_dissent_is_one_conflict_row_shown_in_its_original() {
    // An original and its translation give 63 injured; an independent wire gives 48 on
    // both days. One row for the 63, shown in the original published first.
    let article = |id: &str, text: &str, v: f64, day: &str| {
        Doc::new(id, &format!("Derailment\n\n{text}"))
            .published(day)
            .quantity(&num_of(text), v, v, "people", "injured", |q| {
                q.as_of = Some(day.to_string())
            })
    };
    fn num_of(text: &str) -> String {
        text.split_whitespace()
            .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or_default()
            .to_string()
    }
    let lines = [
        (
            "wire.txt",
            "Officials said 48 people were injured when the train left the rails near the town.",
            48.0,
            "2024-09-14",
        ),
        (
            "wire2.txt",
            "The health service said on Sunday that 48 people were injured when the train left the rails near the town.",
            48.0,
            "2024-09-15",
        ),
        (
            "original.html",
            "According to the hospitals 63 people were injured when the train left the rails near the town, and nine of them are in a serious condition after the crash on the curve.",
            63.0,
            "2024-09-14",
        ),
        (
            "translation.json",
            "According to the hospitals 63 people were injured when the train left the rails near the town, and nine of them are in a serious condition after the crash on the curve.",
            63.0,
            "2024-09-15",
        ),
    ];
    let mut docs: Vec<Doc> = lines
        .iter()
        .map(|(id, text, v, day)| article(id, text, *v, day))
        .collect();
    // The original's own day also carries a vague floor of the wire group, so the
    // dispute is on the translation's day only.
    docs[0] = Doc::new(
        "wire.txt",
        "Derailment\n\nOfficials said 48 people were injured when the train left the rails near the town, more than 40 of them in hospital.",
    )
    .published("2024-09-14")
    .quantity("48", 48.0, 48.0, "people", "injured", |q| {
        q.as_of = Some("2024-09-14".into())
    })
    .quantity("more than 40", 41.0, f64::INFINITY, "people", "injured", |q| {
        q.as_of = Some("2024-09-14".into())
    });
    let r = run(docs);
    let rows: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Number)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let sides = [rows[0].source_a.as_str(), rows[0].source_b.as_str()];
    assert!(sides.contains(&"original.html"), "{rows:#?}");
}
