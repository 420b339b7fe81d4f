//! Synthetic trilingual journal papers built from real sentences, with
//! realistic PDF-extraction damage, deterministic for a given seed.
