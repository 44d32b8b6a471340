//! Compiles proto/easychat/**.proto with protox (a pure-Rust protoc), so building needs no
//! protoc on the machine, and writes the descriptor set that server reflection serves and the
//! REST transcoder reads its HTTP mappings from.
//!
//! The protos import `google/api/annotations.proto` (their `google.api.http` mappings); that file
//! and `google/api/http.proto` come from a pinned registry package that
//! `scripts/ensure-googleapis.sh` unpacks into third_party/googleapis. A fresh clone has not run
//! it yet, so the build runs it when the files are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

const PROTOS: &[&str] = &[
    "easychat/user/v1/user.proto",
    "easychat/social/v1/social.proto",
    "easychat/im/v1/im.proto",
    "easychat/media/v1/media.proto",
];

const GOOGLEAPIS: &str = "../third_party/googleapis";
const ENSURE_GOOGLEAPIS: &str = "../scripts/ensure-googleapis.sh";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    ensure_googleapis()?;
    let mut compiler = protox::Compiler::new([".", GOOGLEAPIS])?;
    compiler
        .include_source_info(true)
        .include_imports(true)
        .open_files(PROTOS)?;
    // The encoded set keeps extension options (the HTTP mappings); the prost_types one does not,
    // which is all code generation needs.
    std::fs::write(
        out_dir.join("easychat_descriptor.bin"),
        compiler.encode_file_descriptor_set(),
    )?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(compiler.file_descriptor_set())?;
    for proto in PROTOS {
        println!("cargo:rerun-if-changed={proto}");
    }
    println!("cargo:rerun-if-changed={GOOGLEAPIS}/google/api/http.proto");
    println!("cargo:rerun-if-changed={GOOGLEAPIS}/google/api/annotations.proto");
    Ok(())
}

fn ensure_googleapis() -> Result<(), Box<dyn std::error::Error>> {
    if Path::new(GOOGLEAPIS)
        .join("google/api/annotations.proto")
        .is_file()
    {
        return Ok(());
    }
    let status = Command::new("bash").arg(ENSURE_GOOGLEAPIS).status()?;
    if !status.success() {
        return Err(format!(
            "{ENSURE_GOOGLEAPIS} failed ({status}): it fetches google/api/annotations.proto from PyPI; \
             run it by hand to see why"
        )
        .into());
    }
    Ok(())
}
