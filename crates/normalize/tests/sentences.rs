//! Sentence splitting on news prose: abbreviations, initials, numbers, quotes that
//! span sentences, and text without final punctuation.

use normalize::sentences::split;

fn check(text: &str, expected: &[&str]) {
    let got: Vec<&str> = split(text).into_iter().map(|(s, e)| &text[s..e]).collect();
    assert_eq!(got, expected, "splitting {text:?}");
}

#[test]
fn sentence_cases() {
    let cases: &[(&str, &[&str])] = &[
        (
            "The vote passed. The bill goes to the Senate.",
            &["The vote passed.", "The bill goes to the Senate."],
        ),
        (
            "Mr. Smith arrived late. He apologised.",
            &["Mr. Smith arrived late.", "He apologised."],
        ),
        (
            "Mrs. Jones and Dr. Patel spoke first.",
            &["Mrs. Jones and Dr. Patel spoke first."],
        ),
        (
            "Ms. Rivera declined to comment.",
            &["Ms. Rivera declined to comment."],
        ),
        (
            "The U.S. economy grew. Exports rose.",
            &["The U.S. economy grew.", "Exports rose."],
        ),
        (
            "He met U.S. officials on Friday.",
            &["He met U.S. officials on Friday."],
        ),
        (
            "The F.B.I. opened an inquiry. Agents searched the office.",
            &[
                "The F.B.I. opened an inquiry.",
                "Agents searched the office.",
            ],
        ),
        (
            "Talks resumed on Jan. 10 in Geneva.",
            &["Talks resumed on Jan. 10 in Geneva."],
        ),
        (
            "The deadline is Feb. 28. Officials expect delays.",
            &["The deadline is Feb. 28.", "Officials expect delays."],
        ),
        (
            "It opened in Sept. 2019 after years of work.",
            &["It opened in Sept. 2019 after years of work."],
        ),
        (
            "Gov. Newsom signed it. Sen. Warren objected.",
            &["Gov. Newsom signed it.", "Sen. Warren objected."],
        ),
        (
            "Gen. Milley testified. Lt. Col. Vindman did not.",
            &["Gen. Milley testified.", "Lt. Col. Vindman did not."],
        ),
        (
            "Prof. Okafor, of the university, said so.",
            &["Prof. Okafor, of the university, said so."],
        ),
        (
            "St. Louis was quiet. The rally moved on.",
            &["St. Louis was quiet.", "The rally moved on."],
        ),
        (
            "Prices rose 2.5 percent. Wages did not.",
            &["Prices rose 2.5 percent.", "Wages did not."],
        ),
        (
            "The fund holds $1.2 billion. It was founded in 1998.",
            &["The fund holds $1.2 billion.", "It was founded in 1998."],
        ),
        (
            "Turnout was 61.3% in the north.",
            &["Turnout was 61.3% in the north."],
        ),
        (
            "Is it safe? Officials say yes.",
            &["Is it safe?", "Officials say yes."],
        ),
        (
            "Stop! The bridge is closed.",
            &["Stop!", "The bridge is closed."],
        ),
        (
            "“We will rebuild,” she said. “It will take years.”",
            &["“We will rebuild,” she said.", "“It will take years.”"],
        ),
        (
            "“It is over.” The crowd cheered.",
            &["“It is over.”", "The crowd cheered."],
        ),
        (
            "He said: “We won. We are grateful.” Then he left.",
            &["He said: “We won. We are grateful.”", "Then he left."],
        ),
        (
            "“Is this the end?” she asked.",
            &["“Is this the end?” she asked."],
        ),
        (
            "“Never again!” he shouted at the crowd.",
            &["“Never again!” he shouted at the crowd."],
        ),
        (
            "\"Enough,\" he said. \"We leave now.\"",
            &["\"Enough,\" he said.", "\"We leave now.\""],
        ),
        (
            "The talks (held in Oslo.) ended.",
            &["The talks (held in Oslo.) ended."],
        ),
        (
            "Heading without punctuation",
            &["Heading without punctuation"],
        ),
        ("8,000 arrested", &["8,000 arrested"]),
        (
            "The plan failed. Nobody knows why",
            &["The plan failed.", "Nobody knows why"],
        ),
        (
            "It happened at 10 a.m. on Monday.",
            &["It happened at 10 a.m. on Monday."],
        ),
        (
            "The strike began at 6 p.m. Workers walked out.",
            &["The strike began at 6 p.m.", "Workers walked out."],
        ),
        (
            "John F. Kennedy was elected in 1960.",
            &["John F. Kennedy was elected in 1960."],
        ),
        (
            "George W. Bush spoke. Laura Bush did not.",
            &["George W. Bush spoke.", "Laura Bush did not."],
        ),
        (
            "Acme Inc. reported a loss. Shares fell.",
            &["Acme Inc. reported a loss.", "Shares fell."],
        ),
        (
            "Smith & Co. Ltd. was fined.",
            &["Smith & Co. Ltd. was fined."],
        ),
        (
            "Visit example.com for details. It is free.",
            &["Visit example.com for details.", "It is free."],
        ),
        (
            "The U.N. Security Council met. It adjourned.",
            &["The U.N. Security Council met.", "It adjourned."],
        ),
        (
            "The E.U. and the U.K. agreed.",
            &["The E.U. and the U.K. agreed."],
        ),
        (
            "No. 10 Downing Street issued a statement.",
            &["No. 10 Downing Street issued a statement."],
        ),
        (
            "He wrote vol. 2 of the series.",
            &["He wrote vol. 2 of the series."],
        ),
        (
            "Officials, e.g. the mayor, attended.",
            &["Officials, e.g. the mayor, attended."],
        ),
        (
            "Several groups, i.e. unions, objected.",
            &["Several groups, i.e. unions, objected."],
        ),
        (
            "They sell fruit, vegetables, etc. and bread.",
            &["They sell fruit, vegetables, etc. and bread."],
        ),
        (
            "The storm hit... Then silence.",
            &["The storm hit...", "Then silence."],
        ),
        (
            "The storm hit… Then silence.",
            &["The storm hit…", "Then silence."],
        ),
        (
            "Wait — what? Nobody answered.",
            &["Wait — what?", "Nobody answered."],
        ),
        (
            "Rep. Ocasio-Cortez (D-N.Y.) voted no.",
            &["Rep. Ocasio-Cortez (D-N.Y.) voted no."],
        ),
        (
            "The Rev. Martin spoke. Hundreds listened.",
            &["The Rev. Martin spoke.", "Hundreds listened."],
        ),
        (
            "Asked why, he said: no comment.",
            &["Asked why, he said: no comment."],
        ),
        (
            "A. The first option. B. The second option.",
            &["A. The first option.", "B. The second option."],
        ),
        (
            "It rose 3 pct. in May. Analysts were surprised.",
            &["It rose 3 pct. in May.", "Analysts were surprised."],
        ),
        (
            "The court ruled 5-4. Justice Kagan dissented.",
            &["The court ruled 5-4.", "Justice Kagan dissented."],
        ),
        (
            "Kazakhstan’s President spoke. He blamed “terrorists.”",
            &["Kazakhstan’s President spoke.", "He blamed “terrorists.”"],
        ),
        (
            "Is it there?Kazakhstan has borders.",
            &["Is it there?", "Kazakhstan has borders."],
        ),
        ("One.  Two.", &["One.", "Two."]),
    ];
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got: Vec<&str> = split(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        if got != *expected {
            failures.push(format!("{text:?}\n   got {got:?}\n  want {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn long_blocks_are_cut_without_losing_text() {
    let text = "Officials said the count rose again. ".repeat(2000);
    let spans = split(&text);
    assert_eq!(spans.len(), 2000);
    check(
        "Officials said the count rose again.",
        &["Officials said the count rose again."],
    );
    let one_line = "word ".repeat(50_000);
    let spans = split(one_line.trim_end());
    let covered: usize = spans.iter().map(|(s, e)| text_len(&one_line[*s..*e])).sum();
    assert_eq!(covered, 50_000);
}

fn text_len(s: &str) -> usize {
    s.split_whitespace().count()
}
