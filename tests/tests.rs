//! End-to-end tests of the `ushtil` binary. One test binary, a module a
//! capability, data in `tests/data/`.

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
