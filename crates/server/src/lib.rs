//! `ushtil serve`: the search and compare pages and the JSON API behind them.
