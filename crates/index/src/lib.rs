//! The tantivy index of segmented papers: schema and analysers, rayon-parallel
//! ingestion, incremental updates, and search.
