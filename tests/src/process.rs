//! The server as a separate `easychat serve` process, for tests that must kill it the hard way
//! (SIGKILL: no graceful shutdown, nothing flushed) and start it again on the same port.
//!
//! The binary is `$EASYCHAT_BIN`, or `easychat` next to the test's own target directory
//! (`cargo build -p easychat-server --bin easychat` builds it; `make` does before the tests).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use easychat_server::config::Config;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_client::HealthClient;

/// How long a starting server may take to answer health checks (migrations, Kafka topic).
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct ServerProcess {
    pub addr: SocketAddr,
    config_file: PathBuf,
    child: Option<Child>,
}

impl ServerProcess {
    /// Writes `config` into its data directory and starts the server with it on a free port.
    pub async fn start(config: &Config) -> ServerProcess {
        let addr = free_port();
        let config_file = config.data_dir.join("test-server.toml");
        let toml = toml::to_string(config).expect("configuration serialises to TOML");
        std::fs::write(&config_file, toml).expect("write the server's configuration");
        let mut server = ServerProcess {
            addr,
            config_file,
            child: None,
        };
        server.restart().await;
        server
    }

    /// Starts the process again (after `kill`) with the same configuration and port.
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "the server is still running");
        let child = Command::new(binary())
            .arg("--config")
            .arg(&self.config_file)
            .args(["serve", "--no-gateway", "--listen", &self.addr.to_string()])
            .stdin(Stdio::null())
            .spawn()
            .expect("start the easychat binary");
        self.child = Some(child);
        self.wait_until_serving().await;
    }

    /// SIGKILL: the process gets no chance to flush, commit or say goodbye.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL the server");
            child.wait().expect("reap the killed server");
        }
    }

    async fn wait_until_serving(&mut self) {
        let started = Instant::now();
        loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("the server exited while starting: {status}");
            }
            if serving(self.addr).await {
                return;
            }
            assert!(
                started.elapsed() < START_TIMEOUT,
                "the server did not answer health checks within {START_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether the server at `addr` answers health checks.
pub(crate) async fn serving(addr: SocketAddr) -> bool {
    let Ok(endpoint) = tonic::transport::Endpoint::from_shared(format!("http://{addr}")) else {
        return false;
    };
    let Ok(channel) = endpoint
        .connect_timeout(Duration::from_millis(500))
        .connect()
        .await
    else {
        return false;
    };
    let request = HealthCheckRequest {
        service: String::new(),
    };
    HealthClient::new(channel).check(request).await.is_ok()
}

fn free_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    listener.local_addr().expect("local address")
}

fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("EASYCHAT_BIN") {
        return PathBuf::from(path);
    }
    // target/debug/deps/<test binary> → target/debug/easychat
    let exe = std::env::current_exe().expect("the test binary's path");
    let path = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|dir| dir.join("easychat"))
        .expect("the target directory");
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build -p easychat-server --bin easychat`, or set \
         EASYCHAT_BIN",
        path.display()
    );
    path
}
