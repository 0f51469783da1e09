//! All integration tests of the core, built as one binary.

mod cli;
mod crash;
mod fuzz;
mod package;
mod properties;
mod report;
mod special_files;
mod store;
mod support;
mod workflow;
