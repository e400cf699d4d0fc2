//! The native command-line tool.
//!
//! * `claim-cards validate [--json] FILE...` — checks claim bundles the way
//!   the widget reads them, and prints every problem with its place.
//! * `claim-cards render [--page] BUNDLE [options]` — prints the widget's
//!   HTML for a bundle, made by the same components, to paste into an article
//!   (or a whole standalone page); its problems go to stderr as `validate`
//!   prints them.
//! * `claim-cards import claimreview|factcheck-api|csv INPUT... [-o FILE]` —
//!   a bundle from fact-check markup, Fact Check Tools API answers or a folder
//!   of CSV files; what cannot be mapped goes to stderr, per item.
//! * `claim-cards export csv BUNDLE DIR` / `export jsonld BUNDLE` — a bundle
//!   as CSV files, or as schema.org JSON-LD for the article's page.
//! * `claim-cards draft ARTICLE|-` — a draft bundle from an article's text or
//!   HTML: who said what, through which channel, with each claim's evidence.
//! * `claim-cards element attributes|manifest|types` — for the build: the
//!   element's attribute lists (JSON, written into the embed's JavaScript),
//!   its Custom Elements Manifest and its TypeScript types (`element.rs`).
//!
//! Exit status: 0 when every claim can be shown (warnings allowed), 1 when a
//! claim was skipped or a file could not be read, 2 on a usage error.

mod archive;
mod convert;
mod draft;
mod render;
mod validate;

use claim_cards::element::{self, Change};
use claim_cards::view::Param;
use std::process::ExitCode;
use validate::Report;

const USAGE: &str = "\
usage: claim-cards validate [--json] FILE...
       claim-cards render [--page] BUNDLE [--src URL] [--assets URL] [--lang en|vi]
                          [--theme light|dark|auto] [--view QUERY] [--bundle-origins LIST]
                          [--jsonld] [--oembed-url URL]
       claim-cards render --oembed BUNDLE --src URL --assets URL
       claim-cards import claimreview FILE... [-o OUT] [--title TITLE] [--url URL]
       claim-cards import factcheck-api FILE... [-o OUT] [--title TITLE] [--url URL]
       claim-cards import csv DIR [-o OUT]
       claim-cards export csv BUNDLE DIR
       claim-cards export jsonld BUNDLE
       claim-cards draft ARTICLE|- [--title T] [--url URL] [--publisher NAME]
                         [--published YYYY-MM-DD] [--lang en|vi]
       claim-cards element attributes|manifest|types
       claim-cards archive build BUNDLE|DIR... -o OUT [--update] [--pack-size N]
       claim-cards archive search OUT [--q TEXT] [--speaker ID] [--topic ID] ...
                                  [--from DATE] [--to DATE] [--relevance] [--json]

validate checks claim bundles (format v1) and prints every problem:
  FILE:LINE:COL: error: ...                  a JSON syntax error
  FILE: claims[3] (id \"c4\"): error: ...      a claim that will not be shown
  FILE: sources[0] (id \"s1\"): warning: ...   shown, but a value was dropped
then a summary line per file. --json prints the same as one JSON document.

render prints the widget for BUNDLE as HTML: one <claim-cards> element to paste
into an article, every card readable before (and without) JavaScript, which the
widget takes over when it starts. --page prints a whole standalone page instead.
  --src URL       where the live widget loads the bundle from (default: the
                  bundle goes inline, in the element)
  --assets URL    the base URL of the widget's files (where claim-cards.js is)
  --lang, --theme the widget's language and theme
  --view QUERY    the view to show, as the standalone page's query string
                  (speaker=donald-trump&q=hamas)
  --bundle-origins LIST
                  where a script may point the element (the page's ?bundle=):
                  \"self\" and origins, space-separated; anything else is refused
  --jsonld        also the claims as schema.org JSON-LD (a script before the
                  element; in the page's head with --page)
  --oembed-url URL
                  with --page: the page advertises its oEmbed document there
  --oembed        print the bundle's oEmbed document instead (its iframe embed:
                  --assets, where embed.html is, and --src, absolute URLs)
The bundle's problems go to stderr, as validate prints them.

import writes a bundle (to OUT, or stdout) from schema.org ClaimReview markup
(JSON-LD files, saved HTML pages), Fact Check Tools API claims:search answers,
or a folder of CSV files (claims.csv, speakers.csv, sources.csv, and optional
topics.csv, article.csv); everything it could not map goes to stderr, per item.
export writes a bundle as those CSV files, or prints it as schema.org JSON-LD.

draft writes a draft bundle (format 1.2) from an article (a .txt or .html file,
or - for standard input): who said what, through which channel, each claim
with its evidence (paragraph, character ranges, confidence, rule) for the
editor to check. A summary goes to stderr; exit 1 when nobody is quoted.
--published resolves days such as \"on Tuesday\"; --lang is guessed if absent.

archive build writes a static archive of every claim of the bundles (files, or
folders of .json files) into OUT: archive.json names every other file, each
named by its content, so all but archive.json can be cached forever. A broken
bundle is reported as validate reports it and skipped. --update adds or
replaces the given bundles (an article is known by its URL) in an existing
archive. --pack-size is the length of a pack of cards in units of 256 bytes
(default 12288: 3 MB). archive search asks OUT a question the way the widget does and
prints the results, the facet counts and the files it read.

Exit status: 0 all claims valid, 1 claims skipped (or items left out by
import) or a file unreadable, 2 usage error.

For the build: claim-cards element attributes prints the element's attribute
lists as JSON ({\"params\": [...], \"lists\": [...], \"remount\": [...],
\"options\": [...], \"start\": [...], \"flags\": [...], \"urls\": [...]}); element manifest its custom-elements.json; element types
its claim-cards.d.ts.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    if rest.iter().any(|a| a == "-h" || a == "--help") && !rest.iter().any(|a| a == "--") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match args.first().map(String::as_str) {
        Some("validate") => validate(rest),
        Some("render") => match render::Options::parse(rest) {
            Ok(options) => render::run(&options),
            Err(message) => usage(&message),
        },
        Some("draft") => draft::run(rest),
        Some("import") => convert::import(rest),
        Some("export") => convert::export(rest),
        Some("element") => element(rest),
        Some("archive") => archive::run(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage(&format!("unknown command \"{other}\"")),
        None => usage("no command given"),
    }
}

/// `claim-cards element attributes|manifest|types`: the element's vocabulary for the build.
fn element(args: &[String]) -> ExitCode {
    let out = match args {
        [what] if what == "attributes" => {
            let names = |values: element::Values| -> Vec<&str> {
                element::attributes().into_iter().filter(|a| a.values == values).map(|a| a.name).collect()
            };
            let lists: Vec<&str> =
                Param::ALL.iter().filter(|p| matches!(p, Param::Facet(_))).map(|p| p.name()).collect();
            serde_json::json!({
                "params": Param::names(),
                // An archive view's page-URL parameters (the widget's, and its dates and publisher).
                "archiveParams": claim_cards::archive::session::PARAMS,
                "lists": lists,
                "remount": element::attribute_names(Change::Remount),
                "options": element::attribute_names(Change::Options),
                "start": element::attribute_names(Change::Start),
                "flags": names(element::Values::Flag),
                "urls": names(element::Values::Url),
            })
            .to_string()
        }
        [what] if what == "manifest" => match serde_json::to_string_pretty(&element::manifest("claim-cards.js")) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("claim-cards: {e}");
                return ExitCode::FAILURE;
            }
        },
        [what] if what == "types" => element::types(env!("CARGO_PKG_VERSION")),
        _ => return usage("element takes one of: attributes, manifest, types"),
    };
    println!("{}", out.trim_end());
    ExitCode::SUCCESS
}

pub fn usage(message: &str) -> ExitCode {
    eprintln!("claim-cards: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn validate(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    let mut only_files = false;
    for arg in args {
        match arg.as_str() {
            "--json" if !only_files => json = true,
            "--" if !only_files => only_files = true,
            flag if flag.starts_with('-') && flag.len() > 1 && !only_files => {
                return usage(&format!("unknown option \"{flag}\""))
            }
            file => files.push(file.to_owned()),
        }
    }
    if files.is_empty() {
        return usage("no FILE given");
    }
    let reports: Vec<Report> = files.iter().map(|f| Report::of(f)).collect();
    let failed = reports.iter().any(Report::failed);
    let mut out = std::io::stdout().lock();
    let written =
        if json { validate::write_json(&mut out, &reports) } else { validate::write_text(&mut out, &reports) };
    if written.is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(if failed { 1 } else { 0 })
}
