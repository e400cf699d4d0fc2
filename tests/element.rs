//! The element's vocabulary (`src/element.rs`) against what it describes: the
//! stylesheet's custom properties, the components' parts, the attributes and
//! public members of `static/embed/claim-cards.js`, and the README. The npm
//! package's manifest and types are written from the vocabulary, so these
//! keep them true; `tests/e2e/package.test.mjs` checks the packed package in
//! a browser.

use claim_cards::element::{self, Change, CSS_PROPERTIES, PARTS};
use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `open…close` span's inner text (`part="` … `"`).
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else { break };
        found.push(&after[..end]);
        rest = &after[end..];
    }
    found
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_owned).collect()
}

#[test]
fn the_stylesheet_declares_exactly_the_listed_custom_properties() {
    let css = read("static/claim-cards.css");
    let start = css.find(":host, :root {").expect("the defaults block");
    let block = &css[start..start + css[start..].find("\n}").expect("its end")];
    let declared = set(block.lines().filter_map(|l| l.trim().strip_prefix("--")).filter_map(|l| l.split(':').next()));
    let listed = set(CSS_PROPERTIES.iter().map(|(name, _)| name.trim_start_matches("--")));
    assert_eq!(declared, listed);
    // And each is used somewhere: a listed property that styles nothing would be a lie.
    for (name, _) in CSS_PROPERTIES {
        assert!(css.contains(&format!("var({name})")), "{name} is declared but never used");
    }
}

#[test]
fn the_components_have_exactly_the_listed_parts() {
    let mut found = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(format!("{}/src/components", env!("CARGO_MANIFEST_DIR")))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("components") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("component source");
            found.extend(between(&text, " part=\"", "\"").into_iter().map(str::to_owned));
        }
    }
    assert_eq!(found, set(PARTS.iter().map(|(name, _)| *name)));
}

#[test]
fn the_element_reads_exactly_the_listed_attributes() {
    let js = read("static/embed/claim-cards.js");
    let mut read_by_js = BTreeSet::new();
    for call in ["this.getAttribute('", "this.hasAttribute('"] {
        read_by_js.extend(between(&js, call, "'").into_iter().map(str::to_owned));
    }
    let listed = set(element::attributes().iter().map(|a| a.name));
    // The filters are read through the list the build writes in (FILTERS), not one by one.
    let views = set(element::attribute_names(Change::View));
    let named: BTreeSet<String> = listed.difference(&views).cloned().collect();
    assert_eq!(read_by_js, named);
    assert!(js.contains("static observedAttributes = [...REMOUNT, ...OPTIONS, ...FILTERS];"));
    assert!(js.contains("const REMOUNT = ATTRIBUTES.remount;") && js.contains("const OPTIONS = ATTRIBUTES.options;"));
}

#[test]
fn the_class_has_exactly_the_listed_public_members() {
    let js = read("static/embed/claim-cards.js");
    let class = &js[js.find("export class ClaimCardsElement").expect("the class")..];
    let lifecycle = ["connectedCallback", "disconnectedCallback", "attributeChangedCallback"];
    let mut methods = BTreeSet::new();
    let mut getters = BTreeSet::new();
    for line in class.lines() {
        // Members are indented by two spaces; private ones start with #.
        let Some(member) = line.strip_prefix("  ").filter(|l| !l.starts_with(' ')) else { continue };
        if let Some(name) = member.strip_prefix("get ") {
            getters.insert(name.split('(').next().unwrap_or_default().to_owned());
        } else if let Some((name, _)) = member.split_once('(') {
            let name = name.trim_start_matches("async ");
            if !name.starts_with('#') && !name.contains(' ') && !lifecycle.contains(&name) {
                methods.insert(name.to_owned());
            }
        }
    }
    assert_eq!(methods, set(element::methods().iter().map(|m| m.name)));
    assert_eq!(getters, set([element::FILTERS_PROPERTY.0]));
}

#[test]
fn the_element_finds_an_archive_s_manifest_by_the_name_the_build_writes() {
    // The element resolves `archive` to the manifest (and starts its
    // download) before the archive view's wasm is there to do it.
    let js = read("static/embed/claim-cards.js");
    assert!(js.contains(&format!("const MANIFEST = '{}';", claim_cards::archive::MANIFEST)));
}

#[test]
fn the_readme_documents_every_attribute_event_method_and_part() {
    let readme = read("README.md");
    let mut missing = Vec::new();
    let names = element::attributes()
        .iter()
        .map(|a| a.name.to_owned())
        .chain(element::events().into_iter().map(|e| e.name))
        .chain(element::methods().iter().map(|m| m.name.to_owned()))
        .chain(element::error_reasons().iter().map(|(code, _)| (*code).to_owned()))
        .collect::<Vec<_>>();
    for name in names {
        // `name`, or a call as the README shows it (`el.setFilters(…)`).
        if !readme.contains(&format!("`{name}")) && !readme.contains(&format!("`el.{name}(")) {
            missing.push(name);
        }
    }
    for (part, _) in PARTS {
        if !readme.contains(&format!(" {part} "))
            && !readme.contains(&format!("({part} "))
            && !readme.contains(&format!(" {part})"))
        {
            missing.push(format!("::part({part})"));
        }
    }
    assert!(missing.is_empty(), "README.md does not mention {missing:?}");
}

#[test]
fn the_types_name_every_listed_member_and_event() {
    let types = element::types("0.0.0");
    for m in element::methods() {
        assert!(types.contains(&format!("  {}(", m.name)), "{}", m.name);
    }
    for e in element::events() {
        assert!(types.contains(&format!("\"{}\": CustomEvent<{}>;", e.name, e.detail)), "{}", e.name);
    }
    for a in element::attributes() {
        assert!(types.contains(&format!("\"{}\"?:", a.name)), "{}", a.name);
    }
    for (code, _) in element::error_reasons() {
        assert!(types.contains(&format!("| \"{code}\"")), "{code}");
    }
    // A comment cannot end early: descriptions with "*/" are escaped.
    assert_eq!(types.matches("/**").count(), types.matches("*/").count());
}

#[test]
fn every_failure_has_its_own_code() {
    let codes: Vec<&str> = claim_cards::failure::Failure::ALL.iter().map(|f| f.code()).collect();
    assert_eq!(set(codes.iter().copied()).len(), codes.len());
    let kinds = claim_cards::problem::Place::KINDS;
    assert_eq!(set(kinds).len(), kinds.len());
}
