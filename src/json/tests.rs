//! Unit tests of the JSON reader: values, borrowing, escapes, every syntax error.

use super::*;

fn parse(text: &str) -> std::result::Result<Value<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    let v = p.value()?;
    p.finish()?;
    Ok(v)
}

#[test]
fn reads_values_and_borrows_plain_strings() {
    let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\n", "c": "plain"} "#).unwrap();
    let o = v.as_object().unwrap();
    let Some(Value::Array(items)) = o.get("a") else { panic!() };
    assert_eq!(items.len(), 5);
    let Value::Number(n) = &items[1] else { panic!() };
    assert_eq!((n.as_f64(), n.to_string(), n.as_u64()), (-2500.0, "-2.5e3".to_owned(), None));
    for (text, value) in [("1", 1.0), ("1.5", 1.5), ("0.25", 0.25), ("12e-1", 1.2), ("2E+2", 200.0), ("-0", 0.0)] {
        let Ok(Value::Number(n)) = parse(text) else { panic!("{text}") };
        assert!((n.as_f64() - value).abs() < 1e-12, "{text}: {}", n.as_f64());
    }
    // Short fractions (versions, ratings) read as the nearest double, so they
    // print as they were written.
    for (text, value) in [("1.2", 1.2), ("1.1", 1.1), ("0.1", 0.1), ("2.71", 2.71), ("-4.5", -4.5), ("12e-1", 1.2)] {
        let Ok(Value::Number(n)) = parse(text) else { panic!("{text}") };
        assert_eq!(n.as_f64(), value, "{text}");
    }
    assert_eq!(o.get("b"), Some(&Value::String(Cow::Owned("xé\n".to_owned()))));
    assert!(matches!(o.get("c"), Some(Value::String(Cow::Borrowed("plain")))));
}

#[test]
fn surrogate_pairs_and_last_key_wins() {
    let v = parse(r#"{"k": "\ud83d\ude00", "k": 2}"#).unwrap();
    assert_eq!(v.as_object().unwrap().get("k").map(Value::type_name), Some("a number"));
    let v = parse(r#""\ud83d\ude00""#).unwrap();
    assert_eq!(v, Value::String(Cow::Owned("😀".to_owned())));
}

#[test]
fn errors_have_line_column_and_reason() {
    let cases = [
        ("{\n  \"a\": 1,,\n}", 2, 10, "expected a key in double quotes"),
        ("[1 2]", 1, 4, "expected `,` or `]`"),
        ("{\"a\" 1}", 1, 6, "expected `:` after the key"),
        ("[01]", 1, 3, "expected `,` or `]`"),
        ("\"é\tx\"", 1, 3, "a control character (like a raw newline or tab) inside a string: write it as \\n or \\t"),
        ("[1,]", 1, 4, "expected a value"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("[\"\\x\"]", 1, 4, "an unknown escape: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
        ("\"\\ud800\"", 1, 8, "a \\u escape of half a character (a lone surrogate)"),
        ("[1e999]", 1, 2, "a number too large to use"),
        ("{\"a\": [1, 2", 1, 12, "unexpected end of the text"),
        ("{} x", 1, 4, "unexpected text after the end of the bundle"),
        ("", 1, 1, "unexpected end of the text"),
    ];
    for (text, line, column, message) in cases {
        let e = parse(text).unwrap_err();
        assert_eq!((e.line, e.column, e.message), (line, column, message), "{text:?}");
    }
}

#[test]
fn depth_is_limited() {
    let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&ok).is_ok());
    let mut p = Parser::new(&deep);
    assert!(p.skip_array().is_err());
}

#[test]
fn skipping_checks_syntax_and_gives_the_span() {
    let text = r#"  [ {"a": "b\"c"}, [1, 2] ] , "#;
    let mut p = Parser::new(text);
    assert_eq!(p.skip_array().unwrap(), (2, 2));
    assert_eq!((p.pos, p.peek_byte()), (27, Some(b',')), "the cursor is just past the array");
    assert_eq!(Parser::new(" [ ] ").skip_array().unwrap(), (1, 0));
    assert!(Parser::new("[1,]").skip_array().is_err());
    assert!(Parser::new("[1, {\"a\" 2}]").skip_array().is_err());
    assert_eq!(Parser::new(" {\"a\":1}").skip_array().unwrap_err().message, "expected an array");
    let mut p = Parser::new(text);
    assert_eq!(p.skip_value().unwrap(), 2..27);
    assert_eq!(Parser::new(r#" "x\"y" "#).skip_value().unwrap(), 1..7);
    assert!(Parser::new("{\"a\":}").skip_value().is_err());
}

#[test]
fn elements_walk_an_array_without_building_it() {
    let text = r#"[ {"k": 1}, [2, 3], "four" ]"#;
    let mut p = Parser::new(text);
    let mut spans = Vec::new();
    p.elements(|p| p.skip_value().map(|s| spans.push(&text[s]))).unwrap();
    assert_eq!(spans, [r#"{"k": 1}"#, "[2, 3]", r#""four""#]);
    assert_eq!(p.peek_byte(), None);
    assert_eq!(Parser::new("{}").elements(|p| p.skip_value().map(drop)).unwrap_err().message, "expected an array");
    let e = Parser::new("[1 2]").elements(|p| p.skip_value().map(drop)).unwrap_err();
    assert_eq!(e.offset, 3);
}

#[test]
fn arrays_walk_one_element_at_a_time() {
    let mut p = Parser::new("[ 1 , \"two\" , [3] ]");
    assert!(p.enter_array());
    let mut got = Vec::new();
    let mut first = true;
    while let Some(v) = p.next_element(first).unwrap() {
        got.push(v.type_name());
        first = false;
    }
    assert_eq!(got, ["a number", "a string", "an array"]);
    let mut p = Parser::new("[1 2]");
    assert!(p.enter_array());
    assert!(p.next_element(true).unwrap().is_some());
    assert_eq!(p.next_element(false).unwrap_err().message, "expected `,` or `]`");
}

#[test]
fn quote_escapes_like_json() {
    assert_eq!(quote("a\"b\\c\td\u{1}"), r#""a\"b\\c\td\u0001""#);
}
