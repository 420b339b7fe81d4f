//! Snippets from the index are HTML whose only allowed markup is `<b>…</b>`:
//! parse them into plain fragments so that nothing else can pass through, and
//! render them back escaped.

/// A run of snippet text, highlighted (a matched term) or not. The text is
/// plain (entities decoded); whoever renders it escapes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    pub text: String,
    pub highlighted: bool,
}

/// Splits an index snippet into fragments. `<b>` and `</b>` toggle the
/// highlight; the five entities an escaper produces are decoded; anything
/// else (another tag, a stray `<`, an unknown entity) stays literal text.
pub fn parse(snippet: &str) -> Vec<Fragment> {
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut highlighted = false;
    let mut current = String::new();
    let mut rest = snippet;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<b>") {
            push(&mut fragments, &mut current, highlighted);
            highlighted = true;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("</b>") {
            push(&mut fragments, &mut current, highlighted);
            highlighted = false;
            rest = after;
        } else if let Some((decoded, after)) = entity(rest) {
            current.push(decoded);
            rest = after;
        } else {
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    push(&mut fragments, &mut current, highlighted);
    fragments
}

/// Renders fragments back into the snippet form: escaped text, `<b>` marks.
pub fn render(fragments: &[Fragment]) -> String {
    let mut out = String::new();
    for fragment in fragments {
        if fragment.highlighted {
            out.push_str("<b>");
        }
        escape_into(&fragment.text, &mut out);
        if fragment.highlighted {
            out.push_str("</b>");
        }
    }
    out
}

/// `render(parse(s))`: a snippet guaranteed to hold no markup but `<b>`.
pub fn sanitize(snippet: &str) -> String {
    render(&parse(snippet))
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn push(fragments: &mut Vec<Fragment>, current: &mut String, highlighted: bool) {
    if current.is_empty() {
        return;
    }
    let text = std::mem::take(current);
    match fragments.last_mut() {
        Some(last) if last.highlighted == highlighted => last.text.push_str(&text),
        _ => fragments.push(Fragment { text, highlighted }),
    }
}

/// The entities an HTML escaper emits (tantivy's snippet escaper and ours).
const ENTITIES: [(&str, char); 7] = [
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&#x27;", '\''),
    ("&#x2F;", '/'),
];

fn entity(s: &str) -> Option<(char, &str)> {
    ENTITIES
        .iter()
        .find_map(|(name, c)| s.strip_prefix(name).map(|after| (*c, after)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(text: &str, highlighted: bool) -> Fragment {
        Fragment {
            text: text.to_string(),
            highlighted,
        }
    }

    #[test]
    fn bold_marks_become_highlighted_fragments() {
        assert_eq!(
            parse("the <b>migrants</b> of &lt;China&gt;"),
            vec![
                frag("the ", false),
                frag("migrants", true),
                frag(" of <China>", false)
            ]
        );
    }

    #[test]
    fn other_markup_is_kept_as_text_and_escaped() {
        let raw = "<script>alert(1)</script> <b onclick=x>no</b> <B>x</B>";
        let clean = sanitize(raw);
        assert!(!clean.contains("<script"), "{clean}");
        assert!(!clean.contains("<b "), "{clean}");
        assert!(!clean.contains("<B>"), "{clean}");
        assert!(clean.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn an_escaped_snippet_survives_unchanged() {
        let snippet = "Қытай <b>мигранттар</b> &amp; &lt;b&gt; &quot;q&quot; &#39;s";
        assert_eq!(sanitize(snippet), snippet);
    }

    #[test]
    fn unbalanced_marks_never_leave_an_open_tag() {
        for raw in ["<b>open", "close</b>", "<b><b>x</b>", "</b></b><b>", "<b>"] {
            let clean = sanitize(raw);
            assert_eq!(
                clean.matches("<b>").count(),
                clean.matches("</b>").count(),
                "{raw:?} -> {clean:?}"
            );
        }
    }

    #[test]
    fn odd_unicode_does_not_split_characters() {
        let raw = "ə\u{301}<b>😀</b>&\u{0}&am";
        assert_eq!(sanitize(raw), "ə\u{301}<b>😀</b>&amp;\u{0}&amp;am");
    }

    proptest::proptest! {
        #[test]
        fn sanitized_snippets_hold_no_markup_but_balanced_bold(raw in r"(<b>|</b>|<|>|&|&lt;|&amp;|[a-zа-яә ]|\PC){0,40}") {
            let clean = sanitize(&raw);
            let without_marks = clean.replace("<b>", "").replace("</b>", "");
            proptest::prop_assert!(!without_marks.contains('<') && !without_marks.contains('>'), "{clean:?}");
            proptest::prop_assert_eq!(clean.matches("<b>").count(), clean.matches("</b>").count());
            // Sanitising is idempotent: a clean snippet passes unchanged.
            proptest::prop_assert_eq!(sanitize(&clean), clean.clone());
        }
    }
}
