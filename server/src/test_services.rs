//! For the unit tests that need a real service (`deploy/local/up` writes where each one listens
//! to its env file): the service's address from its `EASYCHAT_TEST_…` variable, or a skip noted
//! as the tests crate notes one. A run on the real services (`EASYCHAT_TEST_CONFIG` set) must
//! not pass by skipping, so there an unset variable fails the test.

/// The value of `variable`, or `None` after noting the skip (`service` names what to start).
pub(crate) fn service_env(variable: &str, service: &str) -> Option<String> {
    if let Ok(value) = std::env::var(variable) {
        return Some(value);
    }
    if let Some(profile) = std::env::var_os("EASYCHAT_TEST_CONFIG") {
        panic!(
            "EASYCHAT_TEST_CONFIG is set ({}) but {variable} is not: \
             `deploy/local/up --print-env` sets it",
            profile.to_string_lossy()
        );
    }
    skipped(&format!(
        "{variable} is unset (deploy/local/up --only {service})"
    ));
    None
}

/// Notes a test that did not run, as the tests crate's `skipped` does: `SKIPPED: <test>: <why>`
/// on stderr past the harness's capture, and appended to `$EASYCHAT_SKIPPED_LOG` when set.
fn skipped(why: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let line = format!("SKIPPED: {}: {why}\n", thread.name().unwrap_or("a test"));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    if let Some(log) = std::env::var_os("EASYCHAT_SKIPPED_LOG") {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut file| file.write_all(line.as_bytes()))
            .expect("note the skip in EASYCHAT_SKIPPED_LOG");
    }
}
