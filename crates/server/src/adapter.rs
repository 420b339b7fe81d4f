//! The one module that knows the index and comparison crates: it maps
//! `ushtil_index` and `ushtil_align` onto the server's [`crate::backend`] types.
