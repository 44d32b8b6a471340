package dev.easychat.sdk

import java.util.Properties

/** The SDK's version (from sdk-gen/VERSION, stamped in by the build), sent in the user agent. */
object SdkVersion {
    @JvmField
    val VERSION: String = Properties().run {
        SdkVersion::class.java.getResourceAsStream("version.properties")?.use { load(it) }
        getProperty("version", "unknown")
    }
}
