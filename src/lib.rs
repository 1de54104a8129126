pub mod cli;
pub mod flowzap;
pub mod util;
