//! `claim-cards draft ARTICLE|-`: a draft bundle from an article's text or
//! HTML (src/extract), written to standard output, checked by the loader as
//! `validate` would; a summary goes to standard error.

use claim_cards::convert::write::draft_json;
use claim_cards::date::IsoDate;
use claim_cards::extract::draft;
use claim_cards::load::load;
use claim_cards::model::Article;
use std::io::Read;
use std::process::ExitCode;

/// The largest input read: a long article is 50 KB of text, a saved page with
/// its scripts a few MB.
const MAX_INPUT: usize = 5 * 1024 * 1024;

pub fn run(args: &[String]) -> ExitCode {
    let mut given = Article::default();
    let mut input: Option<&str> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        let result = match arg.as_str() {
            "--title" => value("--title").map(|v| given.title = Some(v)),
            "--url" => value("--url").map(|v| given.url = Some(v)),
            "--publisher" => value("--publisher").map(|v| given.publisher = Some(v)),
            "--published" => value("--published").and_then(|v| {
                IsoDate::parse(&v).map(|d| given.published = Some(d)).map_err(|e| format!("--published: {e}"))
            }),
            "--lang" => value("--lang").map(|v| given.language = Some(v)),
            "-" => {
                input = Some("-");
                Ok(())
            }
            flag if flag.starts_with('-') => Err(format!("unknown option \"{flag}\"")),
            file if input.is_none() => {
                input = Some(file);
                Ok(())
            }
            _ => Err("draft takes one ARTICLE".to_string()),
        };
        if let Err(message) = result {
            return super::usage(&message);
        }
    }
    let Some(name) = input else {
        return super::usage("no ARTICLE given (a .txt or .html file, or - for standard input)");
    };
    let label = if name == "-" { "standard input" } else { name };
    let text = match read(name) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("claim-cards: {label}: {message}");
            return ExitCode::from(1);
        }
    };
    let drafted = match draft(&text, &given) {
        Ok(d) => d,
        Err(failure) => {
            eprintln!("claim-cards: {label}: {failure}");
            return ExitCode::from(1);
        }
    };
    let json = draft_json(&drafted);
    // What the widget would make of it: a draft that does not load is a bug here.
    let loaded = load(&json);
    for problem in &loaded.problems {
        eprintln!("claim-cards: draft of {label}: {problem}");
    }
    if loaded.errors().next().is_some() {
        return ExitCode::from(1);
    }
    print!("{json}");
    let b = &drafted.bundle;
    let doubtful = drafted.evidence.iter().filter(|e| e.confidence < 0.75).count();
    let quotes = b.claims.iter().filter(|c| c.kind == claim_cards::model::ClaimKind::Quote).count();
    eprintln!(
        "{label}: {} claims ({quotes} quotes, {} paraphrases) by {} speakers through {} sources; {doubtful} to check first (confidence below 0.75)",
        b.claims.len(),
        b.claims.len() - quotes,
        b.speakers.len(),
        b.sources.len(),
    );
    ExitCode::SUCCESS
}

/// The article's text: not empty, not binary, UTF-8, and not over [`MAX_INPUT`].
fn read(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(name).map_err(|e| format!("cannot read it: {e}"))?)
    };
    reader.take(MAX_INPUT as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() > MAX_INPUT {
        return Err(format!(
            "more than {} MB; an article is far smaller (is this the right file?)",
            MAX_INPUT / (1024 * 1024)
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("it is empty".into());
    }
    if bytes.contains(&0) {
        return Err("it is a binary file, not an article's text or HTML".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (byte {} is not valid UTF-8); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        )
    })
}
