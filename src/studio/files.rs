//! A file the editor opens — dropped on the page or picked — read through the
//! same importers as `claim-cards import`: a bundle, a folder of CSV files
//! (several files, or one zip), fact-check markup (ClaimReview in HTML pages
//! or JSON-LD), a Fact Check Tools API response. An HTML page with no
//! ClaimReview in it is an article, to draft. Markup is only read as text.

use super::doc::Work;
use crate::convert::{claimreview, csv, factcheck, Imported};
use serde_json::Value;
use std::io::Read;

/// A file as the browser gives it.
#[derive(Debug, Clone)]
pub struct Picked {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What opening gave.
#[derive(Debug)]
pub enum Opened {
    /// A bundle to edit, and what the importer had to say (`file:line: …`).
    Work { work: Work, notes: Vec<String>, format: Format },
    /// An article's text or HTML, to draft.
    Article(String),
}

/// The kind of file opened, to tell the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bundle,
    Csv,
    ClaimReview,
    FactCheckApi,
}

/// The most a zip may unpack to (its CSV files), against zip bombs.
const UNZIPPED_LIMIT: u64 = 50 * 1024 * 1024;

/// Opens the files given together; `Err` says what is wrong, and nothing in
/// the editor changes.
pub fn open(files: &[Picked]) -> Result<Opened, String> {
    let Some(first) = files.first() else { return Err("no file was given".into()) };
    let lower = |f: &Picked| f.name.to_lowercase();
    if files.len() == 1 && lower(first).ends_with(".zip") {
        let entries = unzip(first)?;
        let folder = first.name.trim_end_matches(".zip").trim_end_matches(".ZIP");
        return imported(csv::import_files(folder, &entries), Format::Csv);
    }
    if files.iter().any(|f| lower(f).ends_with(".csv")) {
        let entries: Vec<(String, Vec<u8>)> = files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
        return imported(csv::import_files("", &entries), Format::Csv);
    }
    let mut inputs = Vec::new();
    for f in files {
        let text = String::from_utf8(f.bytes.clone()).map_err(|_| {
            format!("{}: this is not a text file (it is not UTF-8): open a bundle, CSV, zip, HTML or JSON file", f.name)
        })?;
        if text.trim().is_empty() {
            return Err(format!("{}: the file is empty", f.name));
        }
        inputs.push(claimreview::Input { name: f.name.clone(), text });
    }
    if inputs.len() == 1 && lower(first).ends_with(".txt") {
        return Ok(Opened::Article(inputs.remove(0).text));
    }
    let options = claimreview::Options::default();
    let json = |i: &claimreview::Input| serde_json::from_str::<Value>(i.text.trim_start_matches('\u{feff}')).ok();
    match (inputs.len(), json(&inputs[0])) {
        // Parsed once: the object is the bundle, as it is.
        (1, Some(Value::Object(bundle))) if is_bundle(&bundle) => {
            Ok(Opened::Work { work: Work { bundle, ..Work::default() }, notes: Vec::new(), format: Format::Bundle })
        }
        (_, Some(v)) if is_factcheck_api(&v) => imported(factcheck::import(&inputs, &options), Format::FactCheckApi),
        (_, Some(_)) => imported(claimreview::import(&inputs, &options), Format::ClaimReview),
        (_, None) if inputs[0].text.trim_start().starts_with('<') => {
            let found = claimreview::import(&inputs, &options);
            let none = found.bundle.as_ref().is_none_or(|b| b.claims.is_empty());
            if none && inputs.len() == 1 {
                // A page with no fact-check in it: an article.
                return Ok(Opened::Article(inputs.remove(0).text));
            }
            imported(found, Format::ClaimReview)
        }
        (_, None) => {
            // Not JSON: say where, as the loader does.
            let err = Work::from_bundle_text(&inputs[0].text).err().unwrap_or_default();
            Err(format!("{}: this is not JSON or HTML ({err})", inputs[0].name))
        }
    }
}

fn is_bundle(o: &serde_json::Map<String, Value>) -> bool {
    o.get("version").is_some_and(Value::is_number) || (o.contains_key("speakers") && o.contains_key("claims"))
}

/// A `claims:search` response, or a list of them.
fn is_factcheck_api(v: &Value) -> bool {
    let response = |v: &Value| {
        v.get("claims").and_then(Value::as_array).is_some_and(|c| c.iter().any(|c| c.get("claimReview").is_some()))
    };
    match v {
        Value::Array(pages) => !pages.is_empty() && pages.iter().all(response),
        other => response(other),
    }
}

fn imported(i: Imported, format: Format) -> Result<Opened, String> {
    let notes: Vec<String> = i.notes.iter().map(ToString::to_string).collect();
    let errors = i.notes.iter().any(|n| n.severity == crate::problem::Severity::Error);
    match i.bundle {
        // Nothing but errors: refused, with them.
        Some(b) if b.claims.is_empty() && errors => Err(notes.join("\n")),
        Some(_) => {
            let work = Work::from_bundle_text(&i.json)?;
            Ok(Opened::Work { work, notes, format })
        }
        None if notes.is_empty() => Err("nothing in the file could be read as claims".into()),
        None => Err(notes.join("\n")),
    }
}

/// The CSV files of a zip (any folder in it), by name.
fn unzip(file: &Picked) -> Result<Vec<(String, Vec<u8>)>, String> {
    let bad = |e: &dyn std::fmt::Display| format!("{}: this zip cannot be read: {e}", file.name);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(file.bytes.as_slice())).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| bad(&e))?;
        let name = entry.name().to_owned();
        if entry.is_dir() || !name.to_lowercase().ends_with(".csv") || name.contains("__MACOSX") {
            continue;
        }
        total += entry.size();
        if total > UNZIPPED_LIMIT {
            return Err(format!("{}: its CSV files are over {} MB unpacked", file.name, UNZIPPED_LIMIT >> 20));
        }
        let mut bytes = Vec::new();
        entry.take(UNZIPPED_LIMIT).read_to_end(&mut bytes).map_err(|e| bad(&e))?;
        out.push((name, bytes));
    }
    if out.is_empty() {
        return Err(format!("{}: there is no CSV file in this zip", file.name));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::publish;

    fn picked(name: &str, text: &str) -> Picked {
        Picked { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    fn work(o: Opened) -> (Work, Format) {
        match o {
            Opened::Work { work, format, .. } => (work, format),
            Opened::Article(_) => panic!("an article"),
        }
    }

    #[test]
    fn a_bundle_opens_as_it_is() {
        let text = include_str!("../../static/bundles/us-hamas-talks.json");
        let (w, f) = work(open(&[picked("b.json", text)]).unwrap());
        assert_eq!(f, Format::Bundle);
        assert_eq!(w, Work::from_bundle_text(text).unwrap());
    }

    #[test]
    fn a_csv_zip_written_by_publish_opens_again_as_the_same_bundle() {
        let text = include_str!("../../static/bundles/us-hamas-talks.json");
        let bundle = crate::load::load(text).bundle.unwrap();
        let zip = publish::csv_zip(&bundle).unwrap();
        let (w, f) = work(open(&[Picked { name: "claims.zip".into(), bytes: zip }]).unwrap());
        assert_eq!(f, Format::Csv);
        assert_eq!(crate::load::load(&w.text()).bundle.unwrap(), bundle);
    }

    #[test]
    fn fact_check_markup_and_api_responses_open_through_their_importers() {
        let page = include_str!("../../tests/fixtures/import/claimreview/lantern-debate.html");
        let (w, f) = work(open(&[picked("page.html", page)]).unwrap());
        assert_eq!(f, Format::ClaimReview);
        assert!(!w.list("claims").is_empty());
        let api = include_str!("../../tests/fixtures/import/factcheck-api/search-harbor.json");
        let (w, f) = work(open(&[picked("api.json", api)]).unwrap());
        assert_eq!(f, Format::FactCheckApi);
        assert!(!w.list("claims").is_empty());
    }

    #[test]
    fn a_page_without_fact_checks_is_an_article_to_draft() {
        let page = "<html><body><h1>T</h1><p>“Yes,” she said.</p></body></html>";
        assert!(matches!(open(&[picked("a.html", page)]).unwrap(), Opened::Article(_)));
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        let err = |files: &[Picked]| match open(files) {
            Err(e) => e,
            Ok(_) => panic!("opened"),
        };
        assert!(err(&[picked("b.json", "{\n  \"version\": 1,\n  \"claims\": [\n}")])
            .starts_with("b.json: this is not JSON"));
        assert!(err(&[Picked { name: "x.bin".into(), bytes: vec![0xff, 0xfe, 0] }]).contains("not UTF-8"));
        assert!(err(&[picked("e.json", "  ")]).contains("empty"));
        assert!(err(&[Picked { name: "x.zip".into(), bytes: b"PK nope".to_vec() }]).contains("zip cannot be read"));
        assert!(err(&[picked("speakers.csv", "id,name\n")]).contains("claims.csv"));
    }
}
