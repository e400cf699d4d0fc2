//! An article as the extractor reads it: its title and its body paragraphs,
//! numbered from 1 as bundles number them (`claim.paragraph`).
//!
//! - **Plain text.** Paragraphs are lines, or blocks separated by blank lines
//!   (a block whose lines are hard-wrapped is one paragraph). A line without
//!   sentence-ending punctuation is a heading or a caption, not a paragraph:
//!   it is not counted, and when it is the first line it is the title.
//!   Trailing lines such as "Source: URL" or "Comment (0)" are not paragraphs.
//! - **HTML** (a page, or a fragment copied from a CMS). `<p>` elements are
//!   paragraphs, the first `<h1>` the title; `figcaption`, `aside`, `nav`,
//!   `script` and `style` are skipped with all they hold. Markup is only
//!   read, as text: nothing in it runs or is kept as HTML.

/// An article's title (when it has one) and body paragraphs, in order:
/// `paragraphs[0]` is paragraph 1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Reads an article, as HTML when it looks like markup, else as text.
pub fn read(input: &str) -> Article {
    let input = input.trim_start_matches('\u{feff}');
    if looks_like_html(input) {
        read_html(input)
    } else {
        read_text(input)
    }
}

/// Markup: it starts with a tag, or holds a paragraph element.
fn looks_like_html(input: &str) -> bool {
    let start = input.trim_start();
    if start.starts_with('<') {
        return true;
    }
    let lower = input.to_ascii_lowercase();
    lower.contains("<p>") || lower.contains("<p ")
}

/// Whether a line ends a sentence: `.`, `!`, `?` or `…`, maybe followed by
/// closing quotes or brackets (`."`, `?”`, `.)`).
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*']);
    trimmed.ends_with(['.', '!', '?', '…', '。'])
}

/// The lines after the body that pages carry: where the text came from, the
/// comment counter.
fn is_trailer(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    ["source:", "nguồn:", "sources:"].iter().any(|p| lower.starts_with(p))
        || ["comment (", "comments (", "bình luận ("].iter().any(|p| lower.starts_with(p) && lower.ends_with(')'))
}

/// One paragraph's text with its white space collapsed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_text(input: &str) -> Article {
    let lines: Vec<&str> = input.lines().collect();
    let has_blank = lines.iter().any(|l| l.trim().is_empty());
    // Candidate paragraphs: each line, or each blank-line-separated block
    // (joined when hard-wrapped).
    let mut blocks: Vec<String> = Vec::new();
    if has_blank {
        for block in lines.split(|l| l.trim().is_empty()).filter(|b| !b.is_empty()) {
            if is_wrapped(block) {
                blocks.push(collapse(&block.join(" ")));
            } else {
                blocks.extend(block.iter().map(|l| collapse(l)));
            }
        }
    } else {
        blocks.extend(lines.iter().map(|l| collapse(l)).filter(|l| !l.is_empty()));
    }
    let mut article = Article::default();
    for (i, block) in blocks.into_iter().enumerate() {
        if ends_sentence(&block) && !is_trailer(&block) {
            article.paragraphs.push(block);
        } else if i == 0 {
            article.title = Some(block);
        }
    }
    article
}

/// A block of lines that is one paragraph broken into lines: every line but
/// the last is long and ends mid-sentence (a heading is short).
fn is_wrapped(block: &[&str]) -> bool {
    block.len() > 1 && block[..block.len() - 1].iter().all(|l| l.trim().chars().count() >= 40 && !ends_sentence(l))
}

/// Elements whose whole content is not the article's body.
const SKIPPED: [&[u8]; 5] = [b"figcaption", b"aside", b"nav", b"script", b"style"];

fn read_html(input: &str) -> Article {
    use html5gum::{Token, Tokenizer};
    let mut article = Article::default();
    // How deep inside skipped elements, and the paragraph or title being read.
    let mut skipped = 0usize;
    let mut paragraph: Option<String> = None;
    let mut title: Option<String> = None;
    for token in Tokenizer::new(input).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                if SKIPPED.contains(&name) {
                    if !tag.self_closing {
                        skipped += 1;
                    }
                } else if skipped > 0 {
                } else if name == b"p" {
                    // A new <p> ends an unclosed one, as in HTML.
                    finish(&mut article, paragraph.replace(String::new()));
                } else if name == b"h1" && article.title.is_none() && title.is_none() {
                    title = Some(String::new());
                } else if name == b"br" {
                    if let Some(p) = &mut paragraph {
                        p.push(' ');
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                if SKIPPED.contains(&name) {
                    skipped = skipped.saturating_sub(1);
                } else if skipped > 0 {
                } else if name == b"p" {
                    finish(&mut article, paragraph.take());
                } else if name == b"h1" {
                    if let Some(t) = title.take().map(|t| collapse(&t)).filter(|t| !t.is_empty()) {
                        article.title = Some(t);
                    }
                }
            }
            Token::String(s) if skipped == 0 => {
                let text = String::from_utf8_lossy(&s.value);
                if let Some(p) = &mut paragraph {
                    p.push_str(&text);
                } else if let Some(t) = &mut title {
                    t.push_str(&text);
                }
            }
            _ => {}
        }
    }
    finish(&mut article, paragraph);
    article
}

/// Keeps a read `<p>` when it holds text and is not a page's trailer line.
fn finish(article: &mut Article, paragraph: Option<String>) {
    if let Some(p) = paragraph.map(|p| collapse(&p)).filter(|p| !p.is_empty() && !is_trailer(p)) {
        article.paragraphs.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_headings_captions_and_trailers() {
        let a = read(
            "Mayor opens the bridge\nThe bridge opened on Monday.\nA new era\nOfficials said it cost less than planned!\n\
             The crowd on the bridge, Monday\n“It is ours,” one resident said.”\nSource: https://example.org/bridge\nComment (0)\n",
        );
        assert_eq!(a.title.as_deref(), Some("Mayor opens the bridge"));
        assert_eq!(
            a.paragraphs,
            [
                "The bridge opened on Monday.",
                "Officials said it cost less than planned!",
                "“It is ours,” one resident said.”"
            ]
        );
    }

    #[test]
    fn blank_line_blocks_and_hard_wrapped_paragraphs() {
        let text = "Headline without a stop\n\nThe council met on Tuesday evening to discuss the new\nbudget, which the mayor presented.\n\nShort heading\n\nShe said it would pass. He agreed.\n";
        let a = read(text);
        assert_eq!(a.title.as_deref(), Some("Headline without a stop"));
        assert_eq!(
            a.paragraphs,
            [
                "The council met on Tuesday evening to discuss the new budget, which the mayor presented.",
                "She said it would pass. He agreed."
            ]
        );
        // A block of one-line paragraphs is not joined.
        let a = read("One said this.\nAnother said that.\n\nA third said more.");
        assert_eq!(a.paragraphs.len(), 3);
    }

    #[test]
    fn html_paragraphs_title_and_skipped_parts() {
        let html = r#"<html><head><title>Page</title><style>p { color: red }</style></head><body>
            <nav><p>Home. News.</p></nav><h1>The <em>real</em> title</h1>
            <figure><img src="x.jpg"><figcaption><p>A caption.</p></figcaption></figure>
            <p>First &amp; foremost, the minister said.</p><aside><p>Read more.</p></aside>
            <p>Second<br>line <script>document.write("<p>evil.</p>")</script>here.<p>Third, unclosed.
            <p>Source: Reuters.</p></body></html>"#;
        let a = read(html);
        assert_eq!(a.title.as_deref(), Some("The real title"));
        assert_eq!(a.paragraphs, ["First & foremost, the minister said.", "Second line here.", "Third, unclosed."]);
        // A fragment copied from a CMS.
        assert_eq!(read("Intro text <p>Only this.</p>").paragraphs, ["Only this."]);
    }

    #[test]
    fn markup_is_only_ever_text() {
        let a = read("<p>&lt;script&gt;alert(1)&lt;/script&gt; was typed.</p>");
        assert_eq!(a.paragraphs, ["<script>alert(1)</script> was typed."]);
    }

    #[test]
    fn sentence_endings() {
        for line in ["Done.", "Done!”", "Really?)", "And so…", "He said “no.”"] {
            assert!(ends_sentence(line), "{line}");
        }
        for line in ["Historical negotiations", "Comment (0)", "Source: https://x.org/a.htm", "He said:"] {
            assert!(!ends_sentence(line), "{line}");
        }
    }
}
