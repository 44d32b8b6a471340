//! Compiles the internal pipeline events (server/proto) with protox, a pure-Rust protoc. They
//! embed the public message content, so the public protos are on the include path and their
//! Rust types come from easychat-proto.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const PROTO: &str = "easychat/pipeline/v1/pipeline.proto";
    let descriptors = protox::compile([PROTO], ["proto", "../proto"])?;
    tonic_prost_build::configure()
        .build_server(false)
        .build_client(false)
        .extern_path(".easychat.im.v1", "::easychat_proto::im::v1")
        .compile_fds(descriptors)?;
    println!("cargo:rerun-if-changed=proto/{PROTO}");
    Ok(())
}
