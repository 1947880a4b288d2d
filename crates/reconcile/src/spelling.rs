//! Spelling and transliteration variants of one name: `Massimov`/`Masimov`,
//! `Tokayev`/`Toqaev`, `Nazarbayev`/`Nazarbaev`. A name written in another alphabet
//! reaches English news through several transliteration systems, and a reporter's slip
//! drops or doubles a letter; both give forms of one name that an exact key keeps apart.
//!
//! Two words are variants when their spelling skeletons are equal (the letters that
//! transliteration systems write differently made one: doubled letters, `y`/`i`,
//! `kh`/`h`, `q`/`gh`/`k`, `dzh`/`j`, `ou`/`u`, `w`/`v`, a leading `ye`/`e`; diacritics are
//! already gone in [`fold`](crate::text::fold)), or when the words are long (6+ letters)
//! and one letter apart. A gendered ending (`Petrov`/`Petrova`, `Kowalski`/`Kowalska`)
//! is never a variant: those are usually two people of one family, the safer reading.
//! Pure functions of their input; the entities module decides where they apply.

/// Shortest word (in letters) on which a one-letter difference is taken for a slip:
/// on shorter words one letter is too large a share (`Kim`/`Kin`, `Lopez`/`Lopes`).
const SLIP_MIN_LETTERS: usize = 6;

/// The spelling skeleton of one folded, lower-case word.
pub fn skeleton(word: &str) -> String {
    let mut w = word.to_string();
    // A leading Cyrillic `Е` is written `ye` or `e` (`Yerlan`/`Erlan`, `Yevgeny`/`Evgeny`).
    if let Some(rest) = w.strip_prefix("ye")
        && !rest.is_empty()
    {
        w = format!("e{rest}");
    }
    // Letter groups that transliteration systems write differently.
    for (from, to) in [
        ("dzh", "j"),
        ("kh", "h"),
        ("gh", "k"),
        ("q", "k"),
        ("ou", "u"),
        ("w", "v"),
    ] {
        w = w.replace(from, to);
    }
    let chars: Vec<char> = w.chars().collect();
    let vowel = |c: Option<&char>| c.is_some_and(|c| "aeiou".contains(*c));
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'y' {
            // `-ayev`/`-aev`: a `y` between vowels is a glide some systems leave out;
            // elsewhere `y` and `i` are one letter (`Sadykov`/`Sadikov`, `Dmitriy`/`Dmitri`).
            if i > 0 && vowel(chars.get(i - 1)) && vowel(chars.get(i + 1)) {
                continue;
            }
            out.push('i');
        } else {
            out.push(c);
        }
    }
    // Doubled letters (`Massimov`/`Masimov`, `Dmitrii`/`Dmitri`) count once.
    out.dedup();
    out.into_iter().collect()
}

/// `a` and `b` differ only by a feminine ending: one is the other with a final `a`
/// added (`Petrov`/`Petrova`), or the two differ only in a last letter one of them
/// writes `a` (`Kowalski`/`Kowalska`).
fn gendered(a: &str, b: &str) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.strip_suffix('a') == Some(a) {
        return true;
    }
    a.len() == b.len()
        && a.len() > 1
        && a[..a.len() - 1] == b[..b.len() - 1]
        && (a.ends_with('a') || b.ends_with('a'))
}

/// `a` and `b` differ only at the end, where one makes a demonym of the other's place
/// (`Valdoria`/`Valdorian`, `Montesas`/`Montesan`): a word of another kind, not a spelling.
fn demonym(a: &str, b: &str) -> bool {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    common + 1 >= a.len().max(b.len()) && (a.ends_with("an") || b.ends_with("an"))
}

/// Why two different folded words are spellings of one name, or `None` when they are
/// not (equal words are not variants: they are the same spelling).
pub fn word_variant(a: &str, b: &str) -> Option<&'static str> {
    if a == b || gendered(a, b) || demonym(a, b) {
        return None;
    }
    if skeleton(a) == skeleton(b) {
        return Some("transliteration");
    }
    let letters = a.chars().count().min(b.chars().count());
    if letters >= SLIP_MIN_LETTERS && strsim::levenshtein(a, b) == 1 {
        return Some("one-letter slip");
    }
    None
}

/// Two given names agree: the same, variants, or one is the other's initial.
fn given_agrees(a: &str, b: &str) -> bool {
    let initial = |x: &str, y: &str| x.chars().count() == 1 && y.starts_with(x);
    a == b || initial(a, b) || initial(b, a) || word_variant(a, b).is_some()
}

/// Why two person names (folded words, titles dropped, surname last) are spellings of
/// one person's name, or `None`. The surnames must be variants or equal; when both give
/// first names, they must agree word for word (so `Ana Ruiz` and `Pablo Ruiz` stay two
/// people); at least one word must be spelled differently.
pub fn person_variant(a: &[String], b: &[String]) -> Option<&'static str> {
    let ((a_last, a_given), (b_last, b_given)) = (a.split_last()?, b.split_last()?);
    let surname = word_variant(a_last, b_last);
    if surname.is_none() && a_last != b_last {
        return None;
    }
    if a_given.is_empty() || b_given.is_empty() {
        return surname;
    }
    if a_given.len() != b_given.len()
        || !a_given.iter().zip(b_given).all(|(x, y)| given_agrees(x, y))
    {
        return None;
    }
    // The first spelled difference names the kind of variant.
    surname.or_else(|| {
        a_given
            .iter()
            .zip(b_given)
            .find_map(|(x, y)| word_variant(x, y))
    })
}

/// Why two names of places, organizations or other things (folded words) are
/// spellings of one name, or `None`: the same number of words, all equal but exactly
/// one, which is a variant (`Qarachay`/`Gharachay`; `Department of Defence`/`Defense`).
pub fn other_variant(a: &[String], b: &[String]) -> Option<&'static str> {
    if a.len() != b.len() {
        return None;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
    let (x, y) = differing.next()?;
    if differing.next().is_some() {
        return None;
    }
    word_variant(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<String> {
        crate::text::words(s)
    }

    #[test]
    fn words_that_are_variants() {
        // (a, b, why)
        let cases = [
            ("Brassinov", "Brasinov", "transliteration"),
            ("Okayev", "Oqaev", "transliteration"),
            ("Vandarbayev", "Vandarbaev", "transliteration"),
            ("Sarykov", "Sarikov", "transliteration"),
            ("Andreiy", "Andrey", "transliteration"),
            ("Khalimov", "Halimov", "transliteration"),
            ("Qadiri", "Ghadiri", "transliteration"),
            ("Dzhanbek", "Janbek", "transliteration"),
            ("Boulatov", "Bulatov", "transliteration"),
            ("Wolkova", "Volkova", "transliteration"),
            ("Yelmira", "Elmira", "transliteration"),
            ("Zélinskiy", "Zelinski", "transliteration"),
            ("Okafor", "Okafour", "one-letter slip"),
            ("Brandell", "Brendell", "one-letter slip"),
        ];
        for (a, b, why) in cases {
            let (a, b) = (&ws(a)[0], &ws(b)[0]);
            assert_eq!(word_variant(a, b), Some(why), "{a}/{b}");
            assert_eq!(word_variant(b, a), Some(why), "{b}/{a}");
        }
    }

    #[test]
    fn words_that_are_not_variants() {
        let cases = [
            // A feminine ending is another person of the family, not a slip.
            ("Petrov", "Petrova"),
            ("Kowalski", "Kowalska"),
            // A demonym is another word for the place.
            ("Valdoria", "Valdorian"),
            ("Montesas", "Montesan"),
            // One letter is too much of a short name.
            ("Lopez", "Lopes"),
            ("Kim", "Kin"),
            // Two letters apart on a long name: another name.
            ("Okafor", "Okoafur"),
            ("Marston", "Martin"),
            // The same spelling is not a variant.
            ("Okafor", "Okafor"),
        ];
        for (a, b) in cases {
            let (a, b) = (&ws(a)[0], &ws(b)[0]);
            assert_eq!(word_variant(a, b), None, "{a}/{b}");
        }
    }

    #[test]
    fn person_names() {
        let yes = [
            ("Chidi Okafor", "Chidi Okafour"),
            ("Okafor", "Chidi Okafour"),
            ("Yerbol Tashenov", "Erbol Tashenov"),
            ("Mohammad Hossein Ardalani", "Mohammed Hussein Ardalani"),
            ("R. Nurgaliyeva", "Roza Nurgalieva"),
        ];
        for (a, b) in yes {
            assert!(person_variant(&ws(a), &ws(b)).is_some(), "{a}/{b}");
        }
        let no = [
            // Two first names: two people sharing a surname.
            ("Ana Ruiz", "Pablo Ruiz"),
            ("Maria Lopez", "Carlos Lopez"),
            ("Ivan Petrov", "Ivan Petrova"),
            // The same name is not a variant of itself.
            ("Chidi Okafor", "Chidi Okafor"),
            // One given name against two.
            ("Ana Maria Okafor", "Ana Okafour"),
            ("Chidi Okafor", "Chidi Nwankwo"),
        ];
        for (a, b) in no {
            assert_eq!(person_variant(&ws(a), &ws(b)), None, "{a}/{b}");
        }
    }

    #[test]
    fn other_names() {
        assert_eq!(
            other_variant(&ws("Qarabulak"), &ws("Gharabulak")),
            Some("transliteration")
        );
        assert_eq!(
            other_variant(&ws("Department of Defence"), &ws("Department of Defense")),
            Some("one-letter slip")
        );
        assert_eq!(
            other_variant(&ws("Ministry of Health"), &ws("Ministry of Finance")),
            None
        );
        assert_eq!(
            other_variant(&ws("North Harbour"), &ws("South Harbor")),
            None
        );
        assert_eq!(
            other_variant(&ws("Port Valdez"), &ws("Port Valdez Authority")),
            None
        );
    }
}
