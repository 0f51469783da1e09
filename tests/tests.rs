//! All integration tests of the core, built as one binary.

mod fuzz;
mod layering;
mod package;
mod properties;
mod report;
mod store;
mod support;
mod workflow;
