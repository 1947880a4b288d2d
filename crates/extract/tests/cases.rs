//! Small data-driven cases, one `check_*` helper per kind of mention.

mod common;

use common::doc;
use records::{EntityType, Extraction, QuantityKind, QuoteKind, char_slice};

fn run(text: &str, date: Option<&str>) -> Extraction {
    let x = extract::extract(&doc(text, date), &Default::default());
    for q in &x.quantities {
        assert_eq!(char_slice(text, q.start, q.end), Some(q.text.as_str()));
    }
    x
}

/// Expected quantity: surface text it must contain, kind, interval, event, counted.
struct Q<'a> {
    has: &'a str,
    kind: QuantityKind,
    low: f64,
    high: f64,
    event: Option<&'a str>,
    counted: Option<&'a str>,
}

fn check_quantity(input: &str, expected: Q<'_>) {
    let x = run(input, None);
    let q = x
        .quantities
        .iter()
        .find(|q| q.text.contains(expected.has))
        .unwrap_or_else(|| {
            panic!(
                "{input}: no quantity with {:?} in {:#?}",
                expected.has, x.quantities
            )
        });
    assert_eq!(q.kind, expected.kind, "{input}");
    assert_eq!((q.low, q.high), (expected.low, expected.high), "{input}");
    assert_eq!(q.event.as_deref(), expected.event, "{input}");
    assert_eq!(q.counted.as_deref(), expected.counted, "{input}");
}

fn count<'a>(has: &'a str, low: f64, high: f64, counted: &'a str, event: Option<&'a str>) -> Q<'a> {
    Q {
        has,
        kind: QuantityKind::Count,
        low,
        high,
        event,
        counted: Some(counted),
    }
}

#[test]
fn quantities_with_their_intervals() {
    check_quantity(
        "Officials said 2,030 troops landed on Friday.",
        count("2,030", 2030.0, 2030.0, "troops", Some("deployed")),
    );
    check_quantity(
        "About 1.5 million people were displaced by the floods.",
        count(
            "1.5 million",
            1_350_000.0,
            1_650_000.0,
            "people",
            Some("displaced"),
        ),
    );
    check_quantity(
        "Almost 8,000 people were detained.",
        count("8,000", 7200.0, 8000.0, "people", Some("detained")),
    );
    check_quantity(
        "More than 164 people had died.",
        count("164", 165.0, f64::INFINITY, "people", Some("killed")),
    );
    check_quantity(
        "Up to 50 people were injured.",
        count("50", 0.0, 50.0, "people", Some("injured")),
    );
    check_quantity(
        "Fewer than 20 people were rescued.",
        count("20", 0.0, 19.0, "people", Some("rescued")),
    );
    check_quantity(
        "Between 200 and 300 protesters were arrested.",
        count("200", 200.0, 300.0, "protesters", Some("detained")),
    );
    check_quantity(
        "Dozens of people were killed.",
        count("Dozens", 24.0, 99.0, "people", Some("killed")),
    );
    check_quantity(
        "Scores of homes were destroyed.",
        count("Scores", 40.0, 199.0, "homes", Some("damaged")),
    );
    check_quantity(
        "Several hundred people were wounded.",
        count("Several hundred", 200.0, 999.0, "people", Some("injured")),
    );
    check_quantity(
        "Tens of thousands of people marched in the capital.",
        count(
            "Tens of thousands",
            20_000.0,
            99_999.0,
            "people",
            Some("protested"),
        ),
    );
    check_quantity(
        "Sixteen soldiers were killed.",
        count("Sixteen", 16.0, 16.0, "troops", Some("killed")),
    );
    check_quantity(
        "Police arrested two thousand people.",
        count("two thousand", 2000.0, 2000.0, "people", Some("detained")),
    );
    check_quantity(
        "At least 10 children were among the dead.",
        count("10", 10.0, f64::INFINITY, "children", Some("killed")),
    );
}

#[test]
fn numbers_that_are_not_head_counts() {
    let m = |has, kind, low, high| Q {
        has,
        kind,
        low,
        high,
        event: None,
        counted: None,
    };
    check_quantity(
        "The border runs 1,770 km (1,110 mile) east.",
        m("1,770 km", QuantityKind::Measure, 1770.0, 1770.0),
    );
    check_quantity(
        "The border runs 1,770 km (1,110 mile) east.",
        m("1,110 mile", QuantityKind::Measure, 1110.0, 1110.0),
    );
    // A percentage says what it is of (the counted field holds it).
    check_quantity(
        "Turnout was 33% this time.",
        Q {
            counted: Some("turnout"),
            ..m("33%", QuantityKind::Percent, 33.0, 33.0)
        },
    );
    check_quantity(
        "A 52-year-old man was arrested.",
        m("52", QuantityKind::Age, 52.0, 52.0),
    );
    check_quantity(
        "The former leader, Mr Smith, 81, was not there.",
        m("81", QuantityKind::Age, 81.0, 81.0),
    );
    check_quantity(
        "He ruled for 30 years before the unrest.",
        m("30 years", QuantityKind::Duration, 30.0, 30.0),
    );
    check_quantity(
        "The plan costs $5 million.",
        m("5 million", QuantityKind::Money, 5e6, 5e6),
    );
    // A magnitude is a measure (never a head count).
    check_quantity(
        "A magnitude 6.8 earthquake struck.",
        Q {
            counted: Some("magnitude"),
            ..m("6.8", QuantityKind::Measure, 6.8, 6.8)
        },
    );
    // A year after `in` is a date, not a quantity.
    let x = run("Protests took place in 2019 and killed 5 people.", None);
    assert!(
        x.quantities.iter().all(|q| !q.text.contains("2019")),
        "{:#?}",
        x.quantities
    );
    assert!(
        x.dates
            .iter()
            .any(|d| d.text == "2019" && d.resolved.as_deref() == Some("2019"))
    );
}

#[test]
fn who_says_how_sure_and_what_belongs_where() {
    let x = run(
        "On Sunday, the information ministry retracted a statement that said more than 164 people had died.",
        None,
    );
    let q = &x.quantities[0];
    assert!(q.retracted && !q.hedged, "{q:?}");
    assert_eq!(q.attributed_to.as_deref(), Some("information ministry"));

    let x = run(
        "Several hundred people, including 16 security personnel, are believed to have been killed.",
        None,
    );
    assert_eq!(x.quantities.len(), 2, "{:#?}", x.quantities);
    assert!(
        x.quantities
            .iter()
            .all(|q| q.hedged && q.event.as_deref() == Some("killed"))
    );
    assert_eq!(x.quantities[1].part_of, Some(0));
    assert_eq!(
        x.quantities[1].counted.as_deref(),
        Some("security personnel")
    );

    let x = run(
        "Nearly 8,000 people have been detained, the interior ministry said Monday.",
        Some("2022-01-12"),
    );
    let q = &x.quantities[0];
    assert_eq!(q.attributed_to.as_deref(), Some("interior ministry"));
    assert_eq!(q.as_of.as_deref(), Some("2022-01-10"));

    let x = run("According to the Health Ministry, 40 people died.", None);
    assert_eq!(
        x.quantities[0].attributed_to.as_deref(),
        Some("Health Ministry")
    );

    let x = run("It was not 100 people who died.", None);
    assert!(x.quantities[0].negated);
}

fn check_entity(input: &str, surface: &str, kind: EntityType, name: &str, role: Option<&str>) {
    let x = run(input, None);
    let e = x
        .entities
        .iter()
        .find(|e| e.text == surface)
        .unwrap_or_else(|| panic!("{input}: no entity {surface:?} in {:#?}", x.entities));
    assert_eq!(
        (e.kind, e.name.as_str(), e.role.as_deref()),
        (kind, name, role),
        "{input}"
    );
}

fn check_no_entity(input: &str, surface: &str) {
    let x = run(input, None);
    assert!(
        x.entities.iter().all(|e| !e.text.contains(surface)),
        "{input}: {:#?}",
        x.entities
    );
}

#[test]
fn entities_with_roles_and_resolution() {
    use EntityType::*;
    check_entity(
        "US Secretary of State Antony Blinken said talks would go on.",
        "Antony Blinken",
        Person,
        "Antony Blinken",
        Some("US Secretary of State"),
    );
    check_entity(
        "US Secretary of State Antony Blinken said talks would go on.",
        "US",
        Place,
        "United States",
        None,
    );
    check_entity(
        "Protests were aimed at ex-President Nursultan Nazarbayev.",
        "Nursultan Nazarbayev",
        Person,
        "Nursultan Nazarbayev",
        Some("ex-President"),
    );
    check_entity(
        "Foreign Minister Wang Yi spoke first. Later Mr. Wang left.",
        "Wang",
        Person,
        "Wang Yi",
        None,
    );
    check_entity(
        "Prime Minister Jane Doe-Smith arrived. Ms Doe-Smith’s plane was late.",
        "Doe-Smith",
        Person,
        "Jane Doe-Smith",
        None,
    );
    check_entity(
        "The Economic Community of West African States (ECOWAS) met. ECOWAS said nothing.",
        "ECOWAS",
        Organization,
        "Economic Community of West African States",
        None,
    );
    check_entity(
        "French troops left the city.",
        "French",
        Place,
        "France",
        None,
    );
    check_entity(
        "Kenya’s health ministry said so.",
        "Kenya",
        Place,
        "Kenya",
        None,
    );
    check_entity(
        "Rescuers reached the town of Moulay Brahim.",
        "Moulay Brahim",
        Place,
        "Moulay Brahim",
        None,
    );
    check_entity(
        "Workers at the Hashem Foods plant were evacuated.",
        "Hashem Foods",
        Organization,
        "Hashem Foods",
        None,
    );
    // An acronym, an organisation word or an abbreviated title glued to a name.
    check_entity(
        "The chairman of the NEC Marta Ivanic said the count was over.",
        "Marta Ivanic",
        Person,
        "Marta Ivanic",
        None,
    );
    check_entity(
        "The vote went to the leader of the Greens' Party Tomas Varga with 4%.",
        "Tomas Varga",
        Person,
        "Tomas Varga",
        None,
    );
    check_entity(
        "Chief Govt Dana Ellery mentioned the plant.",
        "Dana Ellery",
        Person,
        "Dana Ellery",
        Some("Chief"),
    );
    check_entity(
        "The count rose. Minister of Internal Affairs Marta Ivanic said so.",
        "Marta Ivanic",
        Person,
        "Marta Ivanic",
        Some("Minister of Internal Affairs"),
    );
    check_no_entity("Protests began in Paris on Monday.", "Protests");
    check_no_entity("Protests began in Paris on Monday.", "Monday");
    check_no_entity("Soldiers guard the square. (Jane Doe/AP)", "Jane Doe");
    check_no_entity(
        "Kazakh soldiers patrol a street. (Alexandr BOGDANOV / AFP)",
        "AFP",
    );
}

fn check_quote(
    input: &str,
    starts: &str,
    kind: QuoteKind,
    speaker: Option<&str>,
    verb: Option<&str>,
) {
    let x = run(input, None);
    let q = x
        .quotes
        .iter()
        .find(|q| q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("{input}: no quote starting {starts:?} in {:#?}", x.quotes));
    assert_eq!(
        (q.kind, q.speaker.as_deref(), q.verb.as_deref()),
        (kind, speaker, verb),
        "{input}"
    );
    assert_eq!(char_slice(input, q.start, q.end), Some(q.text.as_str()));
}

#[test]
fn quotes_with_speakers() {
    use QuoteKind::*;
    check_quote(
        "Mayor Anne Hidalgo visited the site. “We will rebuild every home,” she said.",
        "We will rebuild",
        Direct,
        Some("Anne Hidalgo"),
        Some("said"),
    );
    check_quote(
        "“The water came at night,” said Ghulam Hussain, a farmer.",
        "The water came",
        Direct,
        Some("Ghulam Hussain"),
        Some("said"),
    );
    check_quote(
        "President Jane Roe spoke. \"There is no plan B for us,\" the president said.",
        "There is no plan",
        Direct,
        Some("Jane Roe"),
        Some("said"),
    );
    check_quote(
        "“The recent unrest shows that outside forces do not want peace,” the ministry said citing Mr. Wang.\n\nForeign Minister Wang Yi left.",
        "The recent unrest",
        Direct,
        Some("Wang Yi"),
        Some("said"),
    );
    // A quote over two paragraphs: the second opens with a mark, the first never closes.
    let text = "Minister Ana Lopez spoke at length.\n\n“We will not give up. Every family will be helped.\n\n“I have ordered the army to help,” Ms Lopez told reporters.";
    check_quote(
        text,
        "We will not give up",
        Direct,
        Some("Ana Lopez"),
        Some("told"),
    );
    check_quote(
        text,
        "I have ordered",
        Direct,
        Some("Ana Lopez"),
        Some("told"),
    );
    check_quote(
        "The minister Ana Lopez claimed that the figures were wrong.",
        "the figures were wrong",
        Indirect,
        Some("Ana Lopez"),
        Some("claimed"),
    );
    check_quote(
        "Ana Lopez described the floods as a catastrophe.",
        "the floods as",
        Indirect,
        Some("Ana Lopez"),
        Some("described"),
    );
    check_quote(
        "Some 40 people were missing, according to the provincial government.",
        "Some 40 people",
        Indirect,
        Some("provincial government"),
        Some("according to"),
    );
    // Scare quotes are not statements.
    let x = run(
        "He blamed the unrest on “one centre” and “terrorists”.",
        None,
    );
    assert!(
        x.quotes
            .iter()
            .all(|q| q.kind == Indirect || !q.text.contains("centre")),
        "{:#?}",
        x.quotes
    );
}

#[test]
fn dates_resolve_against_the_article_date() {
    let check = |text: &str, date: Option<&str>, surface: &str, resolved: Option<&str>| {
        let x = run(text, date);
        let d = x
            .dates
            .iter()
            .find(|d| d.text == surface)
            .unwrap_or_else(|| panic!("{text}: {:#?}", x.dates));
        assert_eq!(d.resolved.as_deref(), resolved, "{text}");
    };
    // 10 January 2022 was a Monday.
    let day = Some("2022-01-10");
    check(
        "Talks began on Monday.",
        day,
        "on Monday",
        Some("2022-01-10"),
    );
    check(
        "Talks began on Friday.",
        day,
        "on Friday",
        Some("2022-01-07"),
    );
    check(
        "The vote will be held on Tuesday.",
        day,
        "on Tuesday",
        Some("2022-01-11"),
    );
    check(
        "Protests began a week ago.",
        day,
        "a week ago",
        Some("2022-01-03"),
    );
    check(
        "Clashes on Jan. 10 left many hurt.",
        day,
        "Jan. 10",
        Some("2022-01-10"),
    );
    check(
        "It came to a head on the 7th of January.",
        day,
        "the 7th of January",
        Some("2022-01-07"),
    );
    check(
        "It came to a head on 10 January 2022.",
        None,
        "10 January 2022",
        Some("2022-01-10"),
    );
    check("Talks began on Monday.", None, "on Monday", None);
    let x = run("Troops arrived last week.", day);
    let d = &x.dates[0];
    assert_eq!(
        (d.resolved.as_deref(), d.resolved_end.as_deref(), d.relative),
        (Some("2022-01-03"), Some("2022-01-09"), true)
    );
}

/// The date each count holds for (`as_of`), in an article of `date`.
fn check_as_of(text: &str, date: Option<&str>, figure: &str, expected: Option<&str>) {
    let x = run(text, date);
    let q = x
        .quantities
        .iter()
        .find(|q| q.text.contains(figure))
        .unwrap_or_else(|| panic!("{text}: {:#?}", x.quantities));
    assert_eq!(q.as_of.as_deref(), expected, "{text}");
}

#[test]
fn a_figure_holds_for_its_sentence_date_or_the_article_date() {
    // 10 January 2022 was a Monday.
    let day = Some("2022-01-10");
    check_as_of(
        "Officials said 40 people had been killed by Saturday.",
        day,
        "40",
        Some("2022-01-08"),
    );
    check_as_of(
        "As of 6 January, 75 people had been arrested.",
        day,
        "75",
        Some("2022-01-06"),
    );
    // No date in the sentence: the article's own.
    check_as_of(
        "Officials said 40 people had been killed.",
        day,
        "40",
        Some("2022-01-10"),
    );
    // A date that opens the period is when counting began, not when the figure held.
    check_as_of(
        "Some 7,900 people have been detained since Sunday.",
        day,
        "7,900",
        Some("2022-01-10"),
    );
    check_as_of(
        "Police said 900 people were arrested after protests began on 2 January.",
        day,
        "900",
        Some("2022-01-10"),
    );
    // A date after the article's is a plan, never the date a figure held for.
    check_as_of(
        "The 300 people detained will appear in court on Friday.",
        day,
        "300",
        Some("2022-01-10"),
    );
    // A year before the article's, written before the figure: an earlier event.
    check_as_of(
        "The 1997 quake in the same valley killed about 1,100 people.",
        day,
        "1,100",
        Some("1997"),
    );
    check_as_of(
        "Floyd in 1999, which killed 35 people, was the last storm this deadly.",
        day,
        "35",
        Some("1999"),
    );
    check_as_of(
        "The storm killed 26 people, the most since 1999.",
        day,
        "26",
        Some("2022-01-10"),
    );
    // No article date and no date in the text: unknown.
    check_as_of(
        "Officials said 40 people had been killed.",
        None,
        "40",
        None,
    );
}

#[test]
fn a_live_page_update_holds_for_its_timestamp() {
    let raw = "Storm live: toll climbs\n\nFri 14 Jan, 18:10\n\nThe toll has risen to 23, officials said.\n\n\
               Thu 13 Jan, 09:00\n\nOfficials said 12 people had died by Wednesday night.\n";
    let doc = ingest::ingest_bytes("live.txt", raw.as_bytes(), &ingest::IngestConfig::default())
        .expect("ingest")
        .remove(0);
    let mut clean =
        normalize::normalize(&doc, &normalize::NormalizeConfig::default()).expect("normalize");
    // The page keeps the date of its first update.
    clean.date = Some("2022-01-12".into());
    let x = extract::extract(&clean, &Default::default());
    let as_of = |figure: &str| {
        x.quantities
            .iter()
            .find(|q| q.text == figure)
            .and_then(|q| q.as_of.clone())
    };
    assert_eq!(
        as_of("23").as_deref(),
        Some("2022-01-14"),
        "{:#?}",
        x.quantities
    );
    // A weekday in an update counts back from the update's own day.
    assert_eq!(
        as_of("12").as_deref(),
        Some("2022-01-12"),
        "{:#?}",
        x.quantities
    );
}

#[test]
fn currency_words_and_sterling() {
    let kind = |text: &str, figure: &str| {
        let x = run(text, None);
        let q = x
            .quantities
            .iter()
            .find(|q| q.text.contains(figure))
            .unwrap_or_else(|| panic!("{text}: {:#?}", x.quantities));
        (q.kind, q.unit.clone())
    };
    // `won` before a number is the verb; after it, the currency.
    assert_ne!(
        kind("Marlow won 212,480 votes in the first round.", "212,480").0,
        QuantityKind::Money
    );
    assert_eq!(
        kind("The deal was worth 5,000,000 won.", "5,000,000"),
        (QuantityKind::Money, Some("KRW".into()))
    );
    assert_eq!(
        kind("Fees rose to USD 40 million.", "40"),
        (QuantityKind::Money, Some("USD".into()))
    );
    // Pounds after a scale word are sterling; a few pounds are a weight.
    assert_eq!(
        kind("Revenue fell to 1.31 billion pounds.", "1.31 billion"),
        (QuantityKind::Money, Some("GBP".into()))
    );
    assert_eq!(
        kind("The parcel weighed 12 pounds.", "12"),
        (QuantityKind::Measure, Some("lb".into()))
    );
}

/// The event of each count whose text contains `has`, in order.
fn events_of(input: &str) -> Vec<(String, Option<String>, Option<usize>)> {
    run(input, None)
        .quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Count)
        .map(|q| (q.text.clone(), q.event.clone(), q.part_of))
        .collect()
}

fn event_of(input: &str, has: &str) -> Option<String> {
    let all = events_of(input);
    all.iter()
        .find(|(t, _, _)| t.contains(has))
        .unwrap_or_else(|| panic!("{input}: no count {has:?} in {all:?}"))
        .1
        .clone()
}

#[test]
fn personal_numbers_are_no_toll() {
    for (input, has) in [
        (
            "In Dunmore on Monday, Tomas Weller buried two of his sons, aged 9 and 12.",
            "two",
        ),
        (
            "My three children were killed when the roof fell, she said.",
            "three",
        ),
        (
            "She said her two daughters were injured in the blast.",
            "two",
        ),
        ("Three of her grandchildren died in the fire.", "Three"),
    ] {
        assert_eq!(event_of(input, has), None, "{input}");
    }
    // Not personal: the toll itself, and `their` of a group.
    assert_eq!(
        event_of("Two of the miners were killed on Monday.", "Two").as_deref(),
        Some("killed")
    );
    assert_eq!(
        event_of("At least 40 people were killed in the blast.", "40").as_deref(),
        Some("killed")
    );
}

#[test]
fn projections_and_fears_are_no_figure() {
    for (input, has) in [
        (
            "The toll could rise above 900, the agency's head warned.",
            "900",
        ),
        ("Officials said the number of deaths could reach 60.", "60"),
        (
            "The death toll is expected to exceed 2,000 as rescuers dig.",
            "2,000",
        ),
        ("The toll may climb to 75 in the coming days.", "75"),
        (
            "As many as 300 people could have died in the flooding.",
            "300",
        ),
        ("Another 25 people are feared dead under the rubble.", "25"),
    ] {
        assert_eq!(event_of(input, has), None, "{input}");
    }
    // Reported figures stay: a rise that happened, a modal elsewhere in the sentence.
    assert_eq!(
        event_of("The toll rose to 90 on Tuesday, officials said.", "90").as_deref(),
        Some("killed")
    );
    assert_eq!(
        event_of(
            "At least 12 people were killed and the toll could rise, police said.",
            "12"
        )
        .as_deref(),
        Some("killed")
    );
}

#[test]
fn populations_and_capacities_are_no_event() {
    for (input, has) in [
        (
            "In the east, 50 people died in Morvale, a town of roughly 38,000 near the epicentre.",
            "38,000",
        ),
        (
            "The valley is home to 2 million people and 40 died there.",
            "2 million",
        ),
        (
            "The flood killed nine in Bexford, a village of around 300 people.",
            "300",
        ),
        (
            "The ferry, which has capacity for 220 passengers, sank and 14 drowned.",
            "220",
        ),
    ] {
        assert_eq!(event_of(input, has), None, "{input}");
    }
    // An approximation is not a region; a town's dead are a toll.
    assert_eq!(
        event_of("The toll is in the region of 300 dead.", "300").as_deref(),
        Some("killed")
    );
    assert_eq!(
        event_of(
            "In the east, 50 people died in Morvale, a town of roughly 38,000.",
            "50"
        )
        .as_deref(),
        Some("killed")
    );
}

#[test]
fn the_event_is_found_in_the_figure_clause() {
    let input = "Around 35 people were injured, officials said, and about 200 people were moved out of nearby homes.";
    assert_eq!(event_of(input, "35").as_deref(), Some("injured"));
    assert_eq!(event_of(input, "200"), None);
    let input = "Six people were killed, and some 400 residents left the area by bus.";
    assert_eq!(event_of(input, "400"), None);
    // No clause break: the event is shared.
    assert_eq!(
        event_of("Fourteen people died and 63 were injured.", "63").as_deref(),
        Some("injured")
    );
}

#[test]
fn shares_of_a_total_point_to_it() {
    let x = events_of(
        "The storm has killed 30 people in the state. Twelve of the dead were in Harlow County, eight in Dunmore County and two in Ashby County, officials said.",
    );
    assert_eq!(x[0].2, None, "{x:?}");
    for (text, event, part) in &x[1..] {
        assert_eq!(*part, Some(0), "{text}: {x:?}");
        assert_eq!(event.as_deref(), Some("killed"), "{text}");
    }
    let x = events_of(
        "At least 80 people died in the crash. Officials said 11 of the dead had been identified.",
    );
    assert_eq!(x[1].2, Some(0), "{x:?}");
    let x = events_of(
        "The quake killed 700 people. 500 of them died in Tarvin and 150 in Osk province.",
    );
    assert_eq!((x[1].2, x[2].2), (Some(0), Some(0)), "{x:?}");
    let x = events_of(
        "Forty people were injured. Seven of the injured remained in a critical condition, down from nine on Sunday.",
    );
    assert_eq!((x[1].2, x[2].2), (Some(0), Some(0)), "{x:?}");
    let x = events_of("Forty people were injured on Monday, down from 60 on Sunday.");
    assert_eq!(x[1].2, None, "{x:?}");
    // A share with no total before it is comparable with nothing.
    let x = events_of("Officials said 11 of the dead had been identified.");
    assert_eq!(x[0].1, None, "{x:?}");
    // `including` as before; a separate figure in place is no share.
    let x = events_of("Eight people were killed, including three police officers.");
    assert_eq!(x[1].2, Some(0), "{x:?}");
    let x = events_of("Ten people died in Harlow. Five were injured in Dunmore.");
    assert_eq!((x[0].2, x[1].2), (None, None), "{x:?}");
}

#[test]
fn speakers_by_gender_colon_apposition_and_figure() {
    use QuoteKind::*;
    // A pronoun skips the person the text gives the other gender, and names inside
    // the quote are no antecedents.
    check_quote(
        "Bea Lind said she would run. Minister Karl Holm said he would not resign. “Tonight the people chose change,” she told supporters.",
        "Tonight the people",
        Direct,
        Some("Bea Lind"),
        Some("told"),
    );
    check_quote(
        "Karl Holm conceded on Tuesday. “I congratulate Bea Lind and wish her well,” he said.",
        "I congratulate",
        Direct,
        Some("Karl Holm"),
        Some("said"),
    );
    // A name opening the sentence speaks the quote after its colon.
    check_quote(
        "Judge Alan Brisk to the defendant: “You took the savings of people who trusted you.”",
        "You took",
        Direct,
        Some("Alan Brisk"),
        Some(":"),
    );
    // A title in apposition to the name after it.
    check_quote(
        "“We are still in the rescue phase of this disaster,” said the director of emergencies in the north, Karen Olde, on Friday.",
        "We are still",
        Direct,
        Some("Karen Olde"),
        Some("said"),
    );
    // Any verb after `, she` attributes the quote.
    check_quote(
        "Rosa Mendes, 52, spent the night on the roof. “The water reached my chest in ten minutes,” she recalled.",
        "The water reached",
        Direct,
        Some("Rosa Mendes"),
        Some("recalled"),
    );
    // A reporting participle speaks for the subject of the sentence.
    check_quote(
        "The health ministry withdrew the figure on Friday, saying it “was not verified and should be disregarded”.",
        "was not verified",
        Direct,
        Some("health ministry"),
        Some("saying"),
    );
    // `One in five voters` is a figure, never a speaker `One`.
    let x = run(
        "One in five voters told pollsters that corruption was the issue that mattered most.",
        None,
    );
    assert!(
        x.quotes.iter().all(|q| q.speaker.as_deref() != Some("One")),
        "{:#?}",
        x.quotes
    );
    // Words quoted inside reported speech are a label, not a statement.
    let x = run(
        "The company said it was “deeply shocked” by the accident.",
        None,
    );
    assert!(x.quotes.is_empty(), "{:#?}", x.quotes);
}

#[test]
fn bylines_credits_and_labels_are_no_entities() {
    let text = "Storm hits coast\n\nCoast Review · Monday 22 April 2024\n\nBRANTON, April 22 (Harbour Wire) – Mayor Lena Dahl said the storm was the worst in years. She told the Evening Courier the town would rebuild. It came ashore as a Category 4 storm.\n\n(Reporting by Harbour Wire; Editing by Tom Rye)";
    for junk in [
        "Coast Review",
        "Harbour Wire",
        "Evening Courier",
        "Category",
        "Editing",
        "Tom Rye",
    ] {
        check_no_entity(text, junk);
    }
    check_entity(
        text,
        "Lena Dahl",
        EntityType::Person,
        "Lena Dahl",
        Some("Mayor"),
    );
    check_entity(
        "The hearing ended. Helen Marsh KC said the case was closed.",
        "Helen Marsh",
        EntityType::Person,
        "Helen Marsh",
        None,
    );
}

#[test]
fn fractions_ratios_and_changes() {
    // A fraction of a total counts its share.
    check_quantity(
        "A quarter of the 800 workers were laid off on Monday.",
        count(
            "A quarter of the 800",
            200.0,
            200.0,
            "workers",
            Some("laid off"),
        ),
    );
    // A ratio is a share, not a count of its denominator.
    let x = run("One in five voters stayed at home.", None);
    let q = x
        .quantities
        .iter()
        .find(|q| q.text.contains("five"))
        .unwrap_or_else(|| panic!("{:#?}", x.quantities));
    assert_eq!(
        (q.kind, q.low, q.high, q.text.as_str()),
        (QuantityKind::Percent, 20.0, 20.0, "One in five"),
        "{:#?}",
        x.quantities
    );
    // A change is never a count of the event.
    let x = run("The number of people killed rose by 12 to 45.", None);
    let by = x.quantities.iter().find(|q| q.text == "12").unwrap();
    assert_eq!(by.event, None, "{by:?}");
    // Nor is a year after `in` a ratio.
    let x = run("Twelve people were killed in 2024.", None);
    assert!(x.quantities.iter().all(|q| q.kind != QuantityKind::Percent));
}
