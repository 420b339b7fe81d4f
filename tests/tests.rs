//! End-to-end tests of the `ushtil` binary. One test binary, a module a
//! capability, data in `tests/data/`.

mod util;
mod robustness;
mod serve;
mod index;
mod search;
mod synth;
mod analyze;
mod compare;
mod segment;
mod detect;
