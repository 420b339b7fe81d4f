//! The user's query language, on top of tantivy's query parser: words,
//! `"phrases"` (`"labour export"~2`: the words at most two moves apart),
//! `AND`/`OR`, `-excluded` (or `NOT`) and `+required` terms, parentheses.
//! Everything else in tantivy's grammar (`field:`, `^boost`, ranges, `*`,
//! the set keyword `IN`) is escaped, so a pasted `Түйін сөздер: Қытай`,
//! `China's` or `MIGRATION IN KAZAKHSTAN` is just text.
//! A query that does not parse is an error that says where and what.

use std::sync::Arc;

use tantivy::query::{
    BooleanQuery, BooleanWeight, BoostQuery, EnableScoring, Explanation, Occur, Query, QueryParser,
    QueryParserError, Scorer, SumCombiner, Weight,
};
use tantivy::query_grammar::UserInputAst;
use tantivy::schema::{Field, Term};
use tantivy::{DocId, Score, SegmentReader};

use crate::IndexError;

/// Characters tantivy's grammar treats specially that our language does not
/// use: escaped outside phrases. (`"`, `(`, `)`, `+`, `-` stay operators.)
const ESCAPED: &[char] = &[
    ':', '^', '`', '{', '}', '[', ']', '\'', '!', '\\', '*', '~', '<', '>', '=',
];

/// The query with tantivy-only syntax escaped, and for each byte of the
/// escaped query the byte offset in the original it came from. A `-` or `+`
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
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || p == '(');
        let ends_word = |n: Option<char>| n.is_none_or(|n| n.is_whitespace() || n == ')');
        let slop = after_phrase && c == '~' && next.is_some_and(|n| n.is_ascii_digit());
        // tantivy's set keyword (`field: IN [a b]`), here a word.
        let set_keyword = c == 'I'
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '-' | '+'))
            && query[i..].starts_with("IN")
            && ends_word(query[i + 2..].chars().next());
        let escape = if in_phrase {
            c == '\\'
        } else {
            (!slop && ESCAPED.contains(&c)) || set_keyword
        };
        let lone_operator = !in_phrase
            && matches!(c, '-' | '+')
            && at_word_start
            && (ends_word(next) || matches!(next, Some('-' | '+')));
        if after_phrase && !slop && !c.is_whitespace() && c != ')' {
            out.push(' ');
            origin.push(i);
        }
        after_phrase = c == '"' && in_phrase;
        // A lone operator reads as the space it becomes (`--` is two).
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
    }
    origin.push(query.len());
    (out, origin)
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
pub(crate) fn parse(by_field: &[FieldParser], query: &str) -> Result<Parsed, IndexError> {
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
    let first_query = build(&first.parser, query, ast.clone())?;
    let built = std::iter::once((first, Some(first_query))).chain(rest.iter().map(|p| {
        let q = p.parser.build_query_from_user_input_ast(ast.clone()).ok();
        (p, q)
    }));
    // Each field's distinct readings with their summed boosts: the Kazakh
    // field is read stemmed and folded, and where folding changes none of
    // the query's terms (a Russian or English query; most Kazakh words,
    // whose Kazakh letters sit in suffixes the stemmer strips) the two
    // readings are one query, asked once with both boosts (scores are
    // linear in the boost) rather than as a union of a term with itself.
    let mut fields: Vec<(Field, Vec<Reading>)> = Vec::new();
    for (p, q) in built {
        let Some(q) = q else { continue };
        match fields.iter_mut().find(|(f, _)| *f == p.field) {
            Some((_, readings)) => readings.push((q, p.boost)),
            None => fields.push((p.field, vec![(q, p.boost)])),
        }
    }
    let main: Box<dyn Query> = Box::new(DisjointUnion {
        parts: fields
            .into_iter()
            .map(|(_, readings)| {
                let mut readings: Vec<Clause> = join_same(readings)
                    .into_iter()
                    .map(|(q, boost)| (Occur::Should, boosted(q, boost)))
                    .collect();
                match readings.len() {
                    1 => readings.pop().expect("one reading").1,
                    _ => Box::new(BooleanQuery::new(readings)) as Box<dyn Query>,
                }
            })
            .collect(),
    });
    let mut excluded: Vec<Clause> = Vec::new();
    if let UserInputAst::Clause(clauses) = ast {
        for (occur, ast) in clauses {
            if occur == Some(Occur::MustNot) {
                excluded.extend(
                    by_field
                        .iter()
                        .filter_map(|p| p.parser.build_query_from_user_input_ast(ast.clone()).ok())
                        .map(|q| (Occur::Should, q)),
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

/// A field's query as one parser reads it, and the boost of its matches.
type Reading = (Box<dyn Query>, f32);

/// One field's readings with the readings that came out the same joined,
/// their boosts summed. Two queries built from one tree for one field are
/// the same when they print the same (terms, occurrences, slop): printing
/// is only paid for a field read more than once.
fn join_same(readings: Vec<Reading>) -> Vec<Reading> {
    if readings.len() < 2 {
        return readings;
    }
    let mut out: Vec<(String, Box<dyn Query>, f32)> = Vec::with_capacity(readings.len());
    for (q, boost) in readings {
        let key = format!("{q:?}");
        match out.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, sum)) => *sum += boost,
            None => out.push((key, q, boost)),
        }
    }
    out.into_iter().map(|(_, q, boost)| (q, boost)).collect()
}

/// A way a query reads one analysed field: the parser (with the analyser
/// the query's words go through there) and the boost its matches get.
pub(crate) struct FieldParser {
    pub field: Field,
    pub boost: f32,
    pub parser: QueryParser,
}

impl FieldParser {
    /// `query`, built by this parser, with this reading's boost.
    pub fn boosted(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        boosted(query, self.boost)
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
            parts: self.parts.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for DisjointUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let parts = self
            .parts
            .iter()
            .map(|q| q.weight(enable_scoring).map(Arc::from))
            .collect::<tantivy::Result<Vec<Arc<dyn Weight>>>>()?;
        Ok(Box::new(DisjointWeight {
            parts,
            scoring: enable_scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
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

fn query_error(query: &str, position: Option<usize>, message: String) -> IndexError {
    IndexError::Query {
        query: query.to_string(),
        position,
        message,
    }
}

/// Reads `query` by the grammar: the tree every field's query is built
/// from, or an error that says where and what.
fn parse_grammar(query: &str) -> Result<UserInputAst, IndexError> {
    let error = |position, message| query_error(query, position, message);
    let (escaped, origin) = escape(query);
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
        None => error(
            None,
            "it does not parse: use words, \"phrases\", AND, OR, -word and parentheses".into(),
        ),
    })
}

/// One field's query from the grammar's tree.
fn build(
    parser: &QueryParser,
    query: &str,
    ast: UserInputAst,
) -> Result<Box<dyn Query>, IndexError> {
    parser
        .build_query_from_user_input_ast(ast)
        .map_err(|e| match e {
            QueryParserError::AllButQueryForbidden => query_error(
                query,
                None,
                "it only excludes terms (-word): add a word to search for".into(),
            ),
            other => query_error(query, None, other.to_string().to_lowercase()),
        })
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
        return Some((
            i,
            "the phrase opened by this '\"' is never closed: add a closing '\"'",
        ));
    }
    open.first()
        .map(|&i| (i, "this '(' is never closed: add a ')'"))
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
                ][..]
            )
            .prop_map(str::to_string),
            "[a-zа-яәқ]{1,6}",
        ];
        let sep = prop::sample::select(&["", " ", "  ", "\t"][..]);
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
            let blank = escape(&query).0.trim().is_empty();
            match parse_grammar(&query) {
                Ok(_) => prop_assert!(!blank),
                Err(e) => prop_assert!(blank, "{query:?}: {e}"),
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
