//! What the Publish step gives out: the bundle file, the prerendered embed
//! (the very HTML `claim-cards render` prints for that file), the iframe
//! embed, the CSV folder as a zip and the JSON-LD.

use crate::convert::{csv, jsonld};
use crate::model::Bundle;
use crate::render::{escape_attr, Render};
use std::io::Write;

/// `<claim-cards …>` as `claim-cards render BUNDLE [--src SRC] [--assets ASSETS]`
/// prints it for the bundle file whose text is `text` (inline without `src`).
pub async fn embed(text: &str, src: &str, assets: &str) -> String {
    let src = src.trim();
    let r = Render {
        text: text.to_owned(),
        src: (!src.is_empty()).then(|| src.to_owned()),
        assets: assets.trim().to_owned(),
        ..Render::default()
    };
    let mut html = crate::render::element(&r, false).await;
    // As the command prints it: one line.
    html.push('\n');
    html
}

/// The iframe embed for CMSes that strip scripts (README, "The iframe").
pub fn iframe(assets: &str, src: &str, title: &str) -> String {
    let assets = assets.trim();
    let base = if assets.is_empty() || assets.ends_with('/') { assets.to_owned() } else { format!("{assets}/") };
    let src = form_query(src.trim());
    let title =
        if title.trim().is_empty() { "Who said what".to_owned() } else { format!("Who said what: {}", title.trim()) };
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%; border:0; height:600px\" loading=\"lazy\"></iframe>\n",
        escape_attr(&format!("{base}embed.html?bundle={src}")),
        escape_attr(&title)
    )
}

/// A URL as a query value: what would end or split the query is escaped.
fn form_query(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '&' => "%26".to_owned(),
            '#' => "%23".to_owned(),
            '+' => "%2B".to_owned(),
            ' ' => "%20".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// The bundle as its CSV files (`claim-cards export csv`), in one zip.
pub fn csv_zip(bundle: &Bundle) -> Result<Vec<u8>, String> {
    let (files, notes) = csv::export_files(bundle)?;
    if let Some(error) = notes.iter().find(|n| n.severity == crate::problem::Severity::Error) {
        return Err(error.to_string());
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// The bundle as schema.org JSON-LD (`claim-cards export jsonld`).
pub fn jsonld(bundle: &Bundle) -> String {
    let mut text = serde_json::to_string_pretty(&jsonld::export(bundle)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iframe_points_at_the_embed_page_with_the_bundle() {
        let html = iframe("https://cdn.example.org/cc", "https://cdn.example.org/b.json?v=1&x=2", "Talks \"now\"");
        assert_eq!(
            html,
            "<iframe src=\"https://cdn.example.org/cc/embed.html?bundle=https://cdn.example.org/b.json?v=1%26x=2\" title=\"Who said what: Talks &quot;now&quot;\" style=\"width:100%; border:0; height:600px\" loading=\"lazy\"></iframe>\n"
        );
    }
}
