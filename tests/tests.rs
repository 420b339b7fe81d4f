//! End-to-end tests of the `ushtil` binary. One test binary, a module a
//! capability, data in `tests/data/`.

mod util;
mod serve;
mod robustness;
mod index;
mod search;
