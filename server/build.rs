//! Compiles the internal pipeline events (server/proto) with protox, a pure-Rust protoc. They
//! embed the public message content, so the public protos are on the include path and their
//! Rust types come from easychat-proto. Those import google/api/annotations.proto, which
//! scripts/ensure-googleapis.sh fetches (see proto/build.rs); this script may run before the
//! proto crate's, so it fetches them as well when they are missing.

use std::path::Path;
use std::process::Command;

const GOOGLEAPIS: &str = "../third_party/googleapis";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const PROTO: &str = "easychat/pipeline/v1/pipeline.proto";
    if !Path::new(GOOGLEAPIS)
        .join("google/api/annotations.proto")
        .is_file()
    {
        let status = Command::new("bash")
            .arg("../scripts/ensure-googleapis.sh")
            .status()?;
        if !status.success() {
            return Err(format!("scripts/ensure-googleapis.sh failed ({status})").into());
        }
    }
    let descriptors = protox::compile([PROTO], ["proto", "../proto", GOOGLEAPIS])?;
    tonic_prost_build::configure()
        .build_server(false)
        .build_client(false)
        .extern_path(".easychat.im.v1", "::easychat_proto::im::v1")
        .compile_fds(descriptors)?;
    println!("cargo:rerun-if-changed=proto/{PROTO}");
    Ok(())
}
