package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

/** A client of a node's HTTP API ({@code dev.bulwark.node.real.HttpApi}): JSON answers with their HTTP status. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    /** An answer: the HTTP status and the JSON body. */
    static final class Answer {
        final int status;
        final JsonNode body;

        Answer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        boolean ok() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return body.toString();
        }
    }

    private final String base;
    private final HttpClient http;
    /** Shared by every client of the process (daemon threads). */
    private static final java.util.concurrent.ExecutorService EXECUTOR = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bulwark-api-client");
        t.setDaemon(true);
        return t;
    });

    ApiClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        // HTTP/1.1 (the node's server speaks nothing else: no h2c upgrade attempt) and a fixed executor:
        // without one the JDK client completes every asynchronous answer on a new thread when the common
        // pool has a parallelism of 1 (2 cores), which made thread starts the load client's main cost
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(EXECUTOR)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(40)).GET().build());
    }

    /** POST /tx with the encoded signed transaction as hex; waits for commit if asked (at most timeoutMs). */
    Answer submit(byte[] tx, boolean waitCommit, long timeoutMs) throws IOException, InterruptedException {
        String q = waitCommit ? "?wait=commit&timeout_ms=" + timeoutMs : "";
        return send(HttpRequest.newBuilder(uri("/tx" + q)).timeout(Duration.ofMillis(timeoutMs + 10_000))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(HEX.formatHex(tx))).build());
    }

    /** The same, asynchronously: completes with the answer or exceptionally (I/O). */
    java.util.concurrent.CompletableFuture<Answer> submitAsync(byte[] tx, long timeoutMs) {
        HttpRequest r;
        try {
            r = HttpRequest.newBuilder(uri("/tx?wait=commit&timeout_ms=" + timeoutMs)).timeout(Duration.ofMillis(timeoutMs + 10_000))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(HEX.formatHex(tx))).build();
        } catch (IOException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return sendAsync(r);
    }

    /** POST /txs (a batch, framed as HttpApi reads it) waiting for commit (at most timeoutMs), asynchronously. */
    java.util.concurrent.CompletableFuture<Answer> submitBatchAsync(java.util.List<byte[]> txs, long timeoutMs) {
        int size = 2;
        for (byte[] t : txs) {
            size += 2 + t.length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).putShort((short) txs.size());
        for (byte[] t : txs) {
            b.putShort((short) t.length).put(t);
        }
        HttpRequest r;
        try {
            r = HttpRequest.newBuilder(uri("/txs?wait=commit&timeout_ms=" + timeoutMs)).timeout(Duration.ofMillis(timeoutMs + 10_000))
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(b.array())).build();
        } catch (IOException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return sendAsync(r);
    }

    /** Sends r asynchronously; completes with its status and JSON body (NOT_JSON if the body is not JSON). */
    private java.util.concurrent.CompletableFuture<Answer> sendAsync(HttpRequest r) {
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(resp -> {
            JsonNode body;
            try {
                body = JSON.readTree(resp.body());
            } catch (IOException e) {
                body = JSON.createObjectNode().put("error", "NOT_JSON");
            }
            return new Answer(resp.statusCode(), body);
        });
    }

    private URI uri(String path) throws IOException {
        try {
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad node URL " + base, e);
        }
    }

    private Answer send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(resp.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("error", "NOT_JSON").put("message", resp.body());
        }
        return new Answer(resp.statusCode(), body);
    }
}
