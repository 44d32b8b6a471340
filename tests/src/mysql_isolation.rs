//! One MySQL database per test server. The profile's `backends.mysql.url` names the MySQL server
//! and the credentials (which need the CREATE and DROP privileges); each `TestServer` gets a
//! database `easychat_t_<pid>_<random>` there, which the server itself creates
//! (`backends.mysql.create_database`) and the fixture drops when the `TestServer` goes.
//!
//! A drop started from `Drop` may be cut short when the test process exits, and a killed process
//! drops nothing: the first server of each test process sweeps the databases of test processes
//! that no longer run.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use easychat_server::config::BackendsConfig;
use sqlx::mysql::MySqlConnection;
use sqlx::{Connection, Executor};

const PREFIX: &str = "easychat_t_";
/// Bounds every maintenance step, so a stuck server never hangs a test.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The database of one test server.
pub(crate) struct TestDatabase {
    /// The same MySQL server with `information_schema` as the database: every user may connect
    /// to it, and it is never the one being dropped.
    maintenance_url: String,
    name: String,
}

impl TestDatabase {
    /// Points `backends` at a new database of its own when it names a MySQL server.
    pub(crate) async fn assign(backends: &mut BackendsConfig) -> Option<TestDatabase> {
        let url = backends.mysql.url.as_deref()?;
        let random = uuid::Uuid::new_v4().simple().to_string();
        let name = format!("{PREFIX}{}_{}", std::process::id(), &random[..12]);
        let maintenance_url = with_database(url, "information_schema");
        backends.mysql.url = Some(with_database(url, &name));
        backends.mysql.create_database = true;

        static SWEPT: AtomicBool = AtomicBool::new(false);
        if !SWEPT.swap(true, Ordering::SeqCst) {
            sweep_databases_of_dead_processes(&maintenance_url).await;
        }
        Some(TestDatabase {
            maintenance_url,
            name,
        })
    }

    pub(crate) async fn drop_now(self) {
        if let Err(e) = drop_database(&self.maintenance_url, &self.name).await {
            eprintln!("could not drop test database {}: {e:#}", self.name);
        }
    }

    /// For `Drop`, which cannot await: a thread with a runtime of its own, because the test's
    /// runtime is shutting down.
    pub(crate) fn drop_in_background(self) {
        std::thread::spawn(move || {
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime.block_on(self.drop_now()),
                Err(e) => eprintln!("could not drop test database {}: {e}", self.name),
            }
        });
    }
}

/// `url` with its database replaced by `database`, query parameters kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

async fn drop_database(maintenance_url: &str, name: &str) -> anyhow::Result<()> {
    tokio::time::timeout(TIMEOUT, async {
        let mut conn = MySqlConnection::connect(maintenance_url).await?;
        // A server still shutting down may hold a metadata lock for a moment; do not wait long.
        conn.execute("SET SESSION lock_wait_timeout = 10").await?;
        // `name` is ours: prefix, digits, hex.
        conn.execute(&*format!("DROP DATABASE IF EXISTS `{name}`"))
            .await?;
        conn.close().await?;
        anyhow::Ok(())
    })
    .await?
}

async fn sweep_databases_of_dead_processes(maintenance_url: &str) {
    // Liveness is read from /proc; elsewhere nothing is swept rather than a live run's databases.
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let names = tokio::time::timeout(TIMEOUT, async {
        let mut conn = MySqlConnection::connect(maintenance_url).await?;
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
             WHERE SCHEMA_NAME LIKE 'easychat!_t!_%' ESCAPE '!'",
        )
        .fetch_all(&mut conn)
        .await?;
        conn.close().await?;
        anyhow::Ok(names)
    })
    .await;
    let names = match names {
        Ok(Ok(names)) => names,
        // The server under test reports an unreachable MySQL far more clearly.
        _ => return,
    };
    for name in names {
        let pid = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = drop_database(maintenance_url, &name).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_of_the_url_is_replaced() {
        assert_eq!(
            with_database("mysql://u:p@h:3306/easychat", "t1"),
            "mysql://u:p@h:3306/t1"
        );
        assert_eq!(
            with_database("mysql://u:p@h:3306/easychat?ssl-mode=disabled", "t1"),
            "mysql://u:p@h:3306/t1?ssl-mode=disabled"
        );
        assert_eq!(with_database("mysql://h", "t1"), "mysql://h/t1");
    }
}
