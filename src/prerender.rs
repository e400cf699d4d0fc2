//! What ties a prerendered widget (`claim-cards render`) to what made it.
//!
//! Yew's hydration adopts the DOM it is given node by node and panics on one
//! it did not expect — in the browser, a dead widget. So the live widget
//! takes a prerender over only when two checks agree, and renders afresh
//! otherwise:
//!
//! * the **fingerprint**: the same build of the widget, the same bundle text
//!   and the same settings (`AppProps::settings_key`) — then its first render
//!   is the prerender's markup, node for node;
//! * the **shape**: the prerendered DOM is still the one the server wrote —
//!   no CMS stripped its comments, no tool wrapped its elements. The shape is
//!   the nesting of elements (by tag) and comments; text is left out, as
//!   hydration rewrites every text node anyway.
//!
//! Both are computed here, for the server (from the HTML it writes) and for
//! the browser (from the DOM, in `embed/mod.rs`), with the same hash.

/// This build of the widget: its version and a hash of its sources (`build.rs`).
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("CLAIM_CARDS_BUILD"));

/// The attribute of the prerender's mount element holding its fingerprint.
pub const FINGERPRINT_ATTR: &str = "data-cc-prerender";
/// The attribute holding its shape.
pub const SHAPE_ATTR: &str = "data-cc-shape";
/// The attribute holding the `src` it was made for (empty: an inline bundle);
/// the element drops a prerender made for another source at once.
pub const SOURCE_ATTR: &str = "data-cc-src";

/// FNV-1a, 64 bits: small and enough to tell two inputs apart (this is not
/// a defence against an attacker, who could write any DOM anyway).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The fingerprint of a render of `bundle_text` (as the widget reads it)
/// with `settings` (`AppProps::settings_key`), by this build.
pub fn fingerprint(bundle_text: &str, settings: &str) -> String {
    Fnv::default()
        .write(BUILD.as_bytes())
        .write(&[0])
        .write(settings.as_bytes())
        .write(&[0])
        .write(bundle_text.as_bytes())
        .hex()
}

/// Builds a shape from a walk of a DOM or of HTML, in document order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape(Fnv);

impl Shape {
    /// An element starts (`tag` in lower case).
    pub fn open(&mut self, tag: &str) {
        self.0 = self.0.write(b"<").write(tag.as_bytes());
    }

    /// The element last opened ends.
    pub fn close(&mut self) {
        self.0 = self.0.write(b">");
    }

    pub fn comment(&mut self, data: &str) {
        self.0 = self.0.write(b"!").write(data.as_bytes()).write(b"!");
    }

    pub fn finish(self) -> String {
        self.0.hex()
    }
}

/// A raw node's markers in Yew's output (the kept region of cards, see
/// `CardList`): hydration adopts what is between them without looking, so a
/// shape leaves it out (and a walk of the DOM does not visit it).
pub const RAW_OPEN: &str = "<#>";
pub const RAW_CLOSE: &str = "</#>";

/// Elements that have no end tag (and no children).
const VOID: [&str; 13] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// The shape of the DOM that `html` — markup as Yew's server renderer writes
/// it: every text and attribute value escaped, no raw-text elements — parses to.
pub fn shape_of_html(html: &str) -> String {
    let mut shape = Shape::default();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").unwrap_or(after.len());
            shape.comment(&after[..end]);
            rest = after.get(end + 3..).unwrap_or("");
            if &after[..end] == RAW_OPEN {
                let close = format!("<!--{RAW_CLOSE}-->");
                rest = rest.find(&close).map_or("", |at| &rest[at..]);
            }
        } else if let Some(after) = rest.strip_prefix("</") {
            shape.close();
            rest = after.find('>').map_or("", |end| &after[end + 1..]);
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name_end =
                rest[1..].find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').map_or(rest.len(), |e| e + 1);
            let tag = rest[1..name_end].to_ascii_lowercase();
            shape.open(&tag);
            rest = skip_tag(&rest[name_end..]);
            if VOID.contains(&tag.as_str()) {
                shape.close();
            }
        } else {
            rest = &rest[1..];
        }
    }
    shape.finish()
}

/// The text after the `>` that ends a start tag, whose attributes may hold
/// `>` inside quotes.
fn skip_tag(mut rest: &str) -> &str {
    loop {
        let Some(at) = rest.find(['>', '"', '\'']) else { return "" };
        let quote = rest.as_bytes()[at];
        rest = &rest[at + 1..];
        if quote == b'>' {
            return rest;
        }
        rest = rest.find(quote as char).map_or("", |end| &rest[end + 1..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_follows_nesting_tags_and_comments_not_text_or_attributes() {
        let a = shape_of_html(r#"<ul class="x"><li title="a > b">one</li><!--c--><li>two<br>x</li></ul>"#);
        assert_eq!(
            a,
            shape_of_html(r#"<ul><li>ONE</li><!--c--><li>2<br>y</li></ul>"#),
            "text and attributes do not count"
        );
        assert_ne!(a, shape_of_html(r#"<ul><li>one</li><li>two<br>x</li></ul>"#), "a comment missing");
        assert_ne!(a, shape_of_html(r#"<ul><li>one</li><!--c--><li>two<br>x</li></ul><p></p>"#), "an element more");
        assert_ne!(a, shape_of_html(r#"<ul><li>one<!--c--></li><li>two<br>x</li></ul>"#), "nested otherwise");
        assert_ne!(a, shape_of_html(r#"<ol><li>one</li><!--c--><li>two<br>x</li></ol>"#), "another tag");
    }

    #[test]
    fn shape_of_a_walk_equals_shape_of_its_html() {
        let mut walk = Shape::default();
        walk.open("div");
        walk.comment("<[App]>");
        walk.open("input");
        walk.close();
        walk.open("p");
        walk.close();
        walk.close();
        let html = r#"<div><!--<[App]>--><input value="<p>" disabled><p>text &lt;b&gt;</p></div>"#;
        assert_eq!(walk.finish(), shape_of_html(html));
    }

    #[test]
    fn fingerprints_differ_with_settings_and_text() {
        let f = fingerprint("{}", "lang=");
        assert_eq!(f, fingerprint("{}", "lang="));
        assert_ne!(f, fingerprint("{ }", "lang="));
        assert_ne!(f, fingerprint("{}", "lang=vi"));
        assert_eq!(f.len(), 16);
    }
}
