//! End-to-end tests of the `ushtil` binary. One test binary, a module a
//! capability. Inputs are the shipped corpus or files the tests write to
//! temporary directories.

mod analyze;
mod compare;
mod detect;
mod index;
mod robustness;
mod search;
mod segment;
mod serve;
mod synth;
mod util;
