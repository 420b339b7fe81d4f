//! The segmenter proper: finds the front matter (titles, bylines, abstracts,
//! keywords), the body (headings and paragraphs, cut paragraphs rejoined), the
//! reference list and any translated abstracts after it (or after the body,
//! when there is no reference list), and assembles the
//! [`Segmentation`].

use std::borrow::Cow;
use std::ops::Range;

use ushtil_lang::lookalike::{self, is_letter};
use ushtil_lang::{Lang, detect};

use crate::lines::{self, Kind, Line};
use crate::model::{
    Citation, Diagnostic, DiagnosticKind, Keywords, LangText, Paper, Section, Segmentation,
};
use crate::tables::{BODY_START_CUES, FUNCTION_WORDS, KK_LETTERS};
use crate::text::{Joined, LineRef, Repairer, Vocab, legacy_font};
use ushtil_lang::case;

type TextId = usize;

static BODY_START_INDEX: std::sync::LazyLock<lines::Labels> =
    std::sync::LazyLock::new(|| lines::Labels::new(BODY_START_CUES.iter().copied()));

/// Below this detector confidence, the language named by a group's labels
/// (`Ключевые слова` → ru) wins over the detector for its title and abstract.
const GROUP_OVERRIDE: f32 = 0.8;

/// The most words a keyword term has; a longer first "term" on the line after
/// a keyword list is a sentence, not the list's wrapped end. Source: the
/// reference article and generated papers, whose longest terms have 4 words.
const MAX_TERM_WORDS: usize = 5;

/// A block in which this many paragraphs end (a short line that ends a
/// sentence before one that starts another) is not one paragraph but text
/// whose blank lines were lost; only there is a short sentence-case line
/// taken for a heading. One such line can be a list item or a formula in a
/// paragraph; two are paragraphs.
const TIGHT_PARAGRAPHS: usize = 2;

/// The most lines and words of a title told from the abstract it runs into
/// in text without blank lines (a sentence-case title; a title-case one may
/// have more words). Source: the reference article's titles have 8 to 12
/// words on one line each; journal titles seldom run past 20 words.
const MAX_TITLE_LINES: usize = 3;
const MAX_TITLE_WORDS: usize = 20;

/// The most words of a heading in sentence case (one in title case, capitals
/// or numbered may have more): a longer short line is a sentence's end.
const MAX_HEADING_WORDS: usize = 10;

/// What the segmenter found, pointing at joined texts not yet word-repaired.
#[derive(Default)]
struct Draft {
    /// Titles, with their language group.
    titles: Vec<(TextId, usize)>,
    /// Author lines, with their line index (consecutive lines form a byline).
    authors: Vec<(usize, TextId)>,
    /// Abstracts: the label's language (if it implies one), their paragraphs,
    /// and their language group.
    abstracts: Vec<(Option<Lang>, Vec<TextId>, usize)>,
    /// Per language group (a title, byline, abstract and keywords printed
    /// together), the language its labels name, if any.
    groups: Vec<Option<Lang>>,
    /// Whether the current group already has an abstract or keywords.
    group_has_body: bool,
    keywords: Vec<(Lang, TextId)>,
    affiliations: Vec<TextId>,
    codes: Vec<String>,
    /// Sections: heading (none for text before the first heading) and paragraphs.
    sections: Vec<(Option<TextId>, Vec<TextId>)>,
    references: Vec<TextId>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Title,
    Abstract,
    Other,
}

struct Segmenter<'a> {
    lines: Vec<Line<'a>>,
    /// Whether the input kept (nearly) no blank lines: see [`is_tight`].
    tight: bool,
    repairer: Repairer<'a>,
    line_vocab: Vocab<'a>,
    texts: Vec<Joined>,
    draft: Draft,
}

/// Segments `input` (see the crate documentation).
///
/// A Kazakh paper set in a legacy font writes other languages' Cyrillic
/// letters for Kazakh ones (`Ќазаќстан`): they are put back before anything
/// reads the lines, since the cues do (`Түйін сөздер:` opens keywords,
/// `Тїйін сґздер:` does not), and every offset stays the input's
/// ([`legacy_font`]).
pub fn segment_full(input: &str) -> Segmentation {
    let (text, diagnostics) = legacy_font(input);
    segment_text(&text, diagnostics)
}

/// Segments `input`, with `diagnostics` of repairs already made to it.
fn segment_text(input: &str, diagnostics: Vec<Diagnostic>) -> Segmentation {
    let (lines, starts) = lines::split(input, true);
    let mut s = Segmenter {
        tight: is_tight(&lines),
        lines,
        repairer: Repairer::new(input),
        line_vocab: Vocab::from_text(input),
        texts: Vec::new(),
        draft: Draft::default(),
    };
    s.repairer.diagnostics = diagnostics;
    let n = s.lines.len();
    let body_start = s.body_start();
    let refs = (body_start..n).find(|&i| s.lines[i].kind == Kind::References);
    // Bylines and affiliations matter only in the front and back matter (not
    // in the reference list, which is most of the lines after the label:
    // `back_start` tells them on the lines it reads).
    s.refine(0..body_start);
    s.matter(0..body_start);
    match refs {
        Some(r) => {
            let back = s.back_start(r);
            s.refine(back..n);
            s.body(body_start..r);
            s.references(r + 1..back);
            s.matter(back..n);
        }
        None => {
            // No reference list: translated abstracts may still follow the
            // body, found by their labels as after a reference list.
            let back = if body_start < n {
                s.back_start(body_start)
            } else {
                n
            };
            s.refine(back..n);
            s.body(body_start..back);
            s.matter(back..n);
        }
    }
    s.finish(&starts)
}

/// Whether a line ends a sentence: `.`, `!`, `?`, `…` or `:`, before any closing
/// quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '"' | '”' | '’' | ')' | ']')
    })
    .ends_with(['.', '!', '?', '…', ':'])
}

/// The first alphanumeric character of `text`. The letters of
/// U+0400..=U+04FF are told from their bytes
/// ([`lookalike::is_cyrillic_letter_at`]; `char::is_alphanumeric` searches
/// a table for each).
fn first_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let letter = match b {
            0x00..=0x7F if b.is_ascii_alphanumeric() => return Some(char::from(b)),
            0x00..=0x7F => {
                i += 1;
                continue;
            }
            _ => lookalike::is_cyrillic_letter_at(bytes, i),
        };
        let c = text[i..].chars().next()?;
        if letter || c.is_alphanumeric() {
            return Some(c);
        }
        i += c.len_utf8();
    }
    None
}

fn starts_lowercase(text: &str) -> bool {
    first_char(text).is_some_and(char::is_lowercase)
}

fn last_word_is_function_word(text: &str) -> bool {
    text.split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().all(char::is_lowercase) && FUNCTION_WORDS.contains(&w))
}

/// A paragraph cut by a page or column break: `prev` (its last line) stops
/// mid-sentence and `next` (the next block's first line) carries on.
fn is_cut(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || next.is_empty() {
        return false;
    }
    starts_lowercase(next)
        || prev.ends_with([',', ';', '-', '–', '—', '\u{2010}', '\u{00AD}'])
        || last_word_is_function_word(prev)
}

/// Whether `lines` kept (nearly) no blank lines between their text: fewer
/// than one in fifty, where a paper with its blank lines has one every few
/// lines (the reference article: 48 in 438).
fn is_tight(lines: &[Line<'_>]) -> bool {
    let is_blank = |l: &Line<'_>| l.kind == Kind::Blank;
    let (Some(first), Some(last)) = (
        lines.iter().position(|l| !is_blank(l)),
        lines.iter().rposition(|l| !is_blank(l)),
    ) else {
        return false;
    };
    let inner = &lines[first..=last];
    inner.iter().filter(|l| is_blank(l)).count() * 50 < inner.len()
}

/// Whether a short line in sentence case reads as a heading rather than
/// the start of a sentence wrapped early: at most [`MAX_HEADING_WORDS`]
/// words, no digits (in the body a short line with a number is more often a
/// sentence's end: `В 1983 году окончил экономический факультет`), and one
/// phrase ([`is_one_phrase`]).
fn is_sentence_case_heading(text: &str) -> bool {
    text.split_whitespace().count() <= MAX_HEADING_WORDS
        && !text.contains(|c: char| c.is_ascii_digit())
        && is_one_phrase(text)
}

/// Whether lines in sentence case at the head of the front matter read as a
/// title: at most [`MAX_TITLE_WORDS`] words, one phrase ([`is_one_phrase`]);
/// numbers are common in titles (`… in 2010–2020`).
fn is_sentence_case_title(text: &str) -> bool {
    text.split_whitespace().count() <= MAX_TITLE_WORDS && is_one_phrase(text)
}

/// No comma, colon or stop inside, and a small last word (a capital one
/// carries a name on to the next line: `According to data of the
/// International` / `Organization of labour…`).
fn is_one_phrase(text: &str) -> bool {
    let last_small = text.split_whitespace().next_back().is_some_and(|w| {
        w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| !c.is_alphabetic() || c.is_lowercase())
    });
    last_small && !text.contains([',', ';', ':', '.', '!', '?'])
}

fn is_all_caps(text: &str) -> bool {
    // The lower-case test first: it ends at the first small letter.
    !text.chars().any(case::is_lowercase) && text.chars().filter(|&c| is_letter(c)).count() >= 3
}

/// Title case: most words that are not function words start with a capital.
fn is_title_case(text: &str) -> bool {
    let mut content = 0;
    let mut capital = 0;
    for word in text.split_whitespace() {
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() {
            continue;
        }
        let lower = letters.to_lowercase();
        if FUNCTION_WORDS.contains(&lower.as_str()) && letters == lower {
            continue;
        }
        content += 1;
        if letters.chars().next().is_some_and(char::is_uppercase) {
            capital += 1;
        }
    }
    content >= 2 && capital * 4 >= content * 3
}

/// Whether `next`, the line right after a keyword line whose text so far ends
/// with `prev`, carries on its list: it is not blank, a label, a byline or a
/// heading, the list before it is not closed by a period, and its first term
/// is term-sized (a wrapped list, not a paragraph of prose). Its kind may be
/// an affiliation: `trade, Russia, financial market.` names a country.
///
/// In `tight` text (no blank line to end the list) a line that opens with a
/// capital carries the list on only if it is a list (separated terms, each
/// term-sized) or the last words of its last term (`Орталық` / `Азия`).
/// Otherwise it is as likely the next abstract's title, an affiliation or a
/// sentence.
fn is_keyword_continuation(prev: &str, next: Line<'_>, tight: bool) -> bool {
    if !matches!(next.kind, Kind::Text | Kind::Affiliation) {
        return false;
    }
    if prev.is_empty() || prev.ends_with([',', ';']) {
        return true;
    }
    let term_sized = |t: &str| t.split_whitespace().count() <= MAX_TERM_WORDS;
    let list_like = if next.text.contains([',', ';']) {
        next.text.split([',', ';']).all(term_sized)
    } else {
        next.text.split_whitespace().count() <= 2
    };
    if tight && !starts_lowercase(next.text) && !list_like {
        return false;
    }
    let first_term = next.text.split([',', ';']).next().unwrap_or_default();
    !prev.ends_with(['.', '!', '?', ':'])
        && !is_all_caps(next.text)
        && !is_strong_heading(next.text)
        && term_sized(first_term)
}

/// Whether a numbered or cue line is a heading even inside a block.
fn is_strong_heading(text: &str) -> bool {
    if lines::is_heading_cue(text) {
        return true;
    }
    let (numbered, core) = lines::strip_numbering(text);
    numbered
        && core.chars().count() <= 100
        && !ends_sentence(core)
        && !core.ends_with([',', ';'])
        && first_char(core).is_some_and(char::is_uppercase)
        && !core.starts_with(|c: char| c.is_ascii_digit())
}

impl<'a> Segmenter<'a> {
    fn line_ref(&self, i: usize) -> LineRef<'a> {
        let l = self.lines[i];
        LineRef {
            offset: l.offset,
            text: l.text,
        }
    }

    fn line_ref_from(&self, i: usize, rest: usize) -> LineRef<'a> {
        let l = self.lines[i];
        let rest = rest.min(l.text.len());
        LineRef {
            offset: l.offset + rest,
            text: &l.text[rest..],
        }
    }

    fn text(&mut self, refs: &[LineRef<'_>]) -> TextId {
        let joined = self.repairer.join_lines(refs, &self.line_vocab);
        self.texts.push(joined);
        self.texts.len() - 1
    }

    fn text_of_lines(&mut self, idx: &[usize]) -> TextId {
        let refs: Vec<_> = idx.iter().map(|&i| self.line_ref(i)).collect();
        self.text(&refs)
    }

    /// The current language group, opening a new one when a title or byline
    /// follows an abstract or keywords.
    fn group_for_heading(&mut self) -> usize {
        if self.draft.groups.is_empty() || self.draft.group_has_body {
            self.draft.groups.push(None);
            self.draft.group_has_body = false;
        }
        self.draft.groups.len() - 1
    }

    fn group_for_body(&mut self, label: Option<Lang>, strong: bool) -> usize {
        if self.draft.groups.is_empty() {
            self.draft.groups.push(None);
        }
        self.draft.group_has_body = true;
        let g = self.draft.groups.len() - 1;
        if let Some(lang) = label
            && (strong || self.draft.groups[g].is_none())
        {
            self.draft.groups[g] = Some(lang);
        }
        g
    }

    fn furniture(&mut self, i: usize) {
        let l = self.lines[i];
        if l.kind == Kind::Code {
            self.draft.codes.push(l.text.to_string());
        }
        self.repairer.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Furniture,
            line: 0,
            offset: l.offset,
            before: l.text.to_string(),
            after: String::new(),
        });
    }

    /// Where the body starts: the first body-start heading (`Introduction`,
    /// `Кіріспе`, `1. …`) after some front matter; else after the last keyword
    /// list or labelled abstract before any reference list; else after a
    /// leading title line; else at the top.
    fn body_start(&self) -> usize {
        let lines = &self.lines;
        let content_before = |i: usize| {
            lines[..i]
                .iter()
                .any(|l| matches!(l.kind, Kind::Text | Kind::Abstract { .. }))
        };
        let refs = lines
            .iter()
            .position(|l| l.kind == Kind::References)
            .unwrap_or(lines.len());
        for (i, l) in lines[..refs].iter().enumerate() {
            if l.kind != Kind::Text {
                continue;
            }
            let (numbered, core) = lines::strip_numbering(l.text);
            let whole = lines::without_final_stop(core);
            if BODY_START_INDEX
                .candidates(whole)
                .any(|i| lines::is_whole(whole, BODY_START_CUES[i]))
            {
                return i;
            }
            // `1. Introduction`, not `1 Әл-Фараби атындағы ҚазҰУ, Алматы`.
            let first_numbered = numbered
                && l.text.starts_with('1')
                && is_strong_heading(l.text)
                && lines::refine(l.kind, l.text) == Kind::Text;
            if first_numbered && content_before(i) {
                return i;
            }
        }
        // After the last front-matter label's block.
        let last_label = lines[..refs]
            .iter()
            .rposition(|l| matches!(l.kind, Kind::Keywords { .. }))
            .or_else(|| {
                lines[..refs]
                    .iter()
                    .position(|l| matches!(l.kind, Kind::Abstract { .. }))
            });
        if let Some(k) = last_label {
            let mut i = k + 1;
            while i < refs && lines[i].kind != Kind::Blank {
                i += 1;
            }
            return i;
        }
        // A leading short block is the title.
        let first = lines.iter().position(|l| l.kind == Kind::Text);
        if let Some(f) = first {
            let end = lines[f..]
                .iter()
                .position(|l| l.kind == Kind::Blank)
                .map_or(lines.len(), |p| f + p);
            if end - f <= 3 && !ends_sentence(lines[end - 1].text) && end < lines.len() {
                return end;
            }
        }
        0
    }

    /// Tells bylines and affiliations among the text lines of `range`.
    fn refine(&mut self, range: Range<usize>) {
        for l in &mut self.lines[range] {
            l.kind = lines::refine(l.kind, l.text);
        }
    }

    /// Where the translated abstracts after the reference list start (or the
    /// end). Reads the lines after `r` with bylines and affiliations told.
    fn back_start(&self, r: usize) -> usize {
        let n = self.lines.len();
        let kind = |i: usize| lines::refine(self.lines[i].kind, self.lines[i].text);
        let Some(j) = (r + 1..n).find(|&i| {
            matches!(
                self.lines[i].kind,
                Kind::Abstract { .. } | Kind::Keywords { .. }
            )
        }) else {
            return n;
        };
        let mut start = j;
        let mut need_prose = matches!(self.lines[j].kind, Kind::Keywords { .. });
        let mut took_title = false;
        let mut i = j;
        while i > r + 1 {
            i -= 1;
            let l = self.lines[i];
            match kind(i) {
                Kind::Blank | Kind::Furniture | Kind::Code => {}
                Kind::Author | Kind::Affiliation => start = i,
                Kind::Text => {
                    if reference_number(l.text).is_some() {
                        break;
                    }
                    // The contiguous run of text lines ending here.
                    let mut run_start = i;
                    while run_start > r + 1
                        && reference_number(self.lines[run_start - 1].text).is_none()
                        && kind(run_start - 1) == Kind::Text
                    {
                        run_start -= 1;
                    }
                    if need_prose {
                        need_prose = false;
                    } else if !took_title && i - run_start < 4 && !ends_sentence(l.text) {
                        took_title = true;
                    } else {
                        break;
                    }
                    start = run_start;
                    i = run_start;
                }
                _ => break,
            }
        }
        start
    }

    /// Front or back matter: titles, bylines, affiliations, abstracts, keywords.
    fn matter(&mut self, range: Range<usize>) {
        let end = range.end;
        let mut run: Vec<usize> = Vec::new();
        let mut last = Last::Nothing;
        let mut i = range.start;
        while i < end {
            let line = self.lines[i];
            match line.kind {
                Kind::Blank => {
                    self.flush_run(&mut run, &mut last);
                    i += 1;
                }
                Kind::Furniture => {
                    self.furniture(i);
                    i += 1;
                }
                Kind::Code => {
                    self.flush_run(&mut run, &mut last);
                    self.furniture(i);
                    i += 1;
                }
                Kind::Abstract { lang, rest } => {
                    self.flush_run(&mut run, &mut last);
                    let mut refs = Vec::new();
                    if rest < line.text.len() {
                        refs.push(self.line_ref_from(i, rest));
                    }
                    let mut j = i + 1;
                    while j < end {
                        match self.lines[j].kind {
                            Kind::Furniture => self.furniture(j),
                            Kind::Blank if refs.is_empty() => {}
                            Kind::Text | Kind::Affiliation => refs.push(self.line_ref(j)),
                            _ => break,
                        }
                        j += 1;
                    }
                    let id = self.text(&refs);
                    let g = self.group_for_body(lang, false);
                    self.draft.abstracts.push((lang, vec![id], g));
                    last = Last::Abstract;
                    i = j;
                }
                Kind::Keywords { lang, rest } => {
                    self.flush_run(&mut run, &mut last);
                    let mut refs = vec![self.line_ref_from(i, rest)];
                    let mut j = i + 1;
                    while j < end {
                        let prev = refs.last().map_or("", |r| r.text);
                        if !is_keyword_continuation(prev, self.lines[j], self.tight) {
                            break;
                        }
                        refs.push(self.line_ref(j));
                        j += 1;
                    }
                    let id = self.text(&refs);
                    self.group_for_body(Some(lang), true);
                    self.draft.keywords.push((lang, id));
                    last = Last::Other;
                    i = j;
                }
                Kind::Author => {
                    self.flush_run(&mut run, &mut last);
                    let id = self.text_of_lines(&[i]);
                    self.group_for_heading();
                    self.draft.authors.push((i, id));
                    last = Last::Other;
                    i += 1;
                }
                Kind::Affiliation => {
                    self.flush_run(&mut run, &mut last);
                    let id = self.text_of_lines(&[i]);
                    self.draft.affiliations.push(id);
                    last = Last::Other;
                    i += 1;
                }
                Kind::References | Kind::Text => {
                    run.push(i);
                    i += 1;
                }
            }
        }
        self.flush_run(&mut run, &mut last);
    }

    /// A run of unlabelled text lines in the matter: a title, or an abstract.
    fn flush_run(&mut self, run: &mut Vec<usize>, last: &mut Last) {
        if run.is_empty() {
            return;
        }
        let lines: Vec<usize> = std::mem::take(run);
        // Capital title lines followed by prose in one run: split them.
        let caps = lines
            .iter()
            .take_while(|&&i| is_all_caps(self.lines[i].text))
            .count();
        // In text without blank lines, a title in title or sentence case
        // runs straight into the abstract, too.
        let lead = match caps {
            0 if self.tight => self.tight_title(&lines),
            _ => caps,
        };
        let (title, prose) = if lead > 0 && lead < lines.len() {
            (&lines[..lead], &lines[lead..])
        } else {
            (&lines[..0], &lines[..])
        };
        if !title.is_empty() {
            let id = self.text_of_lines(title);
            let g = self.group_for_heading();
            self.draft.titles.push((id, g));
            *last = Last::Title;
        }
        let first = self.lines[prose[0]].text;
        let last_text = self.lines[prose[prose.len() - 1]].text;
        let chars: usize = prose
            .iter()
            .map(|&i| self.lines[i].text.chars().count())
            .sum();
        let title_like = prose.len() <= 4
            && chars <= 300
            && (!ends_sentence(last_text) || is_all_caps(last_text))
            && !last_text.ends_with([',', ';'])
            && !starts_lowercase(first);
        let id = self.text_of_lines(prose);
        if title_like {
            let g = self.group_for_heading();
            self.draft.titles.push((id, g));
            *last = Last::Title;
        } else if *last == Last::Abstract {
            if let Some(a) = self.draft.abstracts.last_mut() {
                a.1.push(id);
            }
        } else {
            let g = self.group_for_body(None, false);
            self.draft.abstracts.push((None, vec![id], g));
            *last = Last::Abstract;
        }
    }

    /// The body: blocks of lines split by blank lines and strong headings,
    /// furniture dropped, headings told from paragraphs, cut paragraphs rejoined.
    fn body(&mut self, range: Range<usize>) {
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        for i in range {
            let l = self.lines[i];
            match l.kind {
                Kind::Blank => {
                    if !cur.is_empty() {
                        blocks.push(std::mem::take(&mut cur));
                    }
                }
                Kind::Furniture | Kind::Code => self.furniture(i),
                _ => {
                    let after_sentence = cur
                        .last()
                        .is_none_or(|&p| ends_sentence(self.lines[p].text));
                    let heading = after_sentence
                        && (is_strong_heading(l.text)
                            || is_all_caps(l.text)
                                && l.text.chars().count() <= 100
                                && !ends_sentence(l.text));
                    if heading {
                        if !cur.is_empty() {
                            blocks.push(std::mem::take(&mut cur));
                        }
                        blocks.push(vec![i]);
                    } else {
                        cur.push(i);
                    }
                }
            }
        }
        if !cur.is_empty() {
            blocks.push(cur);
        }
        let blocks: Vec<Vec<usize>> = blocks
            .into_iter()
            .flat_map(|b| self.split_at_short_lines(b))
            .collect();

        let mut heading: Option<TextId> = None;
        let mut paragraphs: Vec<TextId> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            let next_first = blocks
                .get(b + 1)
                .and_then(|nb| first_char(self.lines[nb[0]].text));
            if self.is_heading_block(block, next_first) {
                if !pending.is_empty() {
                    paragraphs.push(self.text_of_lines(&pending));
                    pending.clear();
                }
                if heading.is_some() || !paragraphs.is_empty() {
                    self.draft
                        .sections
                        .push((heading, std::mem::take(&mut paragraphs)));
                }
                heading = Some(self.text_of_lines(block));
                continue;
            }
            let cut = pending
                .last()
                .is_some_and(|&p| is_cut(self.lines[p].text, self.lines[block[0]].text));
            if cut {
                let prev = self.lines[pending[pending.len() - 1]];
                let next = self.lines[block[0]];
                self.repairer.diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::ParagraphJoin,
                    line: 0,
                    offset: next.offset,
                    before: format!(
                        "{} ¶ {}",
                        tail_words(prev.text, 3),
                        head_words(next.text, 3)
                    ),
                    after: format!("{} {}", tail_words(prev.text, 3), head_words(next.text, 3)),
                });
                pending.extend_from_slice(block);
            } else {
                if !pending.is_empty() {
                    paragraphs.push(self.text_of_lines(&pending));
                }
                pending = block.clone();
            }
        }
        if !pending.is_empty() {
            paragraphs.push(self.text_of_lines(&pending));
        }
        if heading.is_some() || !paragraphs.is_empty() {
            self.draft.sections.push((heading, paragraphs));
        }
    }

    /// Splits a block where a paragraph ends without a blank line (tight
    /// extraction): a line that ends a sentence well short of the block's
    /// usual width, followed by a line that starts a new sentence; and
    /// around a heading set without blank lines ([`Segmenter::tight_heading`]).
    fn split_at_short_lines(&self, block: Vec<usize>) -> Vec<Vec<usize>> {
        if block.len() < 3 {
            return vec![block];
        }
        // Widths in bytes: within one block the script, and so the bytes per
        // letter, hardly changes.
        let mut widths: Vec<usize> = block.iter().map(|&i| self.lines[i].text.len()).collect();
        widths.sort_unstable();
        let usual = widths[widths.len() / 2];
        let ends_paragraph = |k: usize| {
            let text = self.lines[block[k]].text;
            text.len() * 4 < usual * 3
                && ends_sentence(text)
                && self.starts_sentence(block.get(k + 1))
        };
        let ends: Vec<bool> = (0..block.len()).map(ends_paragraph).collect();
        // Paragraphs ending inside the block: its blank lines were lost.
        let paragraphs_inside = ends.iter().filter(|&&e| e).count() >= TIGHT_PARAGRAPHS;
        let mut out = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        let mut k = 0;
        while let Some(&i) = block.get(k) {
            // Inside the block, after a line that ends a sentence: at a
            // block's start the blank line before it would have been the
            // heading's, and there a short capitalised line is as often a
            // page's first line of prose.
            let after_sentence = k
                .checked_sub(1)
                .is_some_and(|p| ends_sentence(self.lines[block[p]].text));
            if after_sentence
                && let Some(n) = self.tight_heading(&block[k..], usual, paragraphs_inside)
            {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(block[k..k + n].to_vec());
                k += n;
                continue;
            }
            cur.push(i);
            if ends[k] {
                out.push(std::mem::take(&mut cur));
            }
            k += 1;
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    /// How many lines (one to three) at the start of a run of front matter
    /// are a title that runs into the prose after it, in text without blank
    /// lines: lines that end no sentence, before a line that starts one,
    /// in title case or read as one phrase in sentence case
    /// ([`is_sentence_case_title`]). 0 if they are not.
    fn tight_title(&self, run: &[usize]) -> usize {
        let mut text = String::new();
        for t in 1..run.len().min(MAX_TITLE_LINES + 1) {
            let own = self.lines[run[t - 1]].text.trim();
            if ends_sentence(own) || own.ends_with([',', ';', '-']) {
                return 0;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(own);
            if !self.starts_sentence(run.get(t)) || last_word_is_function_word(own) {
                continue;
            }
            let title = is_title_case(&text) || is_sentence_case_title(&text);
            return if title && first_char(&text).is_some_and(char::is_uppercase) {
                t
            } else {
                0
            };
        }
        0
    }

    /// Whether line `i` (if any) starts with a capital or a digit, as a new
    /// sentence or paragraph does.
    fn starts_sentence(&self, i: Option<&usize>) -> bool {
        i.and_then(|&i| first_char(self.lines[i].text))
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// How many lines at the start of `lines` (one or two) are a heading
    /// set inside a block without blank lines around it, if they are: a
    /// heading whose last line stops short of the block's `usual` width
    /// without ending a sentence, before a line that starts one. Title-case,
    /// numbered or capital headings are taken anywhere (`Going Out Policy of
    /// China`, or `Exports of Labor is One of the Priorities of` / `the
    /// Strategy of «Going Out Policy»`); a one-line heading in sentence case
    /// only in a block with `paragraphs_inside` (see [`TIGHT_PARAGRAPHS`]),
    /// where the blank lines that would set it apart were lost.
    fn tight_heading(
        &self,
        lines: &[usize],
        usual: usize,
        paragraphs_inside: bool,
    ) -> Option<usize> {
        let mut first = "";
        for n in 1..=2 {
            let line = self.lines[*lines.get(n - 1)?];
            let own = line.text.trim();
            if line.kind != Kind::Text || ends_sentence(own) || own.ends_with([',', ';', '-']) {
                return None;
            }
            // Under 4/5 of the usual width (a paragraph's last line must be
            // under 3/4): the shape of the text says the rest.
            let short = own.len() * 5 < usual * 4;
            if !short || !self.starts_sentence(lines.get(n)) || last_word_is_function_word(own) {
                first = own;
                continue;
            }
            let text = match n {
                1 => Cow::Borrowed(own),
                _ => Cow::Owned(format!("{first} {own}")),
            };
            if text.chars().count() > 160 {
                return None;
            }
            let (numbered, core) = lines::strip_numbering(&text);
            let shaped = numbered
                || is_all_caps(core)
                || is_title_case(core)
                || n == 1 && paragraphs_inside && is_sentence_case_heading(core);
            // A byline or an affiliation is not a heading, whatever its
            // shape: the back matter's bylines stand in the body when the
            // references' heading is missing.
            let prose = || {
                lines[..n]
                    .iter()
                    .all(|&j| lines::refine(Kind::Text, self.lines[j].text) == Kind::Text)
            };
            return (shaped && first_char(core).is_some_and(char::is_uppercase) && prose())
                .then_some(n);
        }
        None
    }

    fn is_heading_block(&self, block: &[usize], next_first: Option<char>) -> bool {
        if block.len() > 3 {
            return false;
        }
        let text = block
            .iter()
            .map(|&i| self.lines[i].text)
            .collect::<Vec<_>>()
            .join(" ");
        if text.chars().count() > 160 {
            return false;
        }
        if lines::is_heading_cue(&text) {
            return true;
        }
        if ends_sentence(&text) || text.ends_with([',', ';', '-']) {
            return false;
        }
        if next_first.is_some_and(char::is_lowercase) || last_word_is_function_word(&text) {
            return false;
        }
        let (numbered, core) = lines::strip_numbering(&text);
        if !first_char(core).is_some_and(char::is_uppercase) {
            return false;
        }
        if numbered || is_all_caps(core) || is_title_case(core) {
            return true;
        }
        // A short sentence-case line on its own before a new paragraph.
        block.len() == 1
            && core.split_whitespace().count() <= MAX_HEADING_WORDS
            && next_first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    fn references(&mut self, range: Range<usize>) {
        let numbered = range.clone().any(|i| {
            self.lines[i].kind != Kind::Blank && reference_number(self.lines[i].text).is_some()
        });
        // Blank lines between entries: only they separate entries.
        let nonblank: Vec<usize> = range
            .clone()
            .filter(|&i| {
                !matches!(
                    self.lines[i].kind,
                    Kind::Blank | Kind::Furniture | Kind::Code
                )
            })
            .collect();
        let blank_separated = match (nonblank.first(), nonblank.last()) {
            (Some(&a), Some(&b)) => (a..b).any(|i| self.lines[i].kind == Kind::Blank),
            _ => false,
        };
        let mut entries: Vec<Vec<LineRef<'a>>> = Vec::new();
        let mut cur: Vec<LineRef<'a>> = Vec::new();
        let mut after_blank = true;
        for i in range {
            let l = self.lines[i];
            match l.kind {
                Kind::Blank => {
                    after_blank = true;
                    if !numbered && !cur.is_empty() {
                        entries.push(std::mem::take(&mut cur));
                    }
                    continue;
                }
                Kind::Furniture | Kind::Code => {
                    self.furniture(i);
                    continue;
                }
                _ => {}
            }
            let start_new = if numbered {
                reference_number(l.text).is_some()
            } else if blank_separated {
                after_blank
            } else {
                cur.last()
                    .is_some_and(|p| p.text.ends_with('.') && !starts_lowercase(l.text))
            };
            if start_new && !cur.is_empty() {
                entries.push(std::mem::take(&mut cur));
            }
            let skip = if numbered {
                reference_number(l.text).unwrap_or(0)
            } else {
                0
            };
            cur.push(self.line_ref_from(i, skip));
            after_blank = false;
        }
        if !cur.is_empty() {
            entries.push(cur);
        }
        for e in entries {
            let id = self.text(&e);
            self.draft.references.push(id);
        }
    }

    fn finish(mut self, starts: &[(usize, usize)]) -> Segmentation {
        let texts: Vec<String> = std::mem::take(&mut self.texts)
            .into_iter()
            .map(|j| self.repairer.repair_words(j, &self.line_vocab))
            .collect();
        let t = |id: TextId| texts[id].clone();
        let d = self.draft;
        let mut paper = Paper::default();

        // The detector decides unless it is unsure and the group's labels
        // name a language.
        let tag = |text: &str, group: usize| {
            let found = detect(text);
            match d.groups.get(group).copied().flatten() {
                Some(label) if found.lang == Lang::Und || found.confidence < GROUP_OVERRIDE => {
                    label
                }
                _ => found.lang,
            }
        };
        for &(id, g) in &d.titles {
            let text = t(id);
            if text.is_empty() || paper.titles.iter().any(|x| x.text == text) {
                continue;
            }
            let lang = tag(&text, g);
            paper.titles.push(LangText { lang, text });
        }
        // The byline is the first author line and any lines right after it;
        // later bylines repeat it in another language.
        if let Some(&(first_line, _)) = d.authors.first() {
            let mut next = first_line;
            for &(line, id) in &d.authors {
                if line != next {
                    break;
                }
                next = line + 1;
                for name in lines::parse_authors(&t(id)).unwrap_or_default() {
                    if !paper.authors.contains(&name) {
                        paper.authors.push(name);
                    }
                }
            }
        }
        for (lang, ids, g) in &d.abstracts {
            let text = ids.iter().map(|&i| t(i)).collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            let lang = lang.unwrap_or_else(|| tag(&text, *g));
            paper.abstracts.push(LangText { lang, text });
        }
        for &(lang, id) in &d.keywords {
            let terms = split_terms(&t(id));
            if !terms.is_empty() {
                paper.keywords.push(Keywords { lang, terms });
            }
        }
        // Sections: the detector, unless it is unsure; then the language of the
        // section's cue heading (`Кіріспе` → kk), or of the body's first one.
        let body_cue = d
            .sections
            .iter()
            .filter_map(|(h, _)| h.and_then(|h| lines::heading_cue_lang(&t(h))))
            .next();
        let mut section_langs: Vec<(ScriptProfile, ushtil_lang::Detection)> = Vec::new();
        for (heading, paragraphs) in d.sections.clone() {
            let paragraphs: Vec<String> = paragraphs.into_iter().map(t).collect();
            let printed = heading.map(t).unwrap_or_default();
            let cue = lines::heading_cue_lang(&printed).or(body_cue);
            let heading = lines::strip_numbering(&printed).1.to_string();
            let sample = detection_sample(&paragraphs);
            let found = if sample.trim().is_empty() {
                detect(&heading)
            } else {
                // Sections of one paper share a language: detect once per
                // script profile, not once per section.
                let profile = script_profile(&sample);
                match section_langs.iter().find(|(p, _)| *p == profile) {
                    Some((_, found)) => *found,
                    None => {
                        let found = detect(&sample);
                        section_langs.push((profile, found));
                        found
                    }
                }
            };
            let lang = match cue {
                Some(cue) if found.lang == Lang::Und || found.confidence < GROUP_OVERRIDE => cue,
                _ => found.lang,
            };
            paper.sections.push(Section {
                heading,
                lang,
                paragraphs,
            });
        }
        paper.references = d
            .references
            .iter()
            .map(|&i| t(i))
            .filter(|r| !r.is_empty())
            .collect();
        let citations = citations(&paper.sections);
        let affiliations = d.affiliations.iter().map(|&i| t(i)).collect();

        let mut diagnostics = self.repairer.diagnostics;
        diagnostics.sort_by_key(|d| d.offset);
        for diag in &mut diagnostics {
            let k = starts.partition_point(|s| s.0 <= diag.offset);
            diag.line = starts[k.saturating_sub(1)].1;
        }
        paper.diagnostics = diagnostics;
        Segmentation {
            paper,
            affiliations,
            codes: d.codes.clone(),
            citations,
        }
    }
}

/// What the letters of a text say before any language model: mostly Latin,
/// mostly Cyrillic with Kazakh-only letters, mostly Cyrillic without, or other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScriptProfile {
    Latin,
    CyrillicKazakh,
    Cyrillic,
    Other,
}

fn script_profile(text: &str) -> ScriptProfile {
    let (mut latin, mut cyrillic, mut kazakh) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if matches!(c, '\u{0400}'..='\u{052F}') {
            cyrillic += 1;
            kazakh += usize::from(KK_LETTERS.contains(c));
        }
    }
    if latin + cyrillic == 0 {
        ScriptProfile::Other
    } else if latin > cyrillic {
        ScriptProfile::Latin
    } else if kazakh > 0 {
        ScriptProfile::CyrillicKazakh
    } else {
        ScriptProfile::Cyrillic
    }
}

/// The first paragraphs of a section, up to about 400 bytes: plenty for the
/// detector, and it keeps long sections cheap.
fn detection_sample(paragraphs: &[String]) -> String {
    const LIMIT: usize = 400;
    let mut sample = String::new();
    for p in paragraphs {
        if sample.len() >= LIMIT {
            break;
        }
        let mut end = p.len().min(LIMIT - sample.len());
        while !p.is_char_boundary(end) {
            end -= 1;
        }
        sample.push_str(&p[..end]);
        sample.push(' ');
    }
    sample
}

fn tail_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

fn head_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte length of a reference entry's number (`1.`, `[12]`, `3)`, `4 `
/// before a capital), or `None` when the line does not start with one.
pub(crate) fn reference_number(text: &str) -> Option<usize> {
    let (open, rest) = match text.strip_prefix('[') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &rest[digits..];
    let (closer, tail) = if open {
        (after.strip_prefix(']')?, true)
    } else if let Some(t) = after.strip_prefix(['.', ')']) {
        (t, true)
    } else {
        (after, false)
    };
    let trimmed = closer.trim_start();
    let spaced = trimmed.len() < closer.len();
    let next = trimmed.chars().next()?;
    let ok = if tail {
        next.is_alphabetic() || next == '«' || next == '"'
    } else {
        spaced && next.is_uppercase()
    };
    ok.then(|| text.len() - trimmed.len())
}

/// Splits a keyword list on semicolons if it has any, else on commas; drops
/// the trailing period.
fn split_terms(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches(['.', ';', ',']);
    let sep = if text.contains(';') { ';' } else { ',' };
    text.split(sep)
        .map(|t| t.trim().trim_end_matches('.').trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Bracketed numeric citations in every paragraph.
fn citations(sections: &[Section]) -> Vec<Citation> {
    let mut out = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        for (p, para) in section.paragraphs.iter().enumerate() {
            let mut rest = para.as_str();
            while let Some(open) = memchr::memchr(b'[', rest.as_bytes()) {
                let after = &rest[open + 1..];
                let Some(close) = after.find(']') else {
                    break;
                };
                if let Some(numbers) = parse_citation(&after[..close]) {
                    out.push(Citation {
                        section: s,
                        paragraph: p,
                        numbers,
                    });
                }
                rest = &after[close + 1..];
            }
        }
    }
    out
}

/// `1`, `3, 5`, `12–14`, `7, p. 25`, `4; 6, с. 12` → the reference numbers.
fn parse_citation(inner: &str) -> Option<Vec<u32>> {
    if inner.len() > 80 {
        return None;
    }
    let mut numbers = Vec::new();
    for part in inner.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.starts_with(|c: char| c.is_alphabetic()) {
            // a page (`p. 25`, `с. 12`, `б. 3`): allowed only after a number
            if numbers.is_empty() {
                return None;
            }
            continue;
        }
        let mut range = part.splitn(2, ['–', '—', '-']);
        let a: u32 = range.next()?.trim().parse().ok()?;
        match range.next() {
            Some(b) => {
                let b: u32 = b.trim().parse().ok()?;
                if b < a || b - a > 50 {
                    return None;
                }
                numbers.extend(a..=b);
            }
            None => numbers.push(a),
        }
    }
    (!numbers.is_empty()).then_some(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_char_is_the_first_alphanumeric_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("-«{c}");
            assert_eq!(
                first_char(&text),
                c.is_alphanumeric().then_some(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(first_char("— ҂ Қазақ"), Some('Қ'));
    }

    #[test]
    fn keyword_continuations() {
        let line = |text| Line {
            offset: 0,
            text,
            kind: lines::refine(lines::classify_basic(text), text),
        };
        let prev = "Keywords: labour force, inflation, diaspora, foreign";
        // A wrapped list, even one whose line names a country (an affiliation cue).
        assert!(is_keyword_continuation(
            prev,
            line("trade, Russia, financial market."),
            false
        ));
        assert!(is_keyword_continuation(
            prev,
            line("Trade Policy; Russia"),
            false
        ));
        // The list was closed, or the next line is a title, label or sentence.
        assert!(!is_keyword_continuation(
            "Keywords: a, b.",
            line("trade, Russia"),
            false
        ));
        for text in [
            "ВВЕДЕНИЕ",
            "1. Introduction",
            "Аннотация. В статье",
            "",
            "The article examines how labour migration and trade were linked.",
        ] {
            assert!(!is_keyword_continuation(prev, line(text), false), "{text}");
            assert!(!is_keyword_continuation(prev, line(text), true), "{text}");
        }
        // Without blank lines, a wrapped list still carries on...
        assert!(is_keyword_continuation(
            prev,
            line("trade, Russia, financial market."),
            true
        ));
        assert!(is_keyword_continuation(
            prev,
            line("Trade Policy; Russia"),
            true
        ));
        assert!(is_keyword_continuation(
            "Түйінді сөздер: жұмыс күші; шекара; Орталық",
            line("Азия"),
            true
        ));
        // ...but not into the next abstract's title or affiliation, nor a
        // sentence whose first words look like a term.
        for text in [
            "Трудовая миграция сельской молодёжи",
            "Министерство юстиции Республики Казахстан",
            "In a representative democracy, however, the citizens do not govern directly",
        ] {
            // (Between blank lines the blank line ends the list first.)
            assert!(is_keyword_continuation(prev, line(text), false), "{text}");
            assert!(!is_keyword_continuation(prev, line(text), true), "{text}");
        }
    }

    #[test]
    fn citations_parse() {
        assert_eq!(parse_citation("1"), Some(vec![1]));
        assert_eq!(parse_citation("3, 5"), Some(vec![3, 5]));
        assert_eq!(parse_citation("12–14"), Some(vec![12, 13, 14]));
        assert_eq!(parse_citation("7, p. 25"), Some(vec![7]));
        assert_eq!(parse_citation("4; 6, с. 12"), Some(vec![4, 6]));
        assert_eq!(parse_citation("Ivanov, 2010"), None);
        assert_eq!(parse_citation("1–9999"), None);
    }

    #[test]
    fn reference_numbers() {
        assert_eq!(reference_number("1. Ivanov"), Some(3));
        assert_eq!(reference_number("[12] Smith"), Some(5));
        assert_eq!(reference_number("3 Назарбаев"), Some(2));
        assert_eq!(reference_number("2016 ж."), None);
        assert_eq!(reference_number("15 p."), None);
    }

    #[test]
    fn cuts() {
        assert!(is_cut(
            "overseas made by the enterprises of local Chinese",
            "governments reached"
        ));
        assert!(is_cut(
            "foreign Chinese people and central government,",
            "local organs"
        ));
        assert!(!is_cut(
            "the social problems inside the country.",
            "The migration"
        ));
        assert!(!is_cut("Going Out Policy of China", "In all years"));
    }

    #[test]
    fn terms() {
        assert_eq!(
            split_terms(" Қытай, мигранттар, реформа. "),
            ["Қытай", "мигранттар", "реформа"]
        );
        assert_eq!(split_terms("a, b; c d."), ["a, b", "c d"]);
    }
}
