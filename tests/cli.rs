//! The command-line tool: `validate` (exact output for every fixture, exit codes,
//! --json), `render` (its HTML, problems and exit codes), `import` and
//! `export` (files, exit codes, what goes to stderr), `draft` and `params`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claim-cards"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the claim-cards binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn demo_bundles_are_valid() {
    let (code, out, _) = run(&[
        "validate",
        "static/bundles/harbor-fact-checks.json",
        "static/bundles/us-hamas-talks.json",
        "static/bundles/us-hamas-talks.vi.json",
    ]);
    assert_eq!(
        out,
        "static/bundles/harbor-fact-checks.json: 10 claims valid, 0 skipped\n\
         static/bundles/us-hamas-talks.json: 17 claims valid, 0 skipped\n\
         static/bundles/us-hamas-talks.vi.json: 5 claims valid, 0 skipped\n"
    );
    assert_eq!(code, 0);
}

/// Every `tests/fixtures/bad/NAME.json` prints exactly `NAME.expected`.
#[test]
fn bad_fixtures_print_exactly_the_expected_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let rel = format!("tests/fixtures/bad/{}", path.file_name().unwrap().to_str().unwrap());
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        let (code, out, _) = run(&["validate", &rel]);
        assert_eq!(out, expected, "output for {rel}");
        assert_eq!(code, 1, "exit code for {rel}");
        checked += 1;
    }
    assert!(checked >= 4, "fixtures found: {checked}");
}

#[test]
fn warnings_alone_exit_zero() {
    let dir = std::env::temp_dir().join(format!("cc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("warn.json");
    std::fs::write(
        &file,
        r#"{"version":1,"speakers":[{"id":"a","name":"A","image":"javascript:x"}],
            "sources":[{"id":"s","name":"S"}],
            "claims":[{"id":"c","text":"T","speaker":"a","sources":["s"]}]}"#,
    )
    .unwrap();
    let (code, out, _) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("speakers[0] (id \"a\"): warning: \"image\" \"javascript:x\" is not an http: or https: link"));
    assert!(out.ends_with(": 1 claims valid, 0 skipped, 1 warning\n"), "{out}");
}

#[test]
fn unreadable_file_exits_one() {
    let (code, out, _) = run(&["validate", "tests/fixtures/does-not-exist.json"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("tests/fixtures/does-not-exist.json: error: cannot read: "), "{out}");
}

#[test]
fn usage_errors_exit_two() {
    for args in [&[][..], &["validate"][..], &["check", "x.json"][..], &["validate", "--strict", "x.json"][..]] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains("usage: claim-cards validate"), "{err}");
    }
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("usage:"));
}

#[test]
fn json_output_has_the_same_problems() {
    let (code, out, _) =
        run(&["validate", "--json", "tests/fixtures/bad/broken-claims.json", "tests/fixtures/bad/syntax-error.json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["ok"], false);
    let first = &doc["files"][0];
    assert_eq!(first["valid_claims"], 2);
    assert_eq!(first["skipped_claims"], 11);
    let problems = first["problems"].as_array().unwrap();
    let text_lines = std::fs::read_to_string("tests/fixtures/bad/broken-claims.expected").unwrap().lines().count();
    assert_eq!(problems.len(), text_lines - 1, "one JSON problem per text line, less the summary");
    let c2 = problems.iter().find(|p| p["id"] == "c2").unwrap();
    assert_eq!(c2["severity"], "error");
    assert_eq!(c2["kind"], "item");
    assert_eq!(c2["list"], "claims");
    assert_eq!(c2["index"], 1);
    assert_eq!(c2["field"], "speaker");
    assert_eq!(c2["message"], "speaker \"nobody\" is not defined");
    let syntax = &doc["files"][1]["problems"][0];
    assert_eq!(
        (syntax["kind"].as_str(), syntax["line"].as_u64(), syntax["column"].as_u64()),
        (Some("syntax"), Some(4), Some(35))
    );
}

/// `--json` prints each problem in the shape `tests/fixtures/problems.json`
/// records (every kind of place). The embed's events carry the same shape:
/// `tests/web.rs` checks them against the same file.
#[test]
fn json_problems_have_the_recorded_shape() {
    let recorded: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/problems.json")).expect("problems.json is JSON");
    let recorded = recorded.as_object().unwrap();
    assert_eq!(recorded.len(), 4);
    for (name, problems) in recorded {
        let (_, out, _) = run(&["validate", "--json", &format!("tests/fixtures/bad/{name}")]);
        let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(&doc["files"][0]["problems"], problems, "{name}");
    }
}

#[test]
fn element_prints_the_attribute_lists_for_the_build() {
    let (code, out, _) = run(&["element", "attributes"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(
        doc["params"],
        serde_json::json!(["speaker", "source", "topic", "kind", "verdict", "q", "sort", "group"])
    );
    assert_eq!(doc["lists"], serde_json::json!(["speaker", "source", "topic", "kind", "verdict"]));
    assert_eq!(
        doc["archiveParams"],
        serde_json::json!(["speaker", "source", "topic", "kind", "verdict", "publisher", "q", "from", "to", "sort"])
    );
    assert_eq!(doc["remount"], serde_json::json!(["src", "archive", "bundle-origins"]));
    assert_eq!(doc["options"], serde_json::json!(["lang", "theme", "heading-level", "share-url"]));
    assert_eq!(doc["start"], serde_json::json!(["sync-url", "loading"]));
    assert_eq!(doc["flags"], serde_json::json!(["sync-url"]));
    assert_eq!(doc["urls"], serde_json::json!(["src", "archive", "share-url"]));
    for bad in [&["element"][..], &["element", "x"], &["element", "types", "x"]] {
        assert_eq!(run(bad).0, 2, "{bad:?}");
    }
}

#[test]
fn element_prints_its_manifest_and_types() {
    let (code, out, _) = run(&["element", "manifest"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let class = &doc["modules"][0]["declarations"][0];
    assert_eq!(class["tagName"], "claim-cards");
    let names = |key: &str| -> Vec<String> {
        class[key].as_array().expect(key).iter().map(|v| v["name"].as_str().unwrap_or_default().to_owned()).collect()
    };
    assert!(names("attributes").contains(&"verdict".to_owned()));
    assert_eq!(names("events"), ["claimcards:ready", "claimcards:filterchange", "claimcards:error"]);
    let (code, types, _) = run(&["element", "types"]);
    assert_eq!(code, 0);
    assert!(types.contains("\"claim-cards\": ClaimCardsElement;"), "{types}");
    assert!(types.contains("export type ClaimCardsSort = \"article\" | \"date\" | \"speaker\";"), "{types}");
}

#[test]
fn render_prints_the_element_and_reports_problems_as_validate_does() {
    let (code, out, err) =
        run(&["render", "static/bundles/us-hamas-talks.json", "--src", "b.json", "--assets", "/cc/"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(r#"<claim-cards src="b.json"><template shadowrootmode="open">"#), "{out}");
    assert!(out.trim_end().ends_with("</claim-cards>"));
    assert_eq!(out.matches("data-claim-id=").count(), 17);
    assert_eq!(err, "static/bundles/us-hamas-talks.json: 17 claims valid, 0 skipped\n");

    // A bundle with broken claims: the valid ones rendered, the problems on
    // stderr exactly as validate prints them, and validate's exit status.
    let (code, out, err) = run(&["render", "tests/fixtures/bad/broken-claims.json"]);
    assert_eq!(code, 1);
    assert_eq!(err, std::fs::read_to_string("tests/fixtures/bad/broken-claims.expected").unwrap());
    assert_eq!(out.matches("data-claim-id=").count(), 2);
    assert!(out.contains(r#"<script type="application/json">"#), "no --src: the bundle goes inline");

    // Nothing to show: the error card, never an empty element.
    for bundle in ["tests/fixtures/bad/syntax-error.json", "tests/fixtures/does-not-exist.json"] {
        let (code, out, err) = run(&["render", bundle, "--src", "b.json"]);
        assert_eq!(code, 1, "{bundle}");
        assert!(out.contains(r#"class="cc-error""#), "{bundle}: {out}");
        assert!(err.starts_with(bundle), "{err}");
    }
}

#[test]
fn render_takes_a_view_language_theme_and_page() {
    let (code, out, _) = run(&[
        "render",
        "static/bundles/us-hamas-talks.json",
        "--view",
        "?speaker=donald-trump&q=Hamas&sort=date",
        "--lang",
        "vi",
        "--theme",
        "dark",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with(r#"<claim-cards lang="vi" theme="dark" speaker="donald-trump" q="Hamas" sort="date">"#));
    assert_eq!(out[..out.find("</template>").unwrap()].matches("data-claim-id=").count(), 2);
    let (code, out, _) = run(&["render", "--page", "static/bundles/us-hamas-talks.vi.json"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<!doctype html>\n<html lang=\"vi\">"));
    assert!(out.contains("heading-level=\"1\" sync-url loading=\"eager\""));
}

#[test]
fn render_usage_errors_exit_2() {
    for args in [
        &["render"][..],
        &["render", "a.json", "b.json"],
        &["render", "a.json", "--lang", "fr"],
        &["render", "a.json", "--theme", "blue"],
        &["render", "a.json", "--src"],
        &["render", "a.json", "--size", "2"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty() && err.contains("usage: claim-cards validate"), "{args:?}: {err}");
    }
}

/// A fresh folder under the system's temporary one.
fn temp(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cc-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn import_writes_a_bundle_that_validates_and_says_the_rest_on_stderr() {
    let out_file = temp("import").with_extension("json");
    let (code, out, err) = run(&[
        "import",
        "claimreview",
        "tests/fixtures/import/claimreview/transit-graph.jsonld",
        "--title",
        "Transit checks",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        err,
        "tests/fixtures/import/claimreview/transit-graph.jsonld: /@graph/1: warning: \"reviewRating.ratingValue\" \"n/a\" is not a number: the verdict has no scale\n\
         tests/fixtures/import/claimreview/transit-graph.jsonld: /@graph/3: warning: \"itemReviewed.appearance[1]\" has neither a URL nor a name; this appearance is left out\n\
         claim-cards: 3 claims, 3 speakers, 5 sources\n"
    );
    let (code, out, _) = run(&["validate", out_file.to_str().unwrap()]);
    assert_eq!((code, out), (0, format!("{}: 3 claims valid, 0 skipped\n", out_file.display())));
    std::fs::remove_file(&out_file).unwrap();
    // An item left out: exit 1, the bundle still written (to stdout here).
    let (code, out, err) = run(&["import", "factcheck-api", "tests/fixtures/import/factcheck-api/search-pages.json"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("{\n  \"version\": 1.1,"), "{out}");
    assert!(err.contains("[1].claims[1]: error: no \"claimReview\""), "{err}");
    assert!(err.ends_with("claim-cards: 3 claims, 3 speakers, 3 sources; 1 item left out\n"), "{err}");
    // Usage errors.
    for args in [
        &["import"][..],
        &["import", "yaml", "x"][..],
        &["import", "csv"][..],
        &["import", "csv", "a", "b"][..],
        &["export", "csv", "x.json"][..],
        &["export", "pdf", "x"][..],
    ] {
        assert_eq!(run(args).0, 2, "{args:?}");
    }
    assert_eq!(run(&["import", "claimreview", "tests/fixtures/does-not-exist.json"]).0, 1);
}

#[test]
fn export_csv_then_import_csv_through_the_command_line() {
    let dir = temp("csv");
    let (code, _, err) = run(&["export", "csv", "static/bundles/harbor-fact-checks.json", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["article.csv", "claims.csv", "sources.csv", "speakers.csv"], "no labels, no topics.csv");
    let claims = std::fs::read_to_string(dir.join("claims.csv")).unwrap();
    assert!(
        claims.starts_with("\u{feff}id,text,speaker,sources,kind,date,topics,paragraph,context,review_rating,"),
        "{claims}"
    );
    let (code, out, err) = run(&["import", "csv", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, std::fs::read_to_string("static/bundles/harbor-fact-checks.json").unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_jsonld_and_render_with_it() {
    let (code, out, _) = run(&["export", "jsonld", "static/bundles/harbor-fact-checks.json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["@graph"].as_array().unwrap().len(), 20, "a claim and a review each");
    let (code, out, _) = run(&["render", "static/bundles/harbor-fact-checks.json", "--jsonld", "--src", "b.json"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("<script type=\"application/ld+json\">\n{\n  \"@context\": \"https://schema.org\","),
        "{out}"
    );
    assert!(out.contains("</script>\n<claim-cards src=\"b.json\">"));
    let (_, page, _) = run(&["render", "--page", "static/bundles/harbor-fact-checks.json", "--jsonld"]);
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.contains("<script type=\"application/ld+json\">"), "in the page's head");
}

#[test]
fn draft_writes_a_bundle_that_validates_and_sums_it_up() {
    let fixture = "tests/fixtures/extract/inverted.txt";
    let (code, out, err) = run(&["draft", fixture, "--published", "2025-03-06", "--publisher", "Test Daily"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("{\n  \"version\": 1.2,"), "{out}");
    assert!(err.contains("3 claims (1 quotes, 2 paraphrases) by 2 speakers"), "{err}");
    let dir = std::env::temp_dir().join(format!("claim-cards-draft-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bundle = dir.join("draft.json");
    std::fs::write(&bundle, &out).unwrap();
    let (code, out, _) = run(&["validate", bundle.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 claims valid, 0 skipped"), "{out}");
    // Inputs with nothing to draft: each its own message, exit 1, no panic.
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"  \n", "it is empty"),
        ("binary.bin", b"\x7fELF\x00\x01\x02", "binary file"),
        ("latin1.txt", b"The mayor said \xe9t\xe9 was over.", "not UTF-8"),
        ("nobody.txt", b"The sun rose. It was warm.", "no attributed statement"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = run(&["draft", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(out.is_empty() && err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let (code, _, err) = run(&["draft", fixture, "--published", "March"]);
    assert_eq!(code, 2, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn render_oembed_prints_the_iframe_embed_and_needs_absolute_urls() {
    let bundle = "static/bundles/us-hamas-talks.json";
    let (code, out, _) = run(&[
        "render",
        "--oembed",
        bundle,
        "--src",
        "https://data.example/b/talks.json",
        "--assets",
        "https://cdn.example/cc",
    ]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["version"], "1.0");
    assert_eq!(doc["type"], "rich");
    let html = doc["html"].as_str().expect("html");
    assert!(
        html.starts_with(
            "<iframe src=\"https://cdn.example/cc/embed.html?bundle=https%3A%2F%2Fdata.example%2Fb%2Ftalks.json\""
        ),
        "{html}"
    );
    assert!(html.contains(&format!("height=\"{}\"", doc["height"])), "{html}");
    // Relative URLs cannot be embedded elsewhere; --oembed-url belongs to a page.
    for args in [
        &["render", "--oembed", bundle, "--src", "b/talks.json", "--assets", "https://cdn.example/"][..],
        &["render", "--oembed", bundle, "--src", "https://data.example/b.json"],
        &["render", "--oembed", "--page", bundle],
        &["render", bundle, "--oembed-url", "https://cdn.example/o.json"],
        &["render", "--page", bundle, "--oembed-url", "o.json"],
    ] {
        assert_eq!(run(args).0, 2, "{args:?}");
    }
    let (code, page, _) =
        run(&["render", "--page", bundle, "--oembed-url", "https://cdn.example/cc/oembed.json", "--src", "b.json"]);
    assert_eq!(code, 0);
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://cdn.example/cc/oembed.json\" title=\""
    ));
}

/// `archive search` reads what the archive view reads, round by round (the
/// benchmark counts the view's rounds with it). A value the archive lacks is named.
#[test]
fn archive_search_reads_the_files_the_view_reads_round_by_round() {
    use claim_cards::archive::format::read_manifest;
    use claim_cards::archive::session::{Choice, Session};
    use claim_cards::archive::MANIFEST;
    let dir = std::env::temp_dir().join(format!("claim-cards-cli-archive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let (code, _, err) = run(&["archive", "build", "static/bundles", "-o", d]);
    assert_eq!(code, 0, "{err}");
    let asked = ["--speaker", "donald-trump", "--topic", "hostages"];
    let (code, out, err) = run(&[&["archive", "search", d, "--json", "--limit", "3"][..], &asked[..]].concat());
    assert_eq!(code, 0, "{err}");
    let cli: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");

    let manifest = read_manifest(&std::fs::read_to_string(dir.join(MANIFEST)).unwrap()).unwrap();
    let mut s = Session::new(manifest, MANIFEST);
    let c = Choice::from_pairs([("speaker", "donald-trump"), ("topic", "hostages")]);
    let mut rounds = vec![vec![MANIFEST.to_owned()]];
    let page = s.answer_from(&dir, &mut rounds, |s| s.page(&c, 3)).unwrap();
    assert!(page.total.n > 0, "the demo bundles have Donald Trump on hostages");
    assert_eq!(cli["total"], serde_json::json!(page.total.n));
    assert_eq!(cli["rounds"], serde_json::json!(rounds));

    let (code, _, err) = run(&["archive", "search", d, "--speaker", "donald-trump", "--topic", "no-such-topic"]);
    assert_eq!(code, 1);
    assert!(err.contains("no topic \"no-such-topic\" in the archive"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
