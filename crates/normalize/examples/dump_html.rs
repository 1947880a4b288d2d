use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let which = std::env::args().nth(2).unwrap_or_default();
    let gz = std::fs::read(&path).unwrap();
    let mut s = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut s).unwrap();
    let e = match which.as_str() { "t" => normalize::html::Extractor::Trafilatura, "d" => normalize::html::Extractor::DomSmoothie, _ => normalize::html::Extractor::Auto };
    let x = normalize::html::extract_with(&s, e);
    for u in &x.units { println!("{}{} {}", if u.heading {"H"} else {" "}, if u.bullet {"*"} else {" "}, u.text.chars().take(110).collect::<String>()); }
}
