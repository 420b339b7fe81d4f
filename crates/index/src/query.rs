//! The user's query language, on top of tantivy's query parser: words,
//! `"phrases"` (`"labour export"~2`: the words at most two moves apart),
//! `AND`/`OR`, `-excluded` (or `NOT`) and `+required` terms, parentheses.
//! Everything else in tantivy's grammar (`field:`, `^boost`, ranges, `*`,
//! the set keyword `IN`, `/regular expressions/`) is escaped, so a pasted
//! `Түйін сөздер: Қытай`, `China's`, `MIGRATION IN KAZAKHSTAN` or
//! `labour / emigration / return` is just text, and a word a line end broke
//! in the PDF it was copied from (`эконо-⏎микалық`) is found whole.
//! A query that does not parse is an error that says where and what.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

#[cfg(test)]
use tantivy::query::QueryParser;
use tantivy::query::{
    BooleanQuery, BooleanWeight, BoostQuery, EmptyQuery, EnableScoring, Explanation, Occur,
    PhraseQuery, Query, Scorer, SumCombiner, Weight,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, Term};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use ushtil_segment::tables::{LIGATURE_SPLITS, LINE_HYPHENS};

use crate::IndexError;
use crate::term_query::MemoTermQuery;

/// Characters tantivy's grammar treats specially that our language does not
/// use: escaped outside phrases. (`"`, `(`, `)`, `+`, `-` stay operators.)
const ESCAPED: &[char] = &[
    ':', '^', '`', '{', '}', '[', ']', '\'', '!', '\\', '*', '~', '<', '>', '=', '/',
];

/// The query with tantivy-only syntax escaped and every whitespace
/// character outside phrases a space, and for each byte of the escaped
/// query the byte offset in the original it came from. A `-` or `+`
/// that stands alone (`Kazakhstan - China`, a pasted title; `a --b`) is
/// punctuation, not an operator: it becomes a space. Text right after a
/// phrase's closing quote (`"a b"c`) is a word of its own, but for a slop
/// (`"a b"~2`).
pub(crate) fn escape(query: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(query.len() + 8);
    let mut origin = Vec::with_capacity(query.len() + 8);
    let mut in_phrase = false;
    let mut prev: Option<char> = None;
    // Whether the previous character closed a phrase.
    let mut after_phrase = false;
    // Groups open (unescaped `(` outside phrases).
    let mut groups = 0usize;
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Whitespace is whitespace: tantivy's grammar parts words only at
        // ASCII blanks, and the no-break spaces of pasted text (Russian
        // typesetting puts one after every short word) stopped it.
        let c = if !in_phrase && c.is_whitespace() {
            ' '
        } else {
            c
        };
        let next = chars.peek().map(|&(_, n)| n);
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || p == '(');
        let ends_word = |n: Option<char>| n.is_none_or(|n| n.is_whitespace() || n == ')');
        let slop = after_phrase && c == '~' && next.is_some_and(|n| n.is_ascii_digit());
        // tantivy's set keyword (`field: IN [a b]`), here a word.
        let set_keyword = c == 'I'
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '-' | '+'))
            && query[i..].starts_with("IN")
            && ends_word(query[i + 2..].chars().next());
        // An opening bracket inside a word (`migrant(s)`, `Smith(2010)`) is
        // part of it; a closing one that closes no group is punctuation (a
        // space); one that closes a group keeps a word after it apart
        // (`(s)he`).
        let in_word_bracket =
            !in_phrase && c == '(' && !at_word_start && !matches!(prev, Some('-' | '+'));
        let stray_close = !in_phrase && c == ')' && groups == 0;
        let escape = if in_phrase {
            c == '\\'
        } else {
            (!slop && ESCAPED.contains(&c)) || set_keyword || in_word_bracket
        };
        if !in_phrase && !in_word_bracket && !stray_close {
            match c {
                '(' => groups += 1,
                ')' => groups = groups.saturating_sub(1),
                _ => {}
            }
        }
        let apart = !in_phrase
            && c == ')'
            && !stray_close
            && next.is_some_and(|n| !n.is_whitespace() && n != ')');
        let lone_operator = stray_close
            || !in_phrase
                && matches!(c, '-' | '+')
                && at_word_start
                && (ends_word(next) || matches!(next, Some('-' | '+')));
        if after_phrase && !slop && !c.is_whitespace() && c != ')' {
            out.push(' ');
            origin.push(i);
        }
        after_phrase = c == '"' && in_phrase;
        // A lone operator (or stray bracket) reads as the space it becomes
        // (`--` is two).
        prev = Some(if lone_operator { ' ' } else { c });
        if c == '"' {
            in_phrase = !in_phrase;
        }
        if lone_operator {
            out.push(' ');
            origin.push(i);
            continue;
        }
        if escape {
            out.push('\\');
            origin.push(i);
        }
        // Curly and typographic quotes stay text; only ASCII `"` delimits phrases.
        out.push(c);
        origin.extend(std::iter::repeat_n(i, c.len_utf8()));
        if apart {
            out.push(' ');
            origin.push(i);
        }
    }
    origin.push(query.len());
    (out, origin)
}

/// A word broken at a line end, as copying from a PDF pastes it
/// (`эконо-⏎микалық`, `эконо- микалық`): a hyphen after a letter, then
/// whitespace, then a lower-case letter, reads as the joined word or the
/// hyphenated one, `(экономикалық OR эконо-микалық)`, since the query
/// cannot know which the line break cut (the repair of papers decides by
/// the paper's own words). A phrase with such breaks reads as the phrase
/// with all of them joined or all of them hyphenated, its slop kept. A
/// dash between words (`Kazakhstan - China`, `Қазақстан- Қытай`) and
/// numbers (`2015- 2020`) stay as they are. A ligature that extraction
/// split with a space (`profi t`, by the rule the repair of papers uses,
/// [`ushtil_segment::may_be_split_ligature`]) reads the same way, joined or
/// as typed: `(profit OR "profi t")`. The rewritten query, and for each of
/// its bytes the byte of `query` it came from; `None` when there is nothing
/// to rejoin.
fn rejoin_broken_words(query: &str) -> Option<(String, Vec<usize>)> {
    // A split ligature ends its left part in the last two letters of one of
    // the repair's splits (`ff`, `fi`, `fl`) before a space.
    let ligature = query.as_bytes().windows(3).any(|w| {
        w[2] == b' '
            && LIGATURE_SPLITS
                .iter()
                .any(|l| w[..2].eq_ignore_ascii_case(&l.as_bytes()[l.len() - 2..]))
    });
    if !ligature && !query.contains(LINE_HYPHENS) {
        return None;
    }
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(query.len(), |&(i, _)| i);
    let mut out = String::new();
    let mut origin: Vec<usize> = Vec::new();
    // Each byte of a char stands for the char's first byte, as in [`escape`].
    let push = |out: &mut String, origin: &mut Vec<usize>, text: &str, from: usize| {
        out.push_str(text);
        for (at, c) in text.char_indices() {
            origin.extend(std::iter::repeat_n(from + at, c.len_utf8()));
        }
    };
    // Closes a group before the char at `next`, with a space between when
    // that char would touch the bracket (`(…)–2020` is not a query).
    let close_group = |out: &mut String, origin: &mut Vec<usize>, next: usize, from: usize| {
        push_at(out, origin, ")", from);
        if chars
            .get(next)
            .is_some_and(|&(_, c)| !c.is_whitespace() && c != ')')
        {
            push_at(out, origin, " ", from);
        }
    };
    // Whether a word is broken at `j`: by a line-end hyphen (a letter
    // before it, whitespace after it up to `w`, then a lower-case letter;
    // the other reading keeps the hyphen), or by the space of a split
    // ligature (the right part starts at `w`; the other reading keeps the
    // space).
    let break_at = |j: usize| -> Option<(usize, &'static str)> {
        if j == 0 || !chars[j - 1].1.is_alphabetic() {
            return None;
        }
        if chars[j].1 == ' ' {
            let ascii_letter =
                |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_ascii_alphabetic());
            let mut s = j;
            while s > 0 && ascii_letter(s - 1) {
                s -= 1;
            }
            let mut e = j + 1;
            while ascii_letter(e) {
                e += 1;
            }
            let alone = |k: Option<usize>| {
                k.is_none_or(|k| !chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric()))
            };
            let (left, right) = (&query[at(s)..at(j)], &query[at(j + 1)..at(e)]);
            return (s < j
                && alone(s.checked_sub(1))
                && alone(Some(e))
                && ushtil_segment::may_be_split_ligature(left, right))
            .then_some((j + 1, " "));
        }
        if !LINE_HYPHENS.contains(&chars[j].1) {
            return None;
        }
        let mut w = j + 1;
        while w < chars.len() && chars[w].1.is_whitespace() {
            w += 1;
        }
        (w > j + 1 && w < chars.len() && chars[w].1.is_lowercase()).then_some((w, "-"))
    };
    // Bytes of `query` copied so far (up to the end of the last rewrite).
    let mut copied = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '"' {
            // A phrase (an unclosed one is left to the grammar's error).
            let Some(close) = (k + 1..chars.len()).find(|&j| chars[j].1 == '"') else {
                break;
            };
            let breaks: Vec<(usize, usize, &str)> = (k + 1..close)
                .filter_map(|j| {
                    break_at(j)
                        .filter(|&(w, _)| w < close)
                        .map(|(w, sep)| (j, w, sep))
                })
                .collect();
            // Its slop, which each reading keeps.
            let mut end = close + 1;
            if chars.get(end).is_some_and(|&(_, c)| c == '~') {
                let digits = (end + 1..chars.len())
                    .take_while(|&d| chars[d].1.is_ascii_digit())
                    .count();
                if digits > 0 {
                    end += 1 + digits;
                }
            }
            if !breaks.is_empty() {
                // `("…joined…"~N OR "…hyphen-ated…"~N)`: every break one
                // way or the other (a phrase with two breaks read four
                // ways would be a union of four phrases).
                push(&mut out, &mut origin, &query[copied..i], copied);
                if k > 0
                    && !chars[k - 1].1.is_whitespace()
                    && !matches!(chars[k - 1].1, '(' | '-' | '+')
                {
                    push_at(&mut out, &mut origin, " ", i);
                }
                push_at(&mut out, &mut origin, "(", i);
                for joined in [true, false] {
                    if !joined {
                        push_at(&mut out, &mut origin, " OR ", i);
                    }
                    push_at(&mut out, &mut origin, "\"", i);
                    let mut j = k + 1;
                    while j < close {
                        match breaks.iter().find(|&&(h, _, _)| h == j) {
                            Some(&(h, w, sep)) => {
                                if !joined {
                                    push_at(&mut out, &mut origin, sep, at(h));
                                }
                                j = w;
                            }
                            None => {
                                push(&mut out, &mut origin, &query[at(j)..at(j + 1)], at(j));
                                j += 1;
                            }
                        }
                    }
                    push(&mut out, &mut origin, &query[at(close)..at(end)], at(close));
                }
                close_group(&mut out, &mut origin, end, at(close));
                copied = at(end);
            }
            k = end;
            continue;
        }
        let Some((w, sep)) = break_at(k) else {
            k += 1;
            continue;
        };
        // The left part: back to a blank, a quote, a closing bracket or an
        // opening one that opens a group (one inside a word, `labour(profi`,
        // is part of it), without an operator in front, and not in what a
        // rewrite already took.
        let opens_group = |b: usize| {
            chars[b].1 == '('
                && (b == 0
                    || chars[b - 1].1.is_whitespace()
                    || matches!(chars[b - 1].1, '(' | '-' | '+'))
        };
        let mut s = k;
        while s > 0
            && !chars[s - 1].1.is_whitespace()
            && !matches!(chars[s - 1].1, ')' | '"')
            && !opens_group(s - 1)
        {
            s -= 1;
        }
        while s < k && matches!(chars[s].1, '-' | '+') {
            s += 1;
        }
        if s == k || at(s) < copied {
            k += 1;
            continue;
        }
        // The right part: letters and digits, and a compound's further parts
        // (`көші-қон`, `t-shirt`, `t's`), so that no word stands right after
        // the group's closing bracket (`(…)-қон` is not a query).
        let mut e = w;
        loop {
            while e < chars.len() && chars[e].1.is_alphanumeric() {
                e += 1;
            }
            let joins = chars
                .get(e)
                .is_some_and(|&(_, c)| matches!(c, '-' | '\'' | '’' | '.'))
                && chars.get(e + 1).is_some_and(|&(_, c)| c.is_alphanumeric());
            if !joins {
                break;
            }
            e += 1;
        }
        let (left, right) = (&query[at(s)..i], &query[at(w)..at(e)]);
        // A line-broken word whose second part a split ligature breaks again
        // (`high-⏎qualifi ed`): the ligature's two parts joined, as the
        // repair of papers joins them (`high-qualified`).
        let mut tail = "";
        if sep == "-"
            && e < chars.len()
            && let Some((w2, " ")) = break_at(e)
        {
            let mut e2 = w2;
            while e2 < chars.len() && chars[e2].1.is_alphanumeric() {
                e2 += 1;
            }
            tail = &query[at(w2)..at(e2)];
            e = e2;
        }
        push(&mut out, &mut origin, &query[copied..at(s)], copied);
        // `(leftright OR left-right)`, or `(leftright OR "left right")`:
        // the parts' bytes from where they stand, the rest from the break.
        let quote = if sep == " " { "\"" } else { "" };
        let tail_at = at(e) - tail.len();
        push_at(&mut out, &mut origin, "(", i);
        push(&mut out, &mut origin, left, at(s));
        push(&mut out, &mut origin, right, at(w));
        push(&mut out, &mut origin, tail, tail_at);
        push_at(&mut out, &mut origin, " OR ", i);
        push_at(&mut out, &mut origin, quote, i);
        push(&mut out, &mut origin, left, at(s));
        push_at(&mut out, &mut origin, sep, i);
        push(&mut out, &mut origin, right, at(w));
        push(&mut out, &mut origin, tail, tail_at);
        push_at(&mut out, &mut origin, quote, i);
        close_group(&mut out, &mut origin, e, i);
        copied = at(e);
        k = e;
    }
    // A word that the end of a line and of the selection cut (`…
    // предприятий за-`): the rest of it is not in the query, so it is left
    // out rather than asked for as the fragment it is.
    let end = match cut_at_the_end(&chars) {
        Some(s) if at(s) >= copied => at(s),
        _ => query.len(),
    };
    if copied == 0 && end == query.len() {
        return None;
    }
    push(&mut out, &mut origin, &query[copied..end], copied);
    origin.push(query.len());
    Some((out, origin))
}

/// Where the word starts that ends the query with a line-end hyphen after a
/// letter (whitespace may follow), when other words come before it and it
/// is not in a phrase: a word a selection of PDF text cut at a line end.
fn cut_at_the_end(chars: &[(usize, char)]) -> Option<usize> {
    let mut t = chars.len();
    while t > 0 && chars[t - 1].1.is_whitespace() {
        t -= 1;
    }
    if t < 2 || !LINE_HYPHENS.contains(&chars[t - 1].1) || !chars[t - 2].1.is_alphabetic() {
        return None;
    }
    let mut s = t - 1;
    while s > 0 && !chars[s - 1].1.is_whitespace() && !matches!(chars[s - 1].1, '(' | ')' | '"') {
        s -= 1;
    }
    let before = &chars[..s];
    let in_phrase = before.iter().filter(|&&(_, c)| c == '"').count() % 2 == 1;
    let words_before = before.iter().any(|&(_, c)| c.is_alphanumeric());
    (!in_phrase && words_before).then_some(s)
}

/// Appends `text`, which the query does not hold, to `out`, every byte of
/// it standing for the query's byte `from`.
fn push_at(out: &mut String, origin: &mut Vec<usize>, text: &str, from: usize) {
    out.push_str(text);
    origin.extend(std::iter::repeat_n(from, text.len()));
}

/// A parsed query: what segments must match, and what no segment of a hit
/// paper may match (the top-level `-terms`: `labour -erosion` drops papers
/// that mention erosion anywhere, not just the segments that do).
pub(crate) struct Parsed {
    pub query: Box<dyn Query>,
    pub excluded: Option<Box<dyn Query>>,
}

/// Parses `query`: the whole query read each way a query reads the analysed
/// fields (`by_field`, one parser each beside the field it reads), any of
/// which may match; the excluded terms are looked for in every field. A
/// syntax error names the position (a byte offset into `query`) and what is
/// wrong there.
///
/// A segment is analysed into one field, its language's, so `labour market`
/// asks whether some field holds both words. Asked word by word across
/// fields instead (each word a union of fields, then the words intersected)
/// the answer is nearly the same, but intersecting unions of postings cost
/// tantivy a fifth of a search's time; intersecting one field's postings is
/// what it does fastest. For the same reason the fields' queries are not
/// joined in a union: no document is in two fields, so each field's matches
/// are visited one field after the other ([`DisjointUnion`]).
///
/// With `known` (whether a term is in the index at all), a field's reading
/// that cannot match, because a term it requires is in no document, is left
/// out, and so is every part of a reading that cannot match: no weight is
/// made for it and no posting list opened. An English query is then asked of
/// the English field alone, where every field used to weigh every word
/// (tantivy computes a table of 256 scores for each), and the answer is the
/// same, scores and all.
pub(crate) fn parse(
    by_field: &[FieldParser],
    query: &str,
    known: Option<&dyn Fn(&Term) -> bool>,
    relatives: bool,
) -> Result<Parsed, IndexError> {
    let Some((first, rest)) = by_field.split_first() else {
        return Err(IndexError::Query {
            query: query.to_string(),
            position: None,
            message: "no field to search: the index has no analysed field".into(),
        });
    };
    // The grammar is read once; each parser only builds its field's query
    // from the tree (reading it per field was a fifth of a search's time).
    let ast = parse_grammar(query)?;
    // Every parser builds the same tree: the first one's error is the
    // query's error.
    let first_tree = first.tree(&ast).map_err(|e| build_error(query, e))?;
    let trees = std::iter::once((first, first_tree))
        .chain(rest.iter().filter_map(|p| Some((p, p.tree(&ast).ok()?))));
    // Each field's distinct readings with their summed boosts: the Kazakh
    // field is read stemmed and folded, and where folding changes none of
    // the query's terms (a Russian or English query; most Kazakh words,
    // whose Kazakh letters sit in suffixes the stemmer strips) the two
    // readings are one query, asked once with both boosts (scores are
    // linear in the boost) rather than as a union of a term with itself.
    // They are joined before the words' relatives are added, which the
    // first reading's rules give (the stemmed one's): the folded reading
    // would add folded ones, and the two would differ.
    let mut fields: Vec<(Field, Vec<Reading>)> = Vec::new();
    for (p, tree) in trees {
        let mut key = Vec::new();
        write_key(&tree, &mut key);
        match fields.iter_mut().find(|(f, _)| *f == p.field) {
            Some((_, readings)) => match readings.iter_mut().find(|r| r.key == key) {
                Some(same) => same.boost += p.boost,
                None => readings.push(Reading::new(p, tree, key)),
            },
            None => fields.push((p.field, vec![Reading::new(p, tree, key)])),
        }
    }
    let main: Box<dyn Query> = Box::new(DisjointUnion {
        parts: fields
            .into_iter()
            .filter_map(|(_, readings)| {
                let mut readings: Vec<Box<dyn Query>> = readings
                    .into_iter()
                    .map(|r| (r.parser.finish(r.tree, known, relatives), r.boost))
                    .filter(|(built, _)| !built.nothing)
                    .map(|(built, boost)| boosted(built.query, boost))
                    .collect();
                match readings.len() {
                    0 => None,
                    1 => readings.pop(),
                    _ => Some(Box::new(SumUnion { parts: readings }) as Box<dyn Query>),
                }
            })
            .collect(),
    });
    let mut excluded: Vec<Clause> = Vec::new();
    if let UserInputAst::Clause(clauses) = &ast {
        for (occur, ast) in clauses {
            if *occur == Some(Occur::MustNot) {
                excluded.extend(
                    by_field
                        .iter()
                        .filter_map(|p| p.build(ast, known, relatives).ok())
                        .filter(|b| !b.nothing)
                        .map(|b| (Occur::Should, b.query)),
                );
            }
        }
    }
    Ok(Parsed {
        query: main,
        excluded: (!excluded.is_empty())
            .then(|| Box::new(BooleanQuery::new(excluded)) as Box<dyn Query>),
    })
}

/// A field's tree as the parsers that read it the same make it, the key
/// that tells it from the field's other readings, and the boosts of those
/// parsers summed.
struct Reading<'a> {
    parser: &'a FieldParser,
    tree: Logical,
    key: Vec<u8>,
    boost: f32,
}

impl<'a> Reading<'a> {
    fn new(parser: &'a FieldParser, tree: Logical, key: Vec<u8>) -> Reading<'a> {
        Reading {
            parser,
            tree,
            key,
            boost: parser.boost,
        }
    }
}

/// A way a query reads one analysed field: the analyser the query's words
/// go through there, the boost its matches get, and whether every word is
/// required.
///
/// It builds the field's query from the grammar's tree as tantivy's
/// `QueryParser::build_query_from_user_input_ast` does for a parser over
/// that one field (a test holds the two equal, query by query), without
/// what made that a quarter of a search's time: the parser clones the
/// field's analyser for every word, so each word of every query was
/// normalised and stemmed afresh and the analyser's memory of stems set up
/// and dropped. Here the analysers are kept between queries, one per search
/// running at the time; each remembers at most the terms its memory holds
/// (`analysis::filter`: two generations of 65,536, a few MB at most, far
/// fewer than that for the words people search for).
pub(crate) struct FieldParser {
    pub field: Field,
    pub boost: f32,
    default_occur: Occur,
    /// The query analyser's name ([`ushtil_lang::analysis::names`]): whose
    /// rules give a word's derivational relatives.
    analyser_name: &'static str,
    /// The query analyser, copied for a search that finds none idle.
    analyser: TextAnalyzer,
    /// Copies of `analyser` not in use, with the stems they remember.
    idle: Mutex<Vec<TextAnalyzer>>,
    /// The terms of the derivational relatives of the words read here, by
    /// word (most are in no index: [`FieldParser::with_relatives`] asks each
    /// search's index which are), at most [`MAX_RELATIVES_MEMO`].
    relatives: Mutex<FxHashMap<Box<str>, Arc<[Term]>>>,
    /// tantivy's parser over the same field and analyser: what the builder
    /// is tested against.
    #[cfg(test)]
    pub parser: QueryParser,
}

/// Why a field's query could not be built from a tree.
#[derive(Debug, PartialEq)]
pub(crate) enum BuildError {
    /// Every term is excluded (`-a -b`): nothing to search for.
    OnlyExcluded,
    /// A part of tantivy's grammar that escaping keeps out of queries
    /// (`field:`, ranges, sets, `*`).
    Unsupported(&'static str),
}

/// A tree as a field reads it, before empty clauses are dropped (which
/// decides whether a query only excludes).
enum Logical {
    Clause(Vec<(Occur, Logical)>),
    Term(Term),
    /// A plain word's term (not a quoted one's), a term that may be joined
    /// by the word's derivational relatives, and what those are remembered
    /// by ([`FieldParser::relatives_key`]: the word as typed where the rules
    /// read it).
    Word(Term, Box<str>),
    /// A word's term and its derivational relatives' in one field, each
    /// with its boost: any of them matches ([`AnyTerm`]).
    AnyTerm(Vec<(Term, Score)>),
    Phrase(Vec<(usize, Term)>, u32),
    Boost(Box<Logical>, f32),
}

/// A field's query, and (for tests) its key ([`write_key`]).
pub(crate) struct Built {
    pub query: Box<dyn Query>,
    #[cfg(test)]
    pub key: Vec<u8>,
    /// Whether the query matches no document: a term it requires is in
    /// none (see [`parse`]).
    pub nothing: bool,
}

impl FieldParser {
    pub(crate) fn new(
        field: Field,
        boost: f32,
        analyser_name: &'static str,
        analyser: TextAnalyzer,
        all_words: bool,
        #[cfg(test)] parser: QueryParser,
    ) -> FieldParser {
        FieldParser {
            field,
            boost,
            analyser_name,
            default_occur: if all_words {
                Occur::Must
            } else {
                Occur::Should
            },
            analyser,
            idle: Mutex::new(Vec::new()),
            relatives: Mutex::new(FxHashMap::default()),
            #[cfg(test)]
            parser,
        }
    }

    /// `query`, built by this parser, with this reading's boost.
    pub fn boosted(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        boosted(query, self.boost)
    }

    /// The field's query from the tree (see [`FieldParser`]); with `known`,
    /// without the parts that cannot match (see [`parse`]); with
    /// `relatives`, each plain word also matches its derivational relatives
    /// that are `known` ([`RELATIVE_BOOST`]).
    pub(crate) fn build(
        &self,
        ast: &UserInputAst,
        known: Option<&dyn Fn(&Term) -> bool>,
        relatives: bool,
    ) -> Result<Built, BuildError> {
        Ok(self.finish(self.tree(ast)?, known, relatives))
    }

    /// The field's tree from the grammar's: the words as this parser reads
    /// them, nothing pruned, no relatives.
    fn tree(&self, ast: &UserInputAst) -> Result<Logical, BuildError> {
        let mut analyser = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
            .unwrap_or_else(|| self.analyser.clone());
        let logical = self.logical(ast, &mut analyser);
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(analyser);
        let logical = logical?;
        let empty = matches!(&logical, Logical::Clause(c) if c.is_empty());
        if !empty && all_negative(&logical) {
            return Err(BuildError::OnlyExcluded);
        }
        Ok(logical)
    }

    /// The query of a [`FieldParser::tree`]: with `relatives`, each plain
    /// word also matching its relatives that are `known`; without the parts
    /// that cannot match.
    fn finish(
        &self,
        tree: Logical,
        known: Option<&dyn Fn(&Term) -> bool>,
        relatives: bool,
    ) -> Built {
        let known = known.unwrap_or(&|_| true);
        let tree = if relatives {
            self.with_relatives(tree, known)
        } else {
            tree
        };
        #[cfg(test)]
        let mut key = Vec::new();
        let (query, nothing) = match pruned(tree, known) {
            Pruned::Query(logical) => {
                #[cfg(test)]
                write_key(&logical, &mut key);
                (convert(logical), false)
            }
            Pruned::Empty => (Box::new(EmptyQuery) as Box<dyn Query>, false),
            Pruned::Nothing => (Box::new(EmptyQuery) as Box<dyn Query>, true),
        };
        Built {
            query,
            #[cfg(test)]
            key,
            nothing,
        }
    }

    /// `text` as one phrase of this field (a word: its term).
    pub(crate) fn phrase(&self, text: &str) -> Option<Box<dyn Query>> {
        let literal = UserInputLiteral {
            field_name: None,
            phrase: text.to_string(),
            delimiter: Delimiter::DoubleQuotes,
            slop: 0,
            prefix: false,
        };
        let ast = UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)));
        self.build(&ast, None, false).ok().map(|b| b.query)
    }

    /// The tree as this field reads it.
    fn logical(
        &self,
        ast: &UserInputAst,
        analyser: &mut TextAnalyzer,
    ) -> Result<Logical, BuildError> {
        Ok(match ast {
            UserInputAst::Clause(children) => Logical::Clause(
                children
                    .iter()
                    .map(|(occur, child)| {
                        Ok((
                            occur.unwrap_or(self.default_occur),
                            self.logical(child, analyser)?,
                        ))
                    })
                    .collect::<Result<_, BuildError>>()?,
            ),
            UserInputAst::Boost(child, boost) => {
                let child = self.logical(child, analyser)?;
                let boost = boost.into_inner() as Score;
                if (boost - 1.0).abs() < Score::EPSILON {
                    child
                } else {
                    Logical::Boost(Box::new(child), boost)
                }
            }
            UserInputAst::Leaf(leaf) => match &**leaf {
                UserInputLeaf::Literal(literal) if literal.field_name.is_none() => {
                    if literal.prefix {
                        return Err(BuildError::Unsupported("a phrase prefix"));
                    }
                    let mut terms: Vec<(usize, Term)> = Vec::new();
                    let mut span = 0..0;
                    analyser
                        .token_stream(&literal.phrase)
                        .process(&mut |token| {
                            span = token.offset_from..token.offset_to;
                            terms.push((
                                token.position,
                                Term::from_field_text(self.field, &token.text),
                            ));
                        });
                    if terms.len() > 1 {
                        Logical::Phrase(terms, literal.slop)
                    } else {
                        match terms.pop() {
                            // A quoted word is asked for as it is.
                            Some((_, term)) if literal.delimiter == Delimiter::None => {
                                let word = literal.phrase.get(span).unwrap_or_default();
                                Logical::Word(term, self.relatives_key(word))
                            }
                            Some((_, term)) => Logical::Term(term),
                            // Nothing to search for: dropped from its clause.
                            None => Logical::Clause(Vec::new()),
                        }
                    }
                }
                UserInputLeaf::Literal(_) => return Err(BuildError::Unsupported("a field name")),
                UserInputLeaf::All => return Err(BuildError::Unsupported("`*`")),
                UserInputLeaf::Range { .. } => return Err(BuildError::Unsupported("a range")),
                UserInputLeaf::Set { .. } => return Err(BuildError::Unsupported("a set")),
                UserInputLeaf::Exists { .. } => return Err(BuildError::Unsupported("`field:*`")),
                UserInputLeaf::Regex { .. } => {
                    return Err(BuildError::Unsupported("a regular expression"));
                }
            },
        })
    }
}

impl FieldParser {
    /// `tree` with each plain word ([`Logical::Word`]) matching any of its
    /// derivational relatives that `known` accepts too.
    fn with_relatives(&self, tree: Logical, known: &dyn Fn(&Term) -> bool) -> Logical {
        match tree {
            Logical::Word(term, word) => self.word_with_relatives(term, word, known),
            Logical::Clause(children) => Logical::Clause(
                children
                    .into_iter()
                    .map(|(occur, child)| (occur, self.with_relatives(child, known)))
                    .collect(),
            ),
            Logical::Boost(child, boost) => {
                Logical::Boost(Box::new(self.with_relatives(*child, known)), boost)
            }
            other => other,
        }
    }

    /// `term`, or `term` or any of its derivational relatives that `known`
    /// accepts, each at [`RELATIVE_BOOST`].
    fn word_with_relatives(
        &self,
        term: Term,
        word: Box<str>,
        known: &dyn Fn(&Term) -> bool,
    ) -> Logical {
        let relatives = self.relatives_of(&term, &word);
        let mut any: Vec<(Term, Score)> = Vec::with_capacity(relatives.len() + 1);
        any.push((term, 1.0));
        any.extend(
            relatives
                .iter()
                .filter(|t| known(t))
                .map(|t| (t.clone(), RELATIVE_BOOST)),
        );
        if any.len() == 1 {
            return Logical::Word(any.remove(0).0, word);
        }
        Logical::AnyTerm(any)
    }

    /// What the relatives of a word typed as `word` are remembered by: the
    /// word lowercased for the Russian rules, which read it (see
    /// `ushtil_lang::analysis::relatives`); nothing for the others, which
    /// read its term only.
    fn relatives_key(&self, word: &str) -> Box<str> {
        if self.analyser_name != ushtil_lang::analysis::names::RU {
            return Box::default();
        }
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect::<String>()
            .into_boxed_str()
    }

    /// The terms of the derivational relatives of `word`, whose term here
    /// is `term`, from the memory or made and remembered (generating them
    /// was 5% of a search).
    fn relatives_of(&self, term: &Term, word: &str) -> Arc<[Term]> {
        let lock = || {
            self.relatives
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        let value = term.value();
        let text = value.as_str().unwrap_or_default();
        // The word when the rules read it, else the term.
        let key = if word.is_empty() { text } else { word };
        if let Some(found) = lock().get(key) {
            return found.clone();
        }
        let mut stems = Vec::new();
        ushtil_lang::analysis::relatives::relatives(self.analyser_name, text, word, &mut stems);
        let terms: Arc<[Term]> = stems
            .iter()
            .map(|stem| Term::from_field_text(self.field, stem))
            .collect();
        let mut memo = lock();
        if memo.len() >= MAX_RELATIVES_MEMO {
            memo.clear();
        }
        memo.insert(key.into(), terms.clone());
        terms
    }
}

/// Terms whose relatives a [`FieldParser`] remembers at most; past it the
/// memory starts over.
const MAX_RELATIVES_MEMO: usize = 1 << 14;

/// The boost of a match of a word's derivational relative (`миграционная`
/// for `миграция`): below the word's own forms, so a paper that uses the
/// word asked for ranks first.
pub(crate) const RELATIVE_BOOST: f32 = 0.5;

/// Whether nothing in `logical` is asked for but excluded terms (an empty
/// clause counts as excluded, as tantivy counts it).
fn all_negative(logical: &Logical) -> bool {
    match logical {
        Logical::Term(_) | Logical::Word(..) | Logical::AnyTerm(_) | Logical::Phrase(..) => false,
        Logical::Boost(child, _) => all_negative(child),
        Logical::Clause(children) => children
            .iter()
            .all(|(occur, child)| *occur == Occur::MustNot || all_negative(child)),
    }
}

/// What is left of a tree once its empty clauses (words that made no
/// term) are dropped, as tantivy drops them, and the parts that cannot
/// match (a term not `known`) are: a required part that cannot match makes
/// its clause unable to, an optional or excluded one is dropped.
enum Pruned {
    Query(Logical),
    /// Nothing was asked (no word made a term).
    Empty,
    /// What was asked matches no document.
    Nothing,
}

fn pruned(logical: Logical, known: &dyn Fn(&Term) -> bool) -> Pruned {
    match logical {
        Logical::Term(term) | Logical::Word(term, _) if !known(&term) => Pruned::Nothing,
        Logical::Phrase(terms, _) if !terms.iter().all(|(_, t)| known(t)) => Pruned::Nothing,
        Logical::AnyTerm(mut terms) => {
            terms.retain(|(t, _)| known(t));
            match terms.len() {
                0 => Pruned::Nothing,
                1 => {
                    let (term, boost) = terms.remove(0);
                    Pruned::Query(if boost == 1.0 {
                        Logical::Term(term)
                    } else {
                        Logical::Boost(Box::new(Logical::Term(term)), boost)
                    })
                }
                _ => Pruned::Query(Logical::AnyTerm(terms)),
            }
        }
        Logical::Boost(child, boost) => match pruned(*child, known) {
            Pruned::Query(child) => Pruned::Query(Logical::Boost(Box::new(child), boost)),
            other => other,
        },
        Logical::Clause(children) => {
            let mut kept: Vec<(Occur, Logical)> = Vec::with_capacity(children.len());
            let mut dropped = false;
            for (occur, child) in children {
                match pruned(child, known) {
                    Pruned::Query(child) => kept.push((occur, child)),
                    Pruned::Empty => {}
                    Pruned::Nothing if occur == Occur::Must => return Pruned::Nothing,
                    Pruned::Nothing => dropped = true,
                }
            }
            // A clause with nothing left to match but exclusions matches
            // nothing (tantivy's boolean query needs a positive part).
            let positive = kept.iter().any(|(occur, _)| *occur != Occur::MustNot);
            if dropped && !positive {
                Pruned::Nothing
            } else if kept.is_empty() {
                Pruned::Empty
            } else {
                Pruned::Query(Logical::Clause(kept))
            }
        }
        other => Pruned::Query(other),
    }
}

/// The key of a tree ([`Built::key`]): equal for two trees of one field
/// exactly when they are the same query (a plain word's term and a quoted
/// one's are the same term query).
fn write_key(logical: &Logical, key: &mut Vec<u8>) {
    let term_key = |term: &Term, key: &mut Vec<u8>| {
        let bytes = term.serialized_value_bytes();
        key.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        key.extend_from_slice(bytes);
    };
    match logical {
        Logical::Clause(children) => {
            key.push(b'(');
            for (occur, child) in children {
                key.push(occur_key(*occur));
                write_key(child, key);
            }
            key.push(b')');
        }
        Logical::Term(term) | Logical::Word(term, _) => {
            key.push(b't');
            term_key(term, key);
        }
        Logical::AnyTerm(terms) => {
            key.push(b'a');
            key.extend_from_slice(&(terms.len() as u32).to_le_bytes());
            for (term, boost) in terms {
                key.extend_from_slice(&boost.to_bits().to_le_bytes());
                term_key(term, key);
            }
        }
        Logical::Phrase(terms, slop) => {
            key.push(b'p');
            key.extend_from_slice(&slop.to_le_bytes());
            key.extend_from_slice(&(terms.len() as u32).to_le_bytes());
            for (position, term) in terms {
                key.extend_from_slice(&(*position as u64).to_le_bytes());
                term_key(term, key);
            }
        }
        Logical::Boost(child, boost) => {
            key.push(b'b');
            key.extend_from_slice(&boost.to_bits().to_le_bytes());
            write_key(child, key);
        }
    }
}

/// The query of a pruned tree.
fn convert(logical: Logical) -> Box<dyn Query> {
    match logical {
        Logical::Clause(children) => Box::new(BooleanQuery::new(
            children
                .into_iter()
                .map(|(occur, child)| (occur, convert(child)))
                .collect(),
        )),
        Logical::Term(term) | Logical::Word(term, _) => Box::new(MemoTermQuery::new(term)),
        Logical::AnyTerm(terms) => Box::new(AnyTerm { terms }),
        Logical::Phrase(terms, slop) => {
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
        }
        Logical::Boost(child, boost) => Box::new(BoostQuery::new(convert(*child), boost)),
    }
}

fn occur_key(occur: Occur) -> u8 {
    match occur {
        Occur::Should => b's',
        Occur::Must => b'm',
        Occur::MustNot => b'n',
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// A clause of a `BooleanQuery`.
type Clause = (Occur, Box<dyn Query>);

/// The union of queries no document matches two of (each over its own
/// fields), scored as a union is (a document's score is its one part's).
/// Collecting visits each part's matches in turn instead of merging them in
/// doc order: tantivy's union buffers and merges its parts' postings window
/// by window (dropping it saved 6% of a search's instructions over 10,000
/// papers; the unions inside a part, of its words, remain). Anything that
/// needs one scorer (counting, explaining, pruning, an enclosing query) gets
/// the ordinary union of the parts.
#[derive(Debug)]
pub(crate) struct DisjointUnion {
    pub parts: Vec<Box<dyn Query>>,
}

impl Clone for DisjointUnion {
    fn clone(&self) -> Self {
        DisjointUnion {
            parts: clone_parts(&self.parts),
        }
    }
}

impl Query for DisjointUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(part_weights(&self.parts, enable_scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        part_terms(&self.parts, visitor);
    }
}

/// The terms of every part of a union.
fn part_terms<'a>(parts: &'a [Box<dyn Query>], visitor: &mut dyn FnMut(&'a Term, bool)) {
    for part in parts {
        part.query_terms(visitor);
    }
}

fn clone_parts(parts: &[Box<dyn Query>]) -> Vec<Box<dyn Query>> {
    parts.iter().map(|q| q.box_clone()).collect()
}

/// The weights of a union's parts.
fn part_weights(
    parts: &[Box<dyn Query>],
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<DisjointWeight> {
    let parts = parts
        .iter()
        .map(|q| q.weight(enable_scoring).map(Arc::from))
        .collect::<tantivy::Result<Vec<Arc<dyn Weight>>>>()?;
    Ok(DisjointWeight {
        parts,
        scoring: enable_scoring.is_scoring_enabled(),
    })
}

struct DisjointWeight {
    parts: Vec<Arc<dyn Weight>>,
    scoring: bool,
}

/// A part's weight, shared with the union [`DisjointWeight::union`] builds.
struct SharedWeight(Arc<dyn Weight>);

impl Weight for SharedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

impl DisjointWeight {
    /// The parts as an ordinary union (a `BooleanQuery` of `Should`s).
    fn union(&self) -> BooleanWeight<SumCombiner> {
        BooleanWeight::with_minimum_number_should_match(
            self.parts
                .iter()
                .map(|w| {
                    (
                        Occur::Should,
                        Box::new(SharedWeight(w.clone())) as Box<dyn Weight>,
                    )
                })
                .collect(),
            0,
            self.scoring,
            Box::new(SumCombiner::default),
        )
    }
}

impl Weight for DisjointWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.union().scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union().explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        for part in &self.parts {
            part.for_each(reader, callback)?;
        }
        Ok(())
    }
}

/// Any of a few terms of one field (a word and its derivational
/// relatives), each scored as its `TermQuery` with its boost, a document's
/// score the sum of its terms' in their order (as tantivy's union adds
/// them). Its scorer merges the terms' postings head by head: inside an
/// intersection (a query of several words) tantivy's union seeks through
/// 4,096-document windows that it sets up per segment, which cost three
/// times what the rest of such a search did.
#[derive(Clone, Debug)]
pub(crate) struct AnyTerm {
    pub terms: Vec<(Term, Score)>,
}

impl Query for AnyTerm {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let parts = self
            .terms
            .iter()
            .map(|(term, boost)| {
                let query = MemoTermQuery::new(term.clone());
                Ok((query.weight(enable_scoring)?, *boost))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyTermWeight { parts }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in &self.terms {
            visitor(term, false);
        }
    }
}

struct AnyTermWeight {
    parts: Vec<(Box<dyn Weight>, Score)>,
}

impl Weight for AnyTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts = self
            .parts
            .iter()
            .map(|(weight, own)| weight.scorer(reader, boost * own))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut scorer = AnyTermScorer {
            parts,
            doc: TERMINATED,
        };
        scorer.doc = scorer.first_doc();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("any of a word's terms", scorer.score()))
    }

    /// Walked alone (a one-word query), each term's postings are walked by
    /// tantivy's fast path and merged, as [`SumWeight`] merges its parts.
    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let parts = self.parts.iter().map(|(w, boost)| (&**w, *boost));
        sum_for_each(reader, parts, callback)
    }
}

/// The terms' scorers, each at its next document.
struct AnyTermScorer {
    parts: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl AnyTermScorer {
    fn first_doc(&self) -> DocId {
        self.parts
            .iter()
            .map(|p| p.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for AnyTermScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return doc;
        }
        for part in &mut self.parts {
            if part.doc() == doc {
                part.advance();
            }
        }
        self.doc = self.first_doc();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for part in &mut self.parts {
            if part.doc() < target {
                part.seek(target);
            }
        }
        self.doc = self.first_doc();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts
            .iter()
            .map(|p| p.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.parts.iter().map(|p| p.cost()).sum()
    }
}

impl Scorer for AnyTermScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum = 0.0;
        for part in &mut self.parts {
            if part.doc() == doc {
                sum += part.score();
            }
        }
        sum
    }
}

/// The union of queries over one field that a document may match several
/// of (the Kazakh field read stemmed and read folded), scored as a union
/// is: a document's score is the sum of its parts' scores, added in the
/// parts' order. Collecting gathers each part's matches in turn and adds
/// them up doc by doc, where tantivy's union sets up a 4,096-document
/// window of scores for every segment (about 12K instructions a query on
/// the 1k bench) and merges the parts window by window. Anything that
/// needs one scorer gets the ordinary union, as [`DisjointUnion`] does.
#[derive(Debug)]
pub(crate) struct SumUnion {
    pub parts: Vec<Box<dyn Query>>,
}

impl Clone for SumUnion {
    fn clone(&self) -> Self {
        SumUnion {
            parts: clone_parts(&self.parts),
        }
    }
}

impl Query for SumUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SumWeight(part_weights(
            &self.parts,
            enable_scoring,
        )?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        part_terms(&self.parts, visitor);
    }
}

/// [`SumUnion`]'s weight: its parts, as a [`DisjointWeight`] holds them.
struct SumWeight(DisjointWeight);

impl Weight for SumWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.union().scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.union().explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let parts = self.0.parts.iter().map(|w| (&**w, 1.0));
        sum_for_each(reader, parts, callback)
    }
}

/// The matches of `parts` (weights, each with a factor its scores are
/// multiplied by) in doc order, a document's scores added in the parts'
/// order (as tantivy's union adds them): each part's matches come in doc
/// order, and the sum so far is merged with the next part's.
fn sum_for_each<'a>(
    reader: &SegmentReader,
    parts: impl IntoIterator<Item = (&'a dyn Weight, Score)>,
    callback: &mut dyn FnMut(DocId, Score),
) -> tantivy::Result<()> {
    let mut sum: Vec<(DocId, Score)> = Vec::new();
    let mut part: Vec<(DocId, Score)> = Vec::new();
    let mut merged: Vec<(DocId, Score)> = Vec::new();
    for (k, (weight, factor)) in parts.into_iter().enumerate() {
        let into = if k == 0 { &mut sum } else { &mut part };
        into.clear();
        weight.for_each(reader, &mut |doc, score| into.push((doc, score * factor)))?;
        if k == 0 {
            continue;
        }
        merged.clear();
        merged.reserve(sum.len() + part.len());
        let (mut a, mut b) = (sum.iter().peekable(), part.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&(da, sa)), Some(&&(db, sb))) => {
                    if da < db {
                        a.next();
                        (da, sa)
                    } else if db < da {
                        b.next();
                        (db, sb)
                    } else {
                        a.next();
                        b.next();
                        (da, sa + sb)
                    }
                }
                (Some(&&x), None) => {
                    a.next();
                    x
                }
                (None, Some(&&x)) => {
                    b.next();
                    x
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        std::mem::swap(&mut sum, &mut merged);
    }
    for (doc, score) in sum {
        callback(doc, score);
    }
    Ok(())
}

/// What a query may hold, for the errors that say it holds something else.
const LANGUAGE_HINT: &str = "use words, \"phrases\", AND, OR, -word and parentheses";

fn query_error(query: &str, position: Option<usize>, message: String) -> IndexError {
    IndexError::Query {
        query: query.to_string(),
        position,
        message,
    }
}

/// `query` as the grammar reads it (pasted text's line-broken words and
/// split ligatures rejoined, tantivy-only syntax escaped), and for each of
/// its bytes the byte of `query` it came from.
fn read_pasted(query: &str) -> (String, Vec<usize>) {
    match rejoin_broken_words(query) {
        Some((text, to_query)) => {
            let (escaped, to_text) = escape(&text);
            (escaped, to_text.into_iter().map(|p| to_query[p]).collect())
        }
        None => escape(query),
    }
}

/// Reads `query` by the grammar: the tree every field's query is built
/// from, or an error that says where and what.
fn parse_grammar(query: &str) -> Result<UserInputAst, IndexError> {
    let error = |position, message| query_error(query, position, message);
    // Text copied from a PDF set in a legacy Kazakh font writes `Ќ` for `Қ`
    // (`lookalike::KZ_1048`): read with its Kazakh letters, as the analysers
    // read its words, so that a pasted label (`Тїйін сґздер:`) is one too.
    // Letter for letter, two bytes for two: every position is the query's.
    let repaired = ushtil_lang::lookalike::repair_legacy_kazakh(query).0;
    let query: &str = &repaired;
    // A keyword list or abstract pasted with its label (`Ключевые слова:
    // Китай, …`): the label is not a word of what it heads (a paper indexes
    // its keywords without it), so it is left out.
    let skip = ushtil_segment::leading_label(query)
        .filter(|&n| query[n..].chars().any(char::is_alphanumeric))
        .unwrap_or(0);
    let body = &query[skip..];
    let read = |q: &str| {
        let (escaped, mut origin) = read_pasted(q);
        if skip > 0 {
            origin.iter_mut().for_each(|p| *p += skip);
        }
        (escaped, origin)
    };
    let (mut escaped, mut origin) = read(body);
    // Text pasted from inside a parenthesis (`… sectors (similarly`, `2012),
    // with`), with no phrase or operator of its own: its brackets are the
    // punctuation they were in the paper (each a space, so offsets stay).
    // Where the query uses the language, a bracket without its pair, or a
    // pair holding nothing, is the error it says.
    if unbalanced(&escaped).is_some_and(|(_, what)| what != UNCLOSED_PHRASE)
        && !uses_the_language(body)
    {
        (escaped, origin) = read(&body.replace(['(', ')'], " "));
    }
    // Blank once a lone `-` or `+` is read as the punctuation it is.
    if escaped.trim().is_empty() {
        return Err(error(
            None,
            "the query is empty: type a word or a \"phrase\"".into(),
        ));
    }
    if let Some((p, what)) = unbalanced(&escaped).or_else(|| dangling_operator(&escaped)) {
        return Err(error(Some(origin[p]), what.into()));
    }
    if let Some(ast) = plain_words(&escaped) {
        return Ok(ast);
    }
    if let Ok(ast) = tantivy::query_grammar::parse_query(&escaped) {
        return Ok(ast);
    }
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(&escaped);
    Err(match errors.into_iter().next() {
        Some(e) => {
            let p = origin.get(e.pos).copied().unwrap_or(query.len());
            error(
                Some(p),
                format!(
                    "{} at byte {p}{}",
                    e.message.to_lowercase(),
                    context(query, p)
                ),
            )
        }
        None => error(None, format!("it does not parse: {LANGUAGE_HINT}")),
    })
}

/// Characters a word of tantivy's grammar holds only escaped
/// (`query_grammar::ESCAPE_IN_WORD`, tantivy-query-grammar 0.27).
const ESCAPE_IN_WORD: &[char] = &['^', '`', ':', '{', '}', '"', '\'', '[', ']', '(', ')', '\\'];

/// The tree tantivy's grammar makes of an escaped query of plain words
/// (no phrase, group, operator or `-`/`+`), made without it: what most
/// people type, and what the grammar's combinators took a twenty-fifth of
/// a search to read (12K instructions of 293K on the 1k bench index; this
/// takes under 2K). `None` for any other query. A test holds the two trees
/// equal.
fn plain_words(escaped: &str) -> Option<UserInputAst> {
    let mut leaves: Vec<UserInputAst> = Vec::new();
    let mut words = 0;
    for word in escaped.split([' ', '\t', '\r', '\n']) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if word.starts_with(['-', '+'])
            || word.contains(['"', '(', ')'])
            || matches!(word, "AND" | "OR" | "NOT" | "IN")
        {
            return None;
        }
        let literal = UserInputLiteral {
            field_name: None,
            phrase: unescaped(word),
            delimiter: Delimiter::None,
            slop: 0,
            prefix: false,
        };
        let leaf = UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)));
        // The grammar drops a clause's repeated children.
        if !leaves.contains(&leaf) {
            leaves.push(leaf);
        }
    }
    // One word is a leaf; more are a clause, even with their repeats
    // dropped.
    match (leaves.len(), words) {
        (0, _) => None,
        (1, 1) => leaves.pop(),
        _ => Some(UserInputAst::Clause(
            leaves.into_iter().map(|leaf| (None, leaf)).collect(),
        )),
    }
}

/// A word of the grammar with its escapes read as the grammar reads them
/// (`query_grammar::interpret_escape`): the backslash goes before a
/// character that needs it and stays before one that does not.
fn unescaped(word: &str) -> String {
    let needs_escape = |c: char| c.is_whitespace() || ESCAPE_IN_WORD.contains(&c) || c == '-';
    let mut out = String::with_capacity(word.len());
    let mut in_escape = false;
    for c in word.chars() {
        if in_escape {
            if !needs_escape(c) {
                out.push('\\');
            }
            out.push(c);
            in_escape = false;
        } else if c == '\\' {
            in_escape = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// The query's error for a field's [`BuildError`].
fn build_error(query: &str, e: BuildError) -> IndexError {
    match e {
        BuildError::OnlyExcluded => query_error(
            query,
            None,
            "it only excludes terms (-word): add a word to search for".into(),
        ),
        BuildError::Unsupported(what) => query_error(
            query,
            None,
            format!("{what} is not part of the query language: {LANGUAGE_HINT}"),
        ),
    }
}

/// How deep parentheses may nest: tantivy's grammar parses them recursively,
/// and a few thousand levels overflow a thread's stack.
const MAX_NESTING: usize = 32;

/// Finds an unclosed quote or an unbalanced parenthesis in an escaped query:
/// its byte offset and what is wrong.
fn unbalanced(escaped: &str) -> Option<(usize, &'static str)> {
    let mut in_phrase: Option<usize> = None;
    let mut open: Vec<usize> = Vec::new();
    let mut prev_backslash = false;
    for (i, c) in escaped.char_indices() {
        if prev_backslash {
            prev_backslash = false;
            continue;
        }
        match c {
            '\\' => prev_backslash = true,
            '"' => {
                in_phrase = match in_phrase {
                    Some(_) => None,
                    None => Some(i),
                }
            }
            '(' if in_phrase.is_none() => {
                open.push(i);
                if open.len() > MAX_NESTING {
                    return Some((i, "parentheses nest more than 32 deep: simplify the query"));
                }
            }
            ')' if in_phrase.is_none() => match open.pop() {
                None => return Some((i, "a ')' closes no '(': remove it or add the '('")),
                Some(o) if escaped[o + 1..i].trim().is_empty() => {
                    return Some((
                        o,
                        "these parentheses hold nothing: put words in them or remove them",
                    ));
                }
                Some(_) => {}
            },
            _ => {}
        }
    }
    if let Some(i) = in_phrase {
        return Some((i, UNCLOSED_PHRASE));
    }
    open.first()
        .map(|&i| (i, "this '(' is never closed: add a ')'"))
}

const UNCLOSED_PHRASE: &str = "the phrase opened by this '\"' is never closed: add a closing '\"'";

/// Whether a query has a phrase or a word of the query language (`AND`,
/// `OR`, `NOT`): then it was written as a query, not pasted.
fn uses_the_language(query: &str) -> bool {
    query.contains('"')
        || query
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')'))
            .any(|w| matches!(w, "AND" | "OR" | "NOT"))
}

/// Finds an `AND`/`OR` without a word on each side (`a AND`, `OR b`,
/// `a AND OR b`): its byte offset and what is wrong.
fn dangling_operator(escaped: &str) -> Option<(usize, &'static str)> {
    // Words outside phrases, with their offsets; a phrase counts as a word.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut in_phrase = false;
    let mut start: Option<usize> = None;
    let mut prev_backslash = false;
    for (i, c) in escaped.char_indices().chain([(escaped.len(), ' ')]) {
        let escaped_char = prev_backslash;
        prev_backslash = c == '\\' && !escaped_char;
        if c == '"' && !escaped_char {
            in_phrase = !in_phrase;
        }
        let boundary =
            !in_phrase && (c.is_whitespace() || ((c == '(' || c == ')') && !escaped_char));
        match (start, boundary) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                words.push((s, &escaped[s..i]));
                start = None;
            }
            _ => {}
        }
        if boundary && (c == '(' || c == ')') && i < escaped.len() {
            words.push((i, &escaped[i..i + 1]));
        }
    }
    let is_op = |w: &str| w == "AND" || w == "OR" || w == "NOT";
    for (k, &(pos, w)) in words.iter().enumerate() {
        if !is_op(w) {
            continue;
        }
        let before = k.checked_sub(1).map(|j| words[j].1);
        let after = words.get(k + 1).map(|w| w.1);
        let right_ok = after.is_some_and(|a| !matches!(a, "AND" | "OR" | ")"));
        if w == "NOT" {
            if !right_ok {
                return Some((pos, "NOT needs a word or phrase after it"));
            }
            continue;
        }
        let left_ok = before.is_some_and(|b| !is_op(b) && b != "(");
        if !left_ok || !right_ok {
            return Some((pos, "AND and OR need a word or phrase on each side"));
        }
    }
    None
}

fn context(query: &str, pos: usize) -> String {
    let mut start = pos.min(query.len());
    while !query.is_char_boundary(start) {
        start -= 1;
    }
    let rest: String = query[start..].chars().take(12).collect();
    if rest.is_empty() {
        " (the end of the query)".into()
    } else {
        format!(" (near {rest:?})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::query::QueryParserError;

    /// Text as it is pasted from a paper: words in three scripts (in
    /// capitals too, with `IN` and `TO`), digits and punctuation, dashes
    /// spaced or not; no quotes, parentheses or `AND`/`OR`/`NOT`.
    fn pasted_text() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            prop::sample::select(
                &[
                    "labour",
                    "EXPORT",
                    "IN",
                    "TO",
                    "In",
                    "мигрантов",
                    "ҚЫТАЙ",
                    "көші-қон",
                    "COVID-19",
                    "2015–2020",
                    "1,5%",
                    "№",
                    ":",
                    ",",
                    ".",
                    "'",
                    "!",
                    "?",
                    "/",
                    "&",
                    "–",
                    "—",
                    "-",
                    "+",
                    "*",
                    "^",
                    "~",
                    "[",
                    "]",
                    "{",
                    "}",
                    "<",
                    ">",
                    "=",
                    "\\",
                    "`",
                    "|",
                    "#",
                    "@",
                    "$",
                    "«",
                    "»",
                    "“",
                    "”",
                    // Split ligatures' left parts.
                    "profi",
                    "DIFF",
                    // A parenthesis a selection opened or closed.
                    "(",
                    ")",
                ][..]
            )
            .prop_map(str::to_string),
            "[a-zа-яәқ]{1,6}",
        ];
        let sep = prop::sample::select(
            &["", " ", "  ", "\t", "\n", "\u{a0}", "\u{2009}", "\u{3000}"][..],
        );
        prop::collection::vec((token, sep), 1..10).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(t, s)| format!("{t}{s}"))
                .collect::<String>()
        })
    }

    proptest! {
        /// Pasted text is a query, never a syntax error (unless nothing of
        /// it is left once lone dashes are read as punctuation).
        #[test]
        fn pasted_text_always_parses(query in pasted_text()) {
            // Blank once lone dashes, and brackets without their pair (pasted
            // text uses no language), are punctuation.
            let escaped = escape(&query).0;
            let read = if unbalanced(&escaped).is_some() {
                escape(&query.replace(['(', ')'], " ")).0
            } else {
                escaped
            };
            let blank = read.trim().is_empty();
            match parse_grammar(&query) {
                Ok(_) => prop_assert!(!blank),
                Err(e) => prop_assert!(blank, "{query:?}: {e}"),
            }
            // And every field builds its query (`/ a /` was a regular
            // expression), unless the text only excludes (`-labour`).
            if let Err(e) = parse(&parsers()[0], &query, None, true) {
                let message = e.to_string();
                prop_assert!(blank || message.contains("only excludes"), "{query:?}: {message}");
            }
        }
    }

    /// Queries with the whole language: pasted text's words and
    /// punctuation, phrases with and without a slop, parentheses, `AND`,
    /// `OR`, `NOT`, `-` and `+` (many do not parse, and are skipped).
    fn queries() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            3 => pasted_text(),
            1 => prop::sample::select(
                &[
                    "\"", "\"labour export\"", "\"көші-қон саясаты\"~2", "(", ")", "AND",
                    "OR", "NOT", "-мигранттар", "+migration", "-(", "\"мигрантов\"", "-\"a b\"",
                ][..]
            )
            .prop_map(str::to_string),
        ];
        prop::collection::vec(token, 1..6).prop_map(|parts| parts.join(" "))
    }

    /// Every field parser, each set ([all words, any word]).
    fn parsers() -> &'static [Vec<FieldParser>; 2] {
        static PARSERS: std::sync::OnceLock<[Vec<FieldParser>; 2]> = std::sync::OnceLock::new();
        PARSERS.get_or_init(|| {
            let fields = crate::schema::Fields::new();
            [
                crate::search::field_parsers(&fields, true),
                crate::search::field_parsers(&fields, false),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The builder makes, field by field, the query tantivy's parser
        /// makes from the same tree, and fails where it fails; its keys are
        /// equal exactly when the queries are.
        #[test]
        fn fields_build_what_tantivys_parser_builds(query in queries()) {
            let Ok(ast) = parse_grammar(&query) else { return Ok(()) };
            for set in parsers() {
                let mut built: Vec<(Field, Vec<u8>, String)> = Vec::new();
                for p in set {
                    let ours = p.build(&ast, None, false);
                    let theirs = p.parser.build_query_from_user_input_ast(ast.clone());
                    match (ours, theirs) {
                        (Ok(ours), Ok(theirs)) => {
                            let (o, t) = (format!("{:?}", ours.query), format!("{theirs:?}"));
                            prop_assert_eq!(&o, &t, "{:?}", query);
                            built.push((p.field, ours.key, o));
                        }
                        (Err(BuildError::OnlyExcluded), Err(QueryParserError::AllButQueryForbidden)) => {}
                        (ours, theirs) => prop_assert!(
                            false,
                            "{:?}: ours {:?}, tantivy's {:?}",
                            query,
                            ours.map(|b| b.query),
                            theirs
                        ),
                    }
                }
                for (i, a) in built.iter().enumerate() {
                    for b in &built[i + 1..] {
                        if a.0 == b.0 {
                            prop_assert_eq!(a.1 == b.1, a.2 == b.2, "{:?}", query);
                        }
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Where the plain-word reading applies, it makes the grammar's tree.
        #[test]
        fn plain_words_read_as_the_grammar_reads_them(query in prop_oneof![pasted_text(), queries()]) {
            let (escaped, _) = escape(&query);
            if let Some(ours) = plain_words(&escaped) {
                let theirs = tantivy::query_grammar::parse_query(&escaped);
                prop_assert_eq!(Some(ours), theirs.ok(), "{:?}", escaped);
            }
        }
    }

    #[test]
    fn plain_words_are_read_without_the_grammar_and_the_rest_with_it() {
        for plain in [
            "labour",
            "labour export",
            "a a b",
            "сөздер\\: Қытай",
            "COVID-19 1,5%",
        ] {
            assert!(plain_words(plain).is_some(), "{plain}");
        }
        for other in [
            "-a b", "a +b", "\"a b\"", "(a)", "a AND b", "NOT a", "a OR b", "  ",
        ] {
            assert!(plain_words(other).is_none(), "{other}");
        }
    }

    #[test]
    fn the_kazakh_readings_join_when_folding_changes_nothing() {
        // `мигранттар` has no Kazakh letter: stemmed and folded it is one
        // term; `қытай` folds to `кытай`.
        let set = &parsers()[1];
        let (kk, fold) = (&set[0], &set[3]);
        assert_eq!(kk.field, fold.field);
        let key = |p: &FieldParser, q: &str| {
            p.build(&parse_grammar(q).unwrap(), None, false)
                .unwrap()
                .key
        };
        assert_eq!(key(kk, "мигранттар"), key(fold, "мигранттар"));
        assert_ne!(key(kk, "қытай"), key(fold, "қытай"));
    }

    #[test]
    fn words_broken_at_a_line_end_read_joined_or_hyphenated() {
        let rejoined = |q: &str| rejoin_broken_words(q).map(|(text, _)| text);
        let both = Some("(экономикалық OR эконо-микалық)".to_string());
        assert_eq!(rejoined("эконо- микалық"), both);
        assert_eq!(rejoined("эконо-\nмикалық"), both);
        assert_eq!(rejoined("эконо\u{ad}\r\n микалық"), both);
        assert_eq!(
            rejoined("a эконо-\nмикалық, b").as_deref(),
            Some("a (экономикалық OR эконо-микалық) , b")
        );
        assert_eq!(
            rejoined("-эконо- мика").as_deref(),
            Some("-(экономика OR эконо-мика)")
        );
        assert_eq!(
            rejoined("көші-қон- саясаты").as_deref(),
            Some("(көші-қонсаясаты OR көші-қон-саясаты)")
        );
        // The right part whole: no word stands after the bracket.
        assert_eq!(
            rejoined("labour- көші-қон").as_deref(),
            Some("(labourкөші-қон OR labour-көші-қон)")
        );
        assert_eq!(
            rejoined("great profi t-shirt's, b").as_deref(),
            Some("great (profit-shirt's OR \"profi t-shirt's\") , b")
        );
        // A split ligature after the break: joined in both readings.
        assert_eq!(
            rejoined("for high-\nqualifi ed workers").as_deref(),
            Some("for (highqualified OR high-qualified) workers")
        );
        // A phrase: all its breaks joined, or all hyphenated, its slop kept.
        assert_eq!(
            rejoined("\"эконо- микалық өсу\"").as_deref(),
            Some("(\"экономикалық өсу\" OR \"эконо-микалық өсу\")")
        );
        assert_eq!(
            rejoined("-\"a эконо-\nмика b- c\"~2 d").as_deref(),
            Some("-(\"a экономика bc\"~2 OR \"a эконо-мика b-c\"~2) d")
        );
        assert_eq!(
            rejoined("x\"эконо- мика\"").as_deref(),
            Some("x (\"экономика\" OR \"эконо-мика\")")
        );
        // Dashes between words and numbers, compounds, phrases without a
        // break, an unclosed phrase: as typed.
        for q in [
            "Kazakhstan- China",
            "2015- 2020",
            "labour - export",
            "көші-қон",
            "\"көші-қон - саясаты\"",
            "\"эконо- микалық",
            "эконо-",
        ] {
            assert_eq!(rejoined(q), None, "{q:?}");
        }
    }

    #[test]
    fn a_word_cut_at_the_end_of_a_pasted_selection_is_left_out() {
        let rejoined = |q: &str| rejoin_broken_words(q).map(|(text, _)| text);
        assert_eq!(
            rejoined("китайских предприятий за-").as_deref(),
            Some("китайских предприятий ")
        );
        assert_eq!(
            rejoined("эконо- микалық өсу за-\n").as_deref(),
            Some("(экономикалық OR эконо-микалық) өсу ")
        );
        assert_eq!(rejoined("a\tкөші-қон- \n").as_deref(), Some("a\t"));
        // Alone, in a phrase, after a number: as typed.
        for q in ["за-", "\"a за-\"", "\"a за-", "2015-", "a 2015-"] {
            assert_eq!(rejoined(q), None, "{q:?}");
        }
    }

    #[test]
    fn ligatures_split_by_a_space_read_joined_or_as_typed() {
        let rejoined = |q: &str| rejoin_broken_words(q).map(|(text, _)| text);
        assert_eq!(
            rejoined("great profi t").as_deref(),
            Some("great (profit OR \"profi t\")")
        );
        assert_eq!(
            rejoined("infl uence, diff erent").as_deref(),
            Some("(influence OR \"infl uence\") , (different OR \"diff erent\")")
        );
        // A word ending in a ligature's letters before a suffix only.
        assert_eq!(
            rejoined("staff ed").as_deref(),
            Some("(staffed OR \"staff ed\")")
        );
        // In a phrase, with a line-end hyphen too: all joined, or as typed.
        assert_eq!(
            rejoined("\"really great profi t\"~1").as_deref(),
            Some("(\"really great profit\"~1 OR \"really great profi t\"~1)")
        );
        assert_eq!(
            rejoined("\"эконо- мика profi t\"").as_deref(),
            Some("(\"экономика profit\" OR \"эконо-мика profi t\")")
        );
        // Words that end in a ligature's letters, before a word; a right
        // part that is not a lower-case Latin word; a fragment inside a
        // longer token: as typed.
        for q in [
            "staff members",
            "off the record",
            "tariff policy",
            "profi T",
            "profi t2",
            "profi tы",
            "қprofi t",
            "if the",
        ] {
            assert_eq!(rejoined(q), None, "{q:?}");
        }
    }

    #[test]
    fn brackets_without_their_pair_or_inside_words_are_punctuation() {
        for q in [
            "sectors (similarly",
            "of 2012), with",
            "a () b",
            "x (y) z)",
            "migrant(s) in China",
            "(s)he said",
            "Smith(2010) and",
            "soil) OR wind",
            "\"labour export\")",
            "\"labour export\"~2)",
            "labour(profi t",
            "\"a b\"(c)",
        ] {
            assert!(parse_grammar(q).is_ok(), "{q:?}");
        }
        // A query that uses the language gets the error, where it is.
        for (q, at) in [("soil OR (wind", 8), ("(soil OR", 0), ("\"a b\" (c", 6)] {
            match parse_grammar(q) {
                Err(IndexError::Query { position, .. }) => assert_eq!(position, Some(at), "{q:?}"),
                other => panic!("{q:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_pasted_label_is_left_out_and_errors_still_point_into_the_query() {
        let words = |q: &str| format!("{:?}", parse_grammar(q).unwrap());
        assert_eq!(
            words("Ключевые слова: Китай, мигранты"),
            words("Китай, мигранты")
        );
        assert_eq!(words("Аңдатпа. Мақалада"), words("Мақалада"));
        // A label alone is searched for; `Abstract art` keeps its word.
        assert!(words("Keywords:").contains("Keywords"));
        assert!(words("Abstract art").contains("Abstract"));
        let query = "Keywords: China OR (";
        match parse_grammar(query) {
            Err(IndexError::Query { position, .. }) => {
                assert_eq!(position, Some(query.len() - 1));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_after_a_rejoined_word_point_into_the_query_as_typed() {
        let query = "эконо- микалық OR (";
        match parse_grammar(query) {
            Err(IndexError::Query { position, .. }) => {
                assert_eq!(position, Some(query.len() - 1));
            }
            other => panic!("{other:?}"),
        }
    }

    proptest! {
        /// Every byte of a rejoined query stands for a char boundary of the
        /// query as typed.
        #[test]
        fn rejoined_queries_map_back_onto_char_boundaries(query in prop_oneof![pasted_text(), queries()]) {
            if let Some((text, origin)) = rejoin_broken_words(&query) {
                prop_assert_eq!(origin.len(), text.len() + 1);
                for &p in &origin {
                    prop_assert!(query.is_char_boundary(p), "{:?} {}", query, p);
                }
            }
        }
    }

    #[test]
    fn escape_keeps_operators_and_escapes_field_syntax() {
        assert_eq!(escape("сөздер: Қытай").0, "сөздер\\: Қытай");
        assert_eq!(escape("China's -policy").0, "China\\'s -policy");
        assert_eq!(escape("\"a:b\" (c OR d)").0, "\"a:b\" (c OR d)");
    }

    #[test]
    fn a_lone_minus_or_plus_is_punctuation() {
        assert_eq!(escape("Kazakhstan - China").0, "Kazakhstan   China");
        assert_eq!(escape("a + b").0, "a   b");
        assert_eq!(escape("a -").0, "a  ");
        assert_eq!(escape("a --b").0, "a  -b");
        assert_eq!(escape("(- a)").0, "(  a)");
        // Operators and words keep their hyphens.
        assert_eq!(escape("-a +b -\"c d\" -(e)").0, "-a +b -\"c d\" -(e)");
        assert_eq!(escape("көші-қон re- emigrants").0, "көші-қон re- emigrants");
        assert_eq!(escape("\"a - b\"").0, "\"a - b\"");
        let (escaped, origin) = escape("a - b");
        assert_eq!(escaped.len() + 1, origin.len());
        assert_eq!(origin[2], 2);
    }

    #[test]
    fn text_after_a_phrase_is_a_word_but_a_slop_stays() {
        assert_eq!(escape("\"a b\"~2 c").0, "\"a b\"~2 c");
        assert_eq!(escape("\"a b\"~ c").0, "\"a b\" \\~ c");
        assert_eq!(escape("\"a b\"^2").0, "\"a b\" \\^2");
        assert_eq!(escape("\"a b\"c").0, "\"a b\" c");
        assert_eq!(escape("(\"a b\")").0, "(\"a b\")");
        let (escaped, origin) = escape("\"a\"c");
        assert_eq!(escaped.len() + 1, origin.len());
    }

    #[test]
    fn the_set_keyword_in_is_a_word() {
        assert_eq!(
            escape("MIGRATION IN KAZAKHSTAN").0,
            "MIGRATION \\IN KAZAKHSTAN"
        );
        assert_eq!(escape("(IN)").0, "(\\IN)");
        assert_eq!(escape("INDIA IN").0, "INDIA \\IN");
        assert_eq!(escape("in In TIN").0, "in In TIN");
        assert_eq!(escape("a -IN").0, "a -\\IN");
    }

    #[test]
    fn escape_maps_offsets_back_to_the_original() {
        let (escaped, origin) = escape("ab:c");
        assert_eq!(escaped, "ab\\:c");
        assert_eq!(origin, vec![0, 1, 2, 2, 3, 4]);
    }

    #[test]
    fn operators_without_a_word_on_each_side_are_found() {
        assert_eq!(
            dangling_operator("a AND"),
            Some((2, "AND and OR need a word or phrase on each side"))
        );
        assert_eq!(dangling_operator("OR b").map(|p| p.0), Some(0));
        assert_eq!(dangling_operator("a AND OR b").map(|p| p.0), Some(2));
        assert_eq!(dangling_operator("(a OR) b").map(|p| p.0), Some(3));
        assert_eq!(dangling_operator("a AND (b OR c)"), None);
        assert_eq!(dangling_operator("\"a AND\" b"), None);
        assert_eq!(dangling_operator("and or"), None);
        assert_eq!(dangling_operator("a AND NOT b"), None);
        assert_eq!(dangling_operator("a NOT").map(|p| p.0), Some(2));
    }

    #[test]
    fn unbalanced_quotes_and_parentheses_are_found_with_their_position() {
        assert_eq!(unbalanced("a \"b c").map(|p| p.0), Some(2));
        assert_eq!(unbalanced("(a OR b").map(|p| p.0), Some(0));
        assert_eq!(unbalanced("a) b").map(|p| p.0), Some(1));
        assert_eq!(unbalanced("a ( ) b").map(|p| p.0), Some(2));
        assert_eq!(unbalanced("a (b) ()").map(|p| p.0), Some(6));
        assert_eq!(unbalanced("\"()\" a"), None);
        assert_eq!(unbalanced("\"(\" a"), None);
        assert_eq!(unbalanced("a \\\" b"), None);
        let deep = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(unbalanced(&deep).map(|p| p.0), Some(32));
        let ok = format!("{}a{}", "(".repeat(32), ")".repeat(32));
        assert_eq!(unbalanced(&ok), None);
    }
}
