//! All integration tests of the core, built as one binary.

mod cli;
mod crash;
mod package;
mod report;
mod store;
mod workflow;
