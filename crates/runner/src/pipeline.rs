//! Pipeline files (`pipelines/<name>.toml`): where input comes from, where output goes,
//! and each stage's settings.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// A pipeline file as written. Unknown keys are errors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineFile {
    /// Input folder (default `seeds`), relative to the project root.
    pub input: Option<PathBuf>,
    /// Output folder (default `out/<pipeline name>`), relative to the project root.
    pub output: Option<PathBuf>,
    /// `[ingest]` settings.
    pub ingest: ingest::IngestConfig,
    /// `[normalize]` settings.
    pub normalize: normalize::NormalizeConfig,
    /// `[extract]` settings.
    pub extract: extract::ExtractConfig,
    /// `[reconcile]` settings.
    pub reconcile: reconcile::ReconcileConfig,
    /// `[report]` settings.
    pub report: report::ReportConfig,
}

/// A pipeline ready to run: paths resolved, command-line overrides applied.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Name (the file stem).
    pub name: String,
    /// The pipeline file.
    pub file: PathBuf,
    /// Input folder.
    pub input: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Stage settings.
    pub settings: PipelineFile,
}

/// The project root: the folder holding the workspace `Cargo.toml`.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the runner lives in crates/runner of the project root")
        .to_path_buf()
}

/// Finds a pipeline by name (`default` is `pipelines/default.toml`) or path.
pub fn locate(name_or_path: &str, root: &Path) -> PathBuf {
    let as_path = Path::new(name_or_path);
    if name_or_path.ends_with(".toml") || as_path.components().count() > 1 {
        as_path.to_path_buf()
    } else {
        root.join("pipelines").join(format!("{name_or_path}.toml"))
    }
}

/// Parses a pipeline file's text and checks every stage setting's range; the error
/// names the file, the line and the key (and, for a value out of range, the values
/// the key allows).
pub fn parse(text: &str, file: &Path) -> Result<PipelineFile> {
    let parsed: PipelineFile = toml::from_str(text).map_err(|err| {
        let location = err
            .span()
            .map(|span| describe_location(text, span.start))
            .unwrap_or_default();
        anyhow::anyhow!(
            "invalid pipeline file {}{location}: {}",
            file.display(),
            err.message().trim()
        )
    })?;
    let stages = [
        ("ingest", parsed.ingest.check()),
        ("normalize", parsed.normalize.check()),
        ("extract", parsed.extract.check()),
        ("reconcile", parsed.reconcile.check()),
        ("report", parsed.report.check()),
    ];
    let bad: Vec<String> = stages
        .into_iter()
        .flat_map(|(table, bad)| bad.into_iter().map(move |b| (table, b)))
        .map(|(table, b)| {
            let line = key_line(text, table, b.key)
                .map(|n| format!("line {n}, "))
                .unwrap_or_default();
            format!(
                "{line}key `{table}.{}` = {} is out of range (allowed: {})",
                b.key, b.value, b.allowed
            )
        })
        .collect();
    if !bad.is_empty() {
        bail!(
            "invalid pipeline file {}: {}",
            file.display(),
            bad.join("; ")
        );
    }
    Ok(parsed)
}

/// The line (from 1) where `key` is set inside `[table]`, if it is written there.
fn key_line(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') && line.ends_with(']') {
            current = line
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_string();
        } else if current == table
            && line
                .split_once('=')
                .is_some_and(|(k, _)| k.trim().trim_matches('"') == key)
        {
            return Some(i + 1);
        }
    }
    None
}

/// ` at line N (key `table.key`)` for a byte position in a TOML text.
fn describe_location(text: &str, pos: usize) -> String {
    let pos = pos.min(text.len());
    let line_no = text[..pos].matches('\n').count() + 1;
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    match line.split_once('=') {
        Some((key, _)) if !key.trim().is_empty() && !key.trim_start().starts_with('#') => {
            let key = key.trim();
            let full = match table {
                Some(t) => format!("{t}.{key}"),
                None => key.to_string(),
            };
            format!(" at line {line_no} (key `{full}`)")
        }
        _ => format!(" at line {line_no}"),
    }
}

/// Loads a pipeline and applies `--input` / `--out` (relative to the current folder).
pub fn load(name_or_path: &str, input: Option<&Path>, out: Option<&Path>) -> Result<Pipeline> {
    let root = project_root();
    let file = locate(name_or_path, &root);
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read pipeline file {}", file.display()))?;
    let settings = parse(&text, &file)?;
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "default".into());
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let input = match input {
        Some(dir) => cwd.join(dir),
        None => inside_project(
            &root,
            &file,
            "input",
            settings
                .input
                .clone()
                .unwrap_or_else(|| PathBuf::from("seeds")),
        )?,
    };
    let output = match out {
        Some(dir) => cwd.join(dir),
        None => inside_project(
            &root,
            &file,
            "output",
            settings
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("out").join(&name)),
        )?,
    };
    if !input.is_dir() {
        bail!(
            "input folder {} does not exist or is not a folder (pipeline {})",
            input.display(),
            file.display()
        );
    }
    let input_abs = input
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", input.display()))?;
    let output_abs = absolute_lexical(&output);
    if output_abs.starts_with(&input_abs) {
        bail!(
            "output folder {} is inside the input folder {}: reports would be read back as articles (pipeline {})",
            output.display(),
            input.display(),
            file.display()
        );
    }
    if input_abs.starts_with(&output_abs) {
        bail!(
            "input folder {} is inside the output folder {}: the run would delete or overwrite articles (pipeline {})",
            input.display(),
            output.display(),
            file.display()
        );
    }
    Ok(Pipeline {
        name,
        file,
        input,
        output,
        settings,
    })
}

/// Resolves a folder named by a pipeline file against the project root, refusing one
/// that leaves the project (absolute, or climbing out with `..`, or through a symlink):
/// a pipeline file someone hands over must not make a run read or write elsewhere
/// unless the user says so on the command line.
fn inside_project(root: &Path, file: &Path, key: &str, dir: PathBuf) -> Result<PathBuf> {
    let flag = if key == "input" { "--input" } else { "--out" };
    if dir.is_absolute() || dir.has_root() {
        bail!(
            "pipeline file {}: `{key}` = {:?} is an absolute path; a pipeline file may only name folders inside the project ({}): give it on the command line with {flag} instead",
            file.display(),
            dir.display().to_string(),
            root.display()
        );
    }
    let mut depth = 0usize;
    for component in dir.components() {
        match component {
            std::path::Component::ParentDir if depth == 0 => bail!(
                "pipeline file {}: `{key}` = {:?} leaves the project folder ({}): give it on the command line with {flag} instead",
                file.display(),
                dir.display().to_string(),
                root.display()
            ),
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let joined = root.join(&dir);
    let resolved = absolute_lexical(&joined);
    let root_resolved = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !resolved.starts_with(&root_resolved) {
        bail!(
            "pipeline file {}: `{key}` = {:?} leads out of the project folder ({}) through a symbolic link: give it on the command line with {flag} instead",
            file.display(),
            dir.display().to_string(),
            root.display()
        );
    }
    Ok(joined)
}

/// Makes a path absolute without requiring it to exist, resolving the deepest
/// existing ancestor through symlinks.
fn absolute_lexical(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_err(text: &str, expected: &[&str]) {
        let err = parse(text, Path::new("pipelines/bad.toml"))
            .unwrap_err()
            .to_string();
        for part in expected {
            assert!(err.contains(part), "{err:?} should contain {part:?}");
        }
    }

    #[test]
    fn the_default_pipeline_parses() {
        let root = project_root();
        let file = root.join("pipelines/default.toml");
        let parsed = parse(&std::fs::read_to_string(&file).unwrap(), &file).unwrap();
        assert_eq!(parsed.input, Some(PathBuf::from("seeds")));
        assert_eq!(parsed.ingest, ingest::IngestConfig::default());
        assert_eq!(parsed.normalize, normalize::NormalizeConfig::default());
        assert_eq!(parsed.extract, extract::ExtractConfig::default());
        assert_eq!(parsed.reconcile, reconcile::ReconcileConfig::default());
        assert_eq!(parsed.report, report::ReportConfig::default());
    }

    #[test]
    fn unknown_keys_name_file_line_and_key() {
        check_err(
            "input = \"seeds\"\n\n[ingest]\nmax_bytes = 3\n",
            &["pipelines/bad.toml", "line 4", "max_bytes"],
        );
        check_err("colour = 1\n", &["line 1", "colour"]);
    }

    #[test]
    fn wrong_types_name_file_line_and_key() {
        check_err(
            "[ingest]\nmax_file_bytes = \"big\"\n",
            &["pipelines/bad.toml", "line 2", "max_file_bytes"],
        );
    }

    fn check_dir(dir: &str, expected: Result<&str, &[&str]>) {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("seeds/sub")).unwrap();
        let got = inside_project(
            root.path(),
            Path::new("pipelines/p.toml"),
            "output",
            PathBuf::from(dir),
        );
        match (got, expected) {
            (Ok(path), Ok(rel)) => assert_eq!(path, root.path().join(rel)),
            (Err(err), Err(parts)) => {
                let err = err.to_string();
                for part in parts {
                    assert!(err.contains(part), "{err:?} should contain {part:?}");
                }
            }
            (got, expected) => panic!("{dir}: got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn pipeline_paths_stay_inside_the_project() {
        check_dir("out/default", Ok("out/default"));
        check_dir("seeds/sub/../x", Ok("seeds/sub/../x"));
        check_dir(
            "../elsewhere",
            Err(&[
                "pipelines/p.toml",
                "`output`",
                "leaves the project",
                "--out",
            ]),
        );
        check_dir("out/../../x", Err(&["leaves the project"]));
        check_dir("/tmp/x", Err(&["absolute path", "--out"]));
    }

    #[test]
    fn a_symlink_out_of_the_project_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("link")).unwrap();
        let err = inside_project(
            root.path(),
            Path::new("p.toml"),
            "input",
            PathBuf::from("link/x"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }

    #[test]
    fn values_out_of_range_name_file_line_key_and_range() {
        check_err(
            "[reconcile]\nstory_days = 10\nquote_dice = 7.5\n",
            &[
                "pipelines/bad.toml",
                "line 3",
                "`reconcile.quote_dice`",
                "7.5",
                "allowed: 0 to 1",
            ],
        );
        check_err(
            "[reconcile]\nstory_similarity = -1.0\n",
            &["line 2", "`reconcile.story_similarity`", "0 to 1"],
        );
        check_err(
            "[reconcile]\ntimeline_dice = nan\n",
            &["`reconcile.timeline_dice`", "NaN"],
        );
        check_err(
            "[ingest]\nmax_file_bytes = 0\n",
            &["line 2", "`ingest.max_file_bytes`", "1 or more"],
        );
        check_err(
            "[normalize]\ncorpus_min_sources = 1\n",
            &["`normalize.corpus_min_sources`", "2 or more"],
        );
        check_err(
            "[extract]\nmin_quote_words = 0\n",
            &["`extract.min_quote_words`"],
        );
        check_err("[report]\npage_stories = 0\n", &["`report.page_stories`"]);
    }

    #[test]
    fn malformed_toml_is_an_error_with_a_line() {
        check_err("input = \"seeds\n", &["pipelines/bad.toml", "line 1"]);
    }
}
