package dev.easychat.sdk

import kotlinx.coroutines.future.await
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/**
 * The HTTP half of media transfers: the upload's PUT and the download's GET, to the pre-signed
 * URLs that MediaService hands out (they carry their own permission: no bearer token goes there).
 *
 * Uses the JDK's HttpClient (Java 11 and later). It lives in a class of its own so that the rest
 * of the SDK still loads where `java.net.http` is missing (Android): there, call
 * [EasyChatClient.media] and move the bytes with the platform's HTTP client.
 */
internal object MediaHttp {
    /** Headers the JDK sets itself and refuses from callers; Content-Length comes from the body. */
    private val RESTRICTED = setOf("connection", "content-length", "expect", "host", "upgrade")

    private val client: HttpClient by lazy {
        HttpClient.newBuilder()
            // HTTP/1.1: no h2c upgrade attempt on a plain-HTTP URL (the server's embedded store).
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
    }

    /** Sends [body] with [method] (PUT) and [headers]; throws [MediaTransferException] unless 2xx. */
    suspend fun upload(method: String, url: String, headers: Map<String, String>, body: ByteArray) {
        val request = HttpRequest.newBuilder(URI.create(url))
        for ((name, value) in headers) {
            if (name.lowercase() !in RESTRICTED) request.header(name, value)
        }
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        val response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).await()
        if (response.statusCode() !in 200..299) {
            throw MediaTransferException(method, response.statusCode(), response.body().orEmpty())
        }
    }

    /** GETs [url]'s bytes; throws [MediaTransferException] unless 2xx. */
    suspend fun download(url: String): ByteArray {
        val request = HttpRequest.newBuilder(URI.create(url)).GET().build()
        val response = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).await()
        val body = response.body() ?: ByteArray(0)
        if (response.statusCode() !in 200..299) {
            throw MediaTransferException("GET", response.statusCode(), String(body, Charsets.UTF_8))
        }
        return body
    }
}
