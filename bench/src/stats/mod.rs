//! What a run measures and how it is told: the process clock and message stamps (`clock`),
//! shared counters and latency histograms (`meter`), the once-a-second progress line
//! (`progress`), the result rows with their table and JSON forms (`report`), and the cross-system comparison
//! of a run directory (`compare`).

pub mod clock;
pub mod compare;
pub mod cpu;
pub mod meter;
pub mod progress;
pub mod report;
