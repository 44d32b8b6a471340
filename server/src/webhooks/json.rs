//! Public proto messages as proto3 JSON, the same JSON the REST API speaks, so a webhook
//! receiver reads a message exactly as a REST client does.

use std::sync::OnceLock;

use prost_reflect::{DescriptorPool, DeserializeOptions, DynamicMessage, SerializeOptions};

fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        // Compiled in, and decoded by the REST gateway's tests too: it cannot fail at run time.
        DescriptorPool::decode(easychat_proto::FILE_DESCRIPTOR_SET)
            .expect("the compiled-in descriptor set decodes")
    })
}

/// `message` (of the proto type `full_name`) as proto3 JSON, default fields included.
pub fn to_json<M: prost::Message>(message: &M, full_name: &str) -> serde_json::Value {
    let descriptor = pool()
        .get_message_by_name(full_name)
        .unwrap_or_else(|| panic!("{full_name} is one of EasyChat's messages"));
    let encoded = message.encode_to_vec();
    let dynamic = DynamicMessage::decode(descriptor, encoded.as_slice())
        .expect("a message decodes as its own type");
    let options = SerializeOptions::new().skip_default_fields(false);
    dynamic
        .serialize_with_options(serde_json::value::Serializer, &options)
        .expect("proto3 JSON of a message serializes")
}

/// Reads proto3 JSON of the proto type `full_name` into `M`; the error says what is wrong.
pub fn from_json<M: prost::Message + Default>(
    value: &serde_json::Value,
    full_name: &str,
) -> Result<M, String> {
    let descriptor = pool()
        .get_message_by_name(full_name)
        .unwrap_or_else(|| panic!("{full_name} is one of EasyChat's messages"));
    let dynamic = DynamicMessage::deserialize_with_options(
        descriptor,
        value.clone(),
        &DeserializeOptions::new(),
    )
    .map_err(|e| e.to_string())?;
    dynamic.transcode_to::<M>().map_err(|e| e.to_string())
}
