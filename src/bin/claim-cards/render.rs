//! `claim-cards render`: the widget's HTML for a bundle (see `claim_cards::render`).

use crate::validate::{write_text, Report};
use claim_cards::components::Theme;
use claim_cards::i18n::Lang;
use claim_cards::render::{self, Render};
use claim_cards::view::ViewState;
use std::io::Write;
use std::process::ExitCode;

/// The command line of `render`: the bundle's file, what to print, and what
/// to render (its `text` is read by [`run`]).
pub struct Options {
    pub bundle: String,
    pub page: bool,
    /// Also the claims as schema.org JSON-LD.
    pub jsonld: bool,
    /// The oEmbed document instead of HTML.
    pub oembed: bool,
    pub render: Render,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o =
            Options { bundle: String::new(), page: false, jsonld: false, oembed: false, render: Render::default() };
        let r = &mut o.render;
        let mut bundle = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--page" => o.page = true,
                "--jsonld" => o.jsonld = true,
                "--oembed" => o.oembed = true,
                "--oembed-url" => {
                    let url = value("--oembed-url")?;
                    if claim_cards::load::check_url(&url).is_err() {
                        return Err(format!("--oembed-url must be an absolute http(s) URL, not \"{url}\""));
                    }
                    r.oembed = Some(url);
                }
                "--src" => r.src = Some(value("--src")?),
                "--assets" => r.assets = value("--assets")?,
                "--lang" => {
                    let tag = value("--lang")?;
                    let lang = Lang::from_tag(&tag);
                    if lang.tag() != tag {
                        return Err(format!("--lang must be en or vi, not \"{tag}\""));
                    }
                    r.lang = Some(lang);
                }
                "--theme" => {
                    let name = value("--theme")?;
                    r.theme = Theme::parse(&name);
                    if r.theme.as_str() != name {
                        return Err(format!("--theme must be light, dark or auto, not \"{name}\""));
                    }
                }
                "--view" => {
                    let query = value("--view")?;
                    let pairs: Vec<(String, String)> =
                        form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned().collect();
                    r.view = ViewState::from_query_pairs(&pairs);
                }
                "--bundle-origins" => {
                    let list = value("--bundle-origins")?;
                    for origin in list.split_whitespace() {
                        let ok = origin == "self"
                            || ((origin.starts_with("https://") || origin.starts_with("http://"))
                                && !origin
                                    .split_once("//")
                                    .is_some_and(|(_, rest)| rest.is_empty() || rest.contains(['/', '?', '#', '@'])));
                        if !ok {
                            return Err(format!("--bundle-origins takes \"self\" and origins like https://cdn.example, not \"{origin}\""));
                        }
                    }
                    r.bundle_origins = Some(list.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option \"{flag}\"")),
                file if bundle.is_none() => bundle = Some(file.to_owned()),
                _ => return Err("render takes one BUNDLE".to_owned()),
            }
        }
        o.bundle = bundle.ok_or("no BUNDLE given")?;
        if o.oembed && (o.page || o.jsonld) {
            return Err("--oembed prints the oEmbed document alone: not with --page or --jsonld".to_owned());
        }
        if o.render.oembed.is_some() && !o.page {
            return Err("--oembed-url is the standalone page's discovery link: use it with --page".to_owned());
        }
        Ok(o)
    }
}

/// Prints the HTML on stdout and the bundle's problems on stderr.
pub fn run(o: &Options) -> ExitCode {
    let report = Report::of(&o.bundle);
    let _ = write_text(&mut std::io::stderr().lock(), std::slice::from_ref(&report));
    // An unreadable file still gives an element: the error card, never nothing.
    let text = match &report.result {
        Ok((text, _)) => text.clone(),
        Err(e) => format!("cannot read {}: {e}", o.bundle),
    };
    let r = Render { text, ..o.render.clone() };
    if o.oembed {
        return match render::oembed(&r) {
            Ok(json) => {
                let _ = writeln!(std::io::stdout().lock(), "{json}");
                ExitCode::from(if report.failed() { 1 } else { 0 })
            }
            Err(message) => crate::usage(&message),
        };
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        eprintln!("claim-cards: cannot start the renderer");
        return ExitCode::from(1);
    };
    let mut html = runtime.block_on(async {
        if o.page {
            render::page(&r).await
        } else {
            render::element(&r, false).await
        }
    });
    let bundle = report.result.as_ref().ok().and_then(|(_, loaded)| loaded.bundle.as_ref());
    if let (true, Some(bundle)) = (o.jsonld, bundle) {
        let script = claim_cards::convert::jsonld::script(bundle);
        html = match html.find("</head>") {
            Some(at) if o.page => format!("{}{script}\n{}", &html[..at], &html[at..]),
            _ => format!("{script}\n{html}"),
        };
    }
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{html}").is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(if report.failed() { 1 } else { 0 })
}
