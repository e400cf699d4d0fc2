//! Who a speaker phrase names: a person (with a role from its title words),
//! an organisation, a group, an unnamed source, or someone named before
//! ("Leavitt", "Mr. Trump", "he", "the spokesman").
//!
//! [`Registry`] keeps the people and bodies an article has named, in order,
//! and resolves each new phrase against them. Unnamed sources are their own
//! speakers, never merged with a named person.

use super::lexicon::Lexicon;
use super::tokens::{capitalize, capitalized, tokens};
use crate::model::SpeakerKind;
use crate::text::fold;

/// What a phrase says of its speaker, before it is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Mention {
    Named {
        name: String,
        role: Option<String>,
        kind: SpeakerKind,
    },
    /// One capitalized word ("Leavitt", "Hamas"), or an honorific with one ("Mr. Trump").
    Short {
        word: String,
        honorific: bool,
        role: Option<String>,
    },
    /// "he", "she" (person) or "they", "it" (a body).
    Pronoun {
        person: bool,
    },
    /// "the spokesman", "the agency's emergencies chief".
    Definite {
        text: String,
        head: String,
        /// Begins with "the": it may point back to the person just written about.
        definite: bool,
        /// Its head names a person ("leader", "official"), not a thing.
        person_head: bool,
    },
    /// "a senior Hamas member", "White House officials", "Firefighters".
    Unnamed {
        text: String,
        kind: SpeakerKind,
    },
}

/// How a speaker was found, for the claim's confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Named,
    Short,
    Pronoun,
    Description,
    Unnamed,
}

impl Resolved {
    pub fn confidence(self) -> f64 {
        match self {
            Resolved::Named => 1.0,
            Resolved::Short => 0.95,
            Resolved::Pronoun => 0.85,
            Resolved::Description => 0.7,
            Resolved::Unnamed => 0.8,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub name: String,
    pub role: Option<String>,
    pub kind: SpeakerKind,
}

fn name_words(name: &str) -> Vec<String> {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// Reads a speaker phrase; `role` is one given beside it (an apposition).
pub fn mention(phrase: &str, role: Option<&str>, lex: &Lexicon) -> Mention {
    let role = role.map(|r| strip_the(r).to_string()).filter(|r| !r.is_empty());
    let toks = tokens(phrase, 0);
    let words: Vec<&str> = toks.iter().filter(|t| t.word).map(|t| t.text(phrase)).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let Some(first) = lower.first() else {
        return Mention::Unnamed { text: phrase.to_string(), kind: SpeakerKind::Unnamed };
    };
    if lex.section("pronouns-person").at(&words).is_some_and(|e| e.words.len() == words.len()) {
        return Mention::Pronoun { person: true };
    }
    if words.len() == 1 && lex.section("pronouns-group").has(first) {
        return Mention::Pronoun { person: false };
    }
    // "X with WHO": the name is before "with".
    if let Some(w) = lower.iter().position(|w| w == "with").filter(|&w| w > 0) {
        let cut = toks.iter().filter(|t| t.word).nth(w).map_or(phrase.len(), |t| t.start);
        return mention(phrase[..cut].trim(), role.as_deref(), lex);
    }
    let last = lower.last().map(String::as_str).unwrap_or("");
    let head = last.trim_end_matches("'s").trim_end_matches("’s");
    // "Benjamin Netanyahu's office": the office of a person is a body.
    if head == "office" && words.len() > 1 {
        let owner = mention(&words[..words.len() - 1].join(" "), None, lex);
        let owner = match owner {
            Mention::Named { name, .. } => name,
            Mention::Short { word, .. } => word,
            _ => words[..words.len() - 1].join(" "),
        };
        return Mention::Named {
            name: format!("{} office", owner.trim()),
            role: None,
            kind: SpeakerKind::Organization,
        };
    }
    let is_title = |w: &str| lex.section("titles").has(w) || lex.section("honorifics").has(w);
    let is_org = |w: &str| lex.section("organisation-words").has(w);
    if lex.lang == "vi" {
        if let Some(m) = vietnamese_person(&words, role.clone(), lex) {
            return m;
        }
    }
    // The name: the capitalized words at the end that are not title words.
    let mut n = 0;
    while n < words.len() {
        let w = words[words.len() - 1 - n];
        if !capitalized(w) || is_title(w) || is_org(w) || lex.section("plural-nouns").has(w) {
            break;
        }
        n += 1;
    }
    let before: Vec<&str> = words[..words.len() - n].to_vec();
    let honorific = before.last().is_some_and(|w| lex.section("honorifics").has(w));
    let has_org_word = lower.iter().any(|w| is_org(w.trim_end_matches("'s").trim_end_matches("’s")));
    let determiner = lex.section("unnamed-determiners").has(first) && words.len() > 1;
    let all_proper =
        words.iter().all(|w| capitalized(w) || ["of", "the", "for", "and", "on"].contains(&w.to_lowercase().as_str()));
    let role_before = || {
        let rest: Vec<&str> = before.iter().copied().filter(|w| !lex.section("honorifics").has(w)).collect();
        let rest = if rest.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) { &rest[1..] } else { &rest[..] };
        (!rest.is_empty()).then(|| rest.join(" ")).or(role.clone())
    };
    if n >= 2 && !determiner && !(has_org_word && all_proper) {
        let name = words[words.len() - n..].join(" ");
        return Mention::Named { name, role: role_before(), kind: SpeakerKind::Person };
    }
    if n == 1 && (honorific || !before.is_empty() && before.iter().any(|w| is_title(w)) && !has_org_word) {
        return Mention::Short { word: words[words.len() - 1].to_string(), honorific: true, role: role_before() };
    }
    if words.len() == 1 && capitalized(words[0]) && !lex.section("plural-nouns").has(first) {
        return Mention::Short { word: words[0].to_string(), honorific: false, role };
    }
    let text = strip_the(phrase);
    if determiner {
        return Mention::Unnamed { text: capitalize(phrase), kind: SpeakerKind::Unnamed };
    }
    if lex.section("plural-nouns").has(head) {
        let unnamed = ["officials", "sources", "reports", "members", "diplomats", "people"].contains(&head);
        let kind = if unnamed { SpeakerKind::Unnamed } else { SpeakerKind::Group };
        return Mention::Unnamed { text: capitalize(text), kind };
    }
    if lex.section("person-nouns").has(head) && !capitalized(words[words.len() - 1]) {
        return Mention::Definite {
            text: text.to_string(),
            head: head.to_string(),
            definite: first == "the",
            person_head: lex.section("person-nouns").has(head),
        };
    }
    if has_org_word && (all_proper || capitalized(words[words.len() - 1]) || first == "the") {
        return Mention::Named { name: capitalize(text), role, kind: SpeakerKind::Organization };
    }
    if first == "the" || lex.section("person-nouns").has(head) {
        return Mention::Definite {
            text: text.to_string(),
            head: head.to_string(),
            definite: first == "the",
            person_head: lex.section("person-nouns").has(head),
        };
    }
    if all_proper {
        return Mention::Named { name: text.to_string(), role, kind: SpeakerKind::Organization };
    }
    Mention::Unnamed { text: capitalize(phrase), kind: SpeakerKind::Unnamed }
}

/// "Đại tá Nguyễn Trường Viễn", "ông Nguyễn Văn A", "Bộ trưởng Bộ Y tế Đào Hồng Lan", "ông Khiêm".
fn vietnamese_person(words: &[&str], role: Option<String>, lex: &Lexicon) -> Option<Mention> {
    let start = words.iter().position(|w| lex.section("surnames").has(w) && capitalized(w))?;
    let run = words[start..].iter().take_while(|w| capitalized(w)).count();
    if run >= 2 && start + run == words.len() {
        let before = &words[..start];
        let titles: Vec<&str> = before.iter().copied().filter(|w| !lex.section("honorifics").has(w)).collect();
        let role = (!titles.is_empty()).then(|| titles.join(" ")).or(role);
        return Some(Mention::Named { name: words[start..].join(" "), role, kind: SpeakerKind::Person });
    }
    None
}

fn strip_the(text: &str) -> &str {
    let t = text.trim();
    for the in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(the) {
            return rest;
        }
    }
    t
}

/// The people and bodies of one article, most recent last.
#[derive(Debug, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    recent: Vec<usize>,
    /// The person the sentence before was about, when it named one.
    pub previous_subject: Option<usize>,
    /// The speaker of the last claim.
    pub last_speaker: Option<usize>,
}

impl Registry {
    fn touch(&mut self, i: usize) -> usize {
        self.recent.retain(|&r| r != i);
        self.recent.push(i);
        i
    }

    fn find(&self, test: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.recent.iter().rev().copied().find(|&i| test(&self.entities[i]))
    }

    fn add(&mut self, e: Entity) -> usize {
        self.entities.push(e);
        let i = self.entities.len() - 1;
        self.touch(i)
    }

    /// Notes a person named outside an attribution ("President Trump issued …"), for later pronouns.
    pub fn observe(&mut self, m: &Mention) -> Option<usize> {
        // Only what is surely a person: a name with a title ("President Trump",
        // "Fire Chief Ellen Murray") or one already named. Two capitalized
        // words alone are as often a place ("Key West") or an event.
        let known = |r: &Registry, name: &str| {
            let words = name_words(name);
            r.find(|e| e.kind == SpeakerKind::Person && name_words(&e.name) == words).is_some()
        };
        match m {
            Mention::Named { kind: SpeakerKind::Person, role: Some(_), .. }
            | Mention::Short { honorific: true, .. } => self.resolve(m).map(|(i, _)| i),
            Mention::Named { kind: SpeakerKind::Person, name, .. } if known(self, name) => {
                self.resolve(m).map(|(i, _)| i)
            }
            _ => None,
        }
    }

    /// The entity a mention names, adding it when it is new.
    pub fn resolve(&mut self, m: &Mention) -> Option<(usize, Resolved)> {
        match m {
            Mention::Named { name, role, kind } => {
                let words = name_words(name);
                let same = self.find(|e| {
                    e.kind == *kind && {
                        let ew = name_words(&e.name);
                        ew == words
                            || (*kind == SpeakerKind::Person
                                && (ew.iter().all(|w| words.contains(w)) || words.iter().all(|w| ew.contains(w))))
                    }
                });
                let i = match same {
                    Some(i) => {
                        let e = &mut self.entities[i];
                        if name.len() > e.name.len() {
                            e.name = name.clone();
                        }
                        if e.role.is_none() {
                            e.role = role.clone();
                        }
                        self.touch(i)
                    }
                    None => self.add(Entity { name: name.clone(), role: role.clone(), kind: *kind }),
                };
                Some((i, Resolved::Named))
            }
            Mention::Short { word, honorific, role } => {
                let w = fold(word);
                let person = self.find(|e| e.kind == SpeakerKind::Person && name_words(&e.name).contains(&w));
                if let Some(i) = person {
                    return Some((self.touch(i), Resolved::Short));
                }
                // "Police" after "Key West Police": the body named before.
                let body = self.find(|e| e.kind != SpeakerKind::Person && name_words(&e.name).contains(&w));
                if let Some(i) = body {
                    return Some((self.touch(i), Resolved::Short));
                }
                let kind = if *honorific { SpeakerKind::Person } else { SpeakerKind::Organization };
                Some((self.add(Entity { name: word.clone(), role: role.clone(), kind }), Resolved::Named))
            }
            Mention::Pronoun { person } => {
                let i = if *person {
                    self.previous_subject
                        .filter(|&i| self.entities[i].kind == SpeakerKind::Person)
                        .or_else(|| self.find(|e| e.kind == SpeakerKind::Person))
                } else {
                    self.find(|e| e.kind != SpeakerKind::Person)
                }?;
                Some((self.touch(i), Resolved::Pronoun))
            }
            Mention::Definite { text, head, definite, person_head } => {
                // Only "the minister" points back; "Germany's economy minister" is someone new.
                let by_role = self.find(|e| e.role.as_deref().is_some_and(|r| name_words(r).contains(&fold(head))));
                if let (Some(i), true) = (by_role, *definite) {
                    return Some((self.touch(i), Resolved::Description));
                }
                // "the official" after "a senior ministry official": the same unnamed source.
                let unnamed =
                    self.find(|e| e.kind == SpeakerKind::Unnamed && name_words(&e.name).contains(&fold(head)));
                if let (Some(i), true) = (unnamed, *definite) {
                    return Some((self.touch(i), Resolved::Description));
                }
                // "the US leader warned" after a sentence about President Trump.
                // "the statement said": the one who made the statement just reported.
                if *definite && ["statement", "release", "letter", "post", "report"].contains(&head.as_str()) {
                    if let Some(i) = self.last_speaker {
                        return Some((self.touch(i), Resolved::Description));
                    }
                }
                if let Some(i) = self
                    .previous_subject
                    .filter(|&i| *definite && *person_head && self.entities[i].kind == SpeakerKind::Person)
                {
                    return Some((self.touch(i), Resolved::Description));
                }
                let name = capitalize(text);
                let same = self.find(|e| e.kind == SpeakerKind::Unnamed && e.name == name);
                let i = same.unwrap_or_else(|| self.add(Entity { name, role: None, kind: SpeakerKind::Unnamed }));
                Some((self.touch(i), Resolved::Unnamed))
            }
            Mention::Unnamed { text, kind } => {
                let same = self.find(|e| e.kind == *kind && e.name == *text);
                let i = same.unwrap_or_else(|| self.add(Entity { name: text.clone(), role: None, kind: *kind }));
                Some((self.touch(i), Resolved::Unnamed))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(phrase: &str) -> Mention {
        mention(phrase, None, Lexicon::for_language("en").unwrap())
    }

    #[test]
    fn names_roles_and_kinds() {
        assert_eq!(
            en("White House press secretary Karoline Leavitt"),
            Mention::Named {
                name: "Karoline Leavitt".into(),
                role: Some("White House press secretary".into()),
                kind: SpeakerKind::Person
            }
        );
        assert_eq!(
            en("Israeli Prime Minister Benjamin Netanyahu"),
            Mention::Named {
                name: "Benjamin Netanyahu".into(),
                role: Some("Israeli Prime Minister".into()),
                kind: SpeakerKind::Person
            }
        );
        assert!(matches!(en("Mr. Trump"), Mention::Short { honorific: true, .. }));
        assert_eq!(
            en("the UN World Food Programme"),
            Mention::Named { name: "UN World Food Programme".into(), role: None, kind: SpeakerKind::Organization }
        );
        assert_eq!(
            en("a senior Hamas member"),
            Mention::Unnamed { text: "A senior Hamas member".into(), kind: SpeakerKind::Unnamed }
        );
        assert_eq!(
            en("White House officials"),
            Mention::Unnamed { text: "White House officials".into(), kind: SpeakerKind::Unnamed }
        );
        assert_eq!(en("Firefighters"), Mention::Unnamed { text: "Firefighters".into(), kind: SpeakerKind::Group });
        assert_eq!(en("he"), Mention::Pronoun { person: true });
        assert!(matches!(en("the spokesman"), Mention::Definite { .. }));
    }

    #[test]
    fn later_mentions_resolve_to_the_first() {
        let lex = Lexicon::for_language("en").unwrap();
        let mut r = Registry::default();
        let (leavitt, _) = r.resolve(&mention("press secretary Karoline Leavitt", None, lex)).unwrap();
        let (unnamed, _) = r.resolve(&mention("a White House official", None, lex)).unwrap();
        assert_ne!(leavitt, unnamed);
        assert_eq!(r.resolve(&mention("Leavitt", None, lex)).unwrap().0, leavitt);
        assert_eq!(r.resolve(&mention("she", None, lex)).unwrap().0, leavitt);
        assert_eq!(r.resolve(&mention("the press secretary", None, lex)).unwrap().0, leavitt);
    }
}
