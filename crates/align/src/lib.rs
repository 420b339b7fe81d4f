//! Cross-language comparison: sentence alignment between abstracts, keyword
//! alignment across languages, and the flags an editor acts on.
