//! One MongoDB database per test server. The profile's `backends.mongo.url` names the server;
//! each `TestServer` gets the database `easychat_t_<pid>_<random>` there (MongoDB creates it on
//! first write), which the fixture drops when the `TestServer` goes.
//!
//! As with MySQL (`mysql_isolation`), a killed test process drops nothing: the first server of
//! each test process sweeps the databases of test processes that no longer run.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use easychat_server::config::BackendsConfig;

const PREFIX: &str = "easychat_t_";
/// Bounds every maintenance step, so a stuck server never hangs a test.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The database of one test server.
pub(crate) struct TestDatabase {
    url: String,
    name: String,
}

impl TestDatabase {
    /// Points `backends` at a new database of its own when it names a MongoDB server.
    pub(crate) async fn assign(backends: &mut BackendsConfig) -> Option<TestDatabase> {
        let url = backends.mongo.url.clone()?;
        let random = uuid::Uuid::new_v4().simple().to_string();
        let name = format!("{PREFIX}{}_{}", std::process::id(), &random[..12]);
        backends.mongo.database = name.clone();

        static SWEPT: AtomicBool = AtomicBool::new(false);
        if !SWEPT.swap(true, Ordering::SeqCst) {
            sweep_databases_of_dead_processes(&url).await;
        }
        Some(TestDatabase { url, name })
    }

    pub(crate) async fn drop_now(self) {
        if let Err(e) = drop_database(&self.url, &self.name).await {
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

async fn client(url: &str) -> anyhow::Result<mongodb::Client> {
    let mut options = mongodb::options::ClientOptions::parse(url).await?;
    options.server_selection_timeout = Some(Duration::from_secs(5));
    Ok(mongodb::Client::with_options(options)?)
}

async fn drop_database(url: &str, name: &str) -> anyhow::Result<()> {
    tokio::time::timeout(TIMEOUT, async {
        let client = client(url).await?;
        client.database(name).drop().await?;
        client.shutdown().await;
        anyhow::Ok(())
    })
    .await?
}

async fn sweep_databases_of_dead_processes(url: &str) {
    // Liveness is read from /proc; elsewhere nothing is swept rather than a live run's databases.
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let names = tokio::time::timeout(TIMEOUT, async {
        let client = client(url).await?;
        let names = client.list_database_names().await?;
        client.shutdown().await;
        anyhow::Ok(names)
    })
    .await;
    let names = match names {
        Ok(Ok(names)) => names,
        // The server under test reports an unreachable MongoDB far more clearly.
        _ => return,
    };
    for name in names {
        let pid = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = drop_database(url, &name).await;
        }
    }
}
