//! `ushtil bench`: ingestion and query figures for ushtil and its peers, in one run.
