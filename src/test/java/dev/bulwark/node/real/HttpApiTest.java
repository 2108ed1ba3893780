package dev.bulwark.node.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.AccountProof;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.Mempool;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP client API of a real node (node 0 of four in this JVM: loopback TCP, RocksDB in temp
 * dirs, real timers), through the JDK's HTTP client: submit with and without waiting for commit, the account
 * with a proof that verifies against the app hash (and a tampered one that does not), the block
 * with its commit, status, metrics; and every refusal: its HTTP status, its typed error, its
 * counter, and no change to the ledger or the mempool.
 */
class HttpApiTest {
    static final long CHAIN = 91;
    static final HexFormat HEX = HexFormat.of();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final RealNode[] nodes = new RealNode[4];
    private RealNode node;
    private Testnet net;
    private HttpApi api;
    private KeyPair acct;
    private AccountKey key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        start(HttpApi.MAX_IN_FLIGHT);
    }

    private void start(int maxInFlight) throws Exception {
        Testnet.Keys keys = Testnet.generateKeys(4, 3, new SecureRandom());
        InetSocketAddress[] addrs = new InetSocketAddress[4];
        for (int i = 0; i < 4; i++) {
            addrs[i] = new InetSocketAddress("127.0.0.1", RealClusterTest.freePort());
        }
        net = Testnet.of(CHAIN, keys, addrs);
        Path dir = java.nio.file.Files.createTempDirectory(tmp, "net");
        for (int i = 0; i < 4; i++) {
            nodes[i] = new RealNode(net.nodeConfig(i), keys.validatorSeeds[i], dir.resolve("node" + i), net.addresses);
        }
        node = nodes[0];
        api = new HttpApi(node, CHAIN, new InetSocketAddress("127.0.0.1", 0), maxInFlight);
        acct = Ed25519.keyPair(keys.accountSeeds[0]);
        key = TxSignatures.keyOf(acct.getPublic());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        for (int i = 0; i < 4; i++) {
            if (nodes[i] != null) {
                nodes[i].close();
                nodes[i] = null;
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + api.address().getPort() + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(40)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(40)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postHex(String path, byte[] tx) throws Exception {
        return post(path, "text/plain", HEX.formatHex(tx).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private byte[] deposit(long chain, long nonce, long amount) throws Exception {
        return TxCodec.encode(TxSignatures.sign(new Deposit(chain, key, nonce, amount), acct));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private long metric(String line) throws Exception {
        for (String l : get("/metrics").body().split("\n")) {
            if (l.startsWith(line + " ")) {
                return (long) Double.parseDouble(l.substring(line.length() + 1));
            }
        }
        throw new AssertionError("no metric " + line);
    }

    /** The ledger's view of the account and the mempool size, read on the node's thread. */
    private String state() {
        return node.query(c -> {
            Ledger l = c.replica().ledger();
            int id = l.accountId(key);
            try {
                return "nonce " + l.nonce(id) + " collateral " + l.collateral(id) + " mempool " + c.mempoolSize();
            } catch (dev.bulwark.ledger.LedgerException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void submitWaitForCommitThenQueryAccountProofBlockStatusAndMetrics() throws Exception {
        byte[] tx1 = deposit(CHAIN, 1, 500);
        HttpResponse<String> r = postHex("/tx?wait=commit", tx1);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = json(r);
        assertEquals(HEX.formatHex(Mempool.hash(tx1)), c.get("hash").asText());
        assertEquals("committed", c.get("status").asText());
        assertEquals("APPLIED", c.get("result").asText());
        long h1 = c.get("height").asLong();
        assertTrue(h1 >= 1);

        // binary body, no wait: admitted (202), then committed
        byte[] tx2 = deposit(CHAIN, 2, 250);
        r = post("/tx", "application/octet-stream", tx2);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(HEX.formatHex(Mempool.hash(tx2)), json(r).get("hash").asText());
        JsonNode a;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Thread.sleep(20);
            assertTrue(System.nanoTime() < deadline, "deposit 2 not committed");
            r = get("/account/" + HEX.formatHex(key.toBytes()));
            assertEquals(200, r.statusCode(), r.body());
            a = json(r);
        } while (a.get("nonce").asLong() < 2);
        long before = node.query(c2 -> {
            try {
                return c2.replica().ledger().collateral(c2.replica().ledger().accountId(key));
            } catch (dev.bulwark.ledger.LedgerException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(a.get("collateral").asLong() >= 750 && a.get("collateral").asLong() <= before, a.toString());
        // the proof verifies against the app hash it names, and that app hash is the one every replica computes at that height
        byte[][] sib = new byte[a.get("proof").get("siblings").size()][];
        for (int l = 0; l < sib.length; l++) {
            sib[l] = HEX.parseHex(a.get("proof").get("siblings").get(l).asText());
        }
        AccountProof p = new AccountProof(a.get("id").asInt(), key, a.get("collateral").asLong(), a.get("position").asLong(),
                a.get("nonce").asLong(), a.get("proof").get("present").asInt(),
                HEX.parseHex(a.get("proof").get("otherKeys").asText()), HEX.parseHex(a.get("proof").get("otherFields").asText()),
                sib, HEX.parseHex(a.get("proof").get("globals").asText()));
        byte[] app = HEX.parseHex(a.get("appHash").asText());
        assertTrue(p.verify(app), "the account proof leads to the app hash");
        assertFalse(p.withFields(p.id(), p.collateral() + 1, p.position(), p.nonce()).verify(app), "a tampered balance does not");
        long ah = a.get("height").asLong();
        byte[] replayed = node.query(c2 -> {
            dev.bulwark.replica.Replica rep = new dev.bulwark.replica.Replica(c2.replica().config(),
                    new dev.bulwark.consensus.ValidatorSet(net.nodeConfig(0).powers()), new dev.bulwark.replica.MemoryBlockStore());
            byte[] last = null;
            for (long h = 1; h <= ah; h++) {
                rep.commitBlock(node.store().block(h), node.store().certificate(h));
                last = rep.applyNext().appHash();
            }
            return last;
        });
        assertArrayEquals(replayed, app, "the app hash of the proof is the replayed chain's at its height");

        // the block holding deposit 1, with its commit
        r = get("/block/" + h1);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = json(r);
        byte[] bytes = HEX.parseHex(b.get("bytes").asText());
        assertEquals(HEX.formatHex(BlockCodec.hash(bytes).bytes()), b.get("hash").asText());
        assertTrue(b.get("txs").toString().contains(HEX.formatHex(Mempool.hash(tx1))));
        assertTrue(b.get("certificate").get("precommits").size() >= 3, "a quorum of signed precommits");
        assertEquals(b.get("hash").asText(), b.get("certificate").get("value").asText());

        JsonNode s = json(get("/status"));
        assertEquals(CHAIN, s.get("chainId").asLong());
        assertTrue(s.get("storedHeight").asLong() >= h1);
        assertEquals(3, s.get("peers").size());
        assertEquals(0, s.get("mempool").asInt());

        HttpResponse<String> m = get("/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metric("bulwark_stored_height") >= h1);
        assertTrue(metric("bulwark_committed_txs_total") >= 2);
        assertEquals(2, metric("bulwark_txs_admitted_total"));
        assertEquals(2, metric("bulwark_commit_latency_seconds_count"));
        assertEquals(2, metric("bulwark_tx_results_total{code=\"APPLIED\"}"));
        assertEquals(0, metric("bulwark_http_errors_total{error=\"MALFORMED\"}"));
    }

    private void refused(HttpResponse<String> r, ApiReason reason) throws Exception {
        assertEquals(reason.httpStatus, r.statusCode(), r.body());
        assertEquals(reason.name(), json(r).get("error").asText(), r.body());
    }

    @Test
    void everyBadRequestGetsItsTypedErrorIsCountedAndChangesNothing() throws Exception {
        assertEquals(200, postHex("/tx?wait=commit", deposit(CHAIN, 1, 500)).statusCode());
        String before = state();
        long[] counted = new long[ApiReason.values().length];

        refused(get("/nothing/here"), ApiReason.UNKNOWN_ROUTE);
        refused(get("/tx"), ApiReason.METHOD_NOT_ALLOWED);
        refused(post("/status", "text/plain", new byte[0]), ApiReason.METHOD_NOT_ALLOWED);
        refused(post("/tx", "text/plain", "not hex at all".getBytes()), ApiReason.BAD_HEX);
        refused(post("/tx", "text/plain", "abc".getBytes()), ApiReason.BAD_HEX); // odd length
        refused(post("/tx", "text/plain", new byte[0]), ApiReason.MALFORMED);
        byte[] garbage = new byte[120];
        new SecureRandom().nextBytes(garbage);
        refused(post("/tx", "application/octet-stream", garbage), ApiReason.MALFORMED);
        refused(post("/tx", "application/octet-stream", new byte[HttpApi.MAX_BODY_BYTES + 1]), ApiReason.OVERSIZE);
        refused(post("/tx", "application/octet-stream", new byte[TxCodec.MAX_TX_BYTES + 1]), ApiReason.OVERSIZE);
        byte[] badSig = deposit(CHAIN, 2, 5);
        badSig[badSig.length - 1] ^= 1;
        refused(postHex("/tx", badSig), ApiReason.BAD_SIGNATURE);
        refused(postHex("/tx", deposit(CHAIN, 1, 500)), ApiReason.BAD_NONCE);      // the committed one again
        refused(postHex("/tx", deposit(CHAIN, 1_000, 5)), ApiReason.BAD_NONCE);    // beyond the nonce window
        refused(postHex("/tx", deposit(CHAIN + 1, 2, 5)), ApiReason.WRONG_CHAIN);
        refused(postHex("/tx?wait=forever", deposit(CHAIN, 2, 5)), ApiReason.BAD_QUERY);
        refused(postHex("/tx?wait=commit&timeout_ms=0", deposit(CHAIN, 2, 5)), ApiReason.BAD_QUERY);
        refused(postHex("/tx?colour=blue", deposit(CHAIN, 2, 5)), ApiReason.BAD_QUERY);
        refused(get("/account/zz"), ApiReason.BAD_HEX);
        refused(get("/account/abcd"), ApiReason.BAD_HEX);
        refused(get("/account/" + HEX.formatHex(new byte[32])), ApiReason.UNKNOWN_ACCOUNT);
        refused(get("/block/ten"), ApiReason.BAD_QUERY);
        refused(get("/block/0"), ApiReason.NO_SUCH_BLOCK);
        refused(get("/block/99999999"), ApiReason.NO_SUCH_BLOCK);
        assertEquals(before, state(), "no refused request changed the ledger or the mempool");

        for (ApiReason r : ApiReason.values()) {
            counted[r.ordinal()] = metric("bulwark_http_errors_total{error=\"" + r + "\"}");
            assertEquals(api.errors(r), counted[r.ordinal()]);
        }
        assertEquals(1, counted[ApiReason.UNKNOWN_ROUTE.ordinal()]);
        assertEquals(2, counted[ApiReason.METHOD_NOT_ALLOWED.ordinal()]);
        assertEquals(4, counted[ApiReason.BAD_HEX.ordinal()]);
        assertEquals(2, counted[ApiReason.MALFORMED.ordinal()]);
        assertEquals(2, counted[ApiReason.OVERSIZE.ordinal()]);
        assertEquals(1, counted[ApiReason.BAD_SIGNATURE.ordinal()]);
        assertEquals(2, counted[ApiReason.BAD_NONCE.ordinal()]);
        assertEquals(1, counted[ApiReason.WRONG_CHAIN.ordinal()]);
        assertEquals(4, counted[ApiReason.BAD_QUERY.ordinal()]);
        assertEquals(1, counted[ApiReason.UNKNOWN_ACCOUNT.ordinal()]);
        assertEquals(2, counted[ApiReason.NO_SUCH_BLOCK.ordinal()]);
        // the core counted the mempool's refusals too
        assertTrue(metric("bulwark_frame_refusals_total{reason=\"BAD_SIGNATURE\"}") >= 1);

        // a transaction that cannot be committed yet (nonce 3 while 2 is missing) is admitted, times out
        // waiting for commit (504), and a second submission of it is a duplicate
        byte[] gap = deposit(CHAIN, 3, 5);
        refused(postHex("/tx?wait=commit&timeout_ms=300", gap), ApiReason.COMMIT_TIMEOUT);
        refused(postHex("/tx", gap), ApiReason.DUPLICATE);
        assertEquals(1, metric("bulwark_mempool_txs"));
        // once nonce 2 arrives, both are committed
        HttpResponse<String> r = postHex("/tx?wait=commit", deposit(CHAIN, 2, 5));
        assertEquals(200, r.statusCode(), r.body());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (json(get("/account/" + HEX.formatHex(key.toBytes()))).get("nonce").asLong() < 3) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }

    /** A POST /txs body: the count, then each transaction with its length. */
    private static byte[] frame(int count, byte[]... txs) {
        int size = 2;
        for (byte[] t : txs) {
            size += 2 + t.length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).putShort((short) count);
        for (byte[] t : txs) {
            b.putShort((short) t.length).put(t);
        }
        return b.array();
    }

    @Test
    void aBatchIsJudgedTransactionByTransactionAndABadFrameAdmitsNothing() throws Exception {
        assertEquals(200, postHex("/tx?wait=commit", deposit(CHAIN, 1, 500)).statusCode());
        String before = state();
        long admittedBefore = metric("bulwark_txs_admitted_total");

        // framings refused whole: nothing admitted, nothing changed
        byte[] d2 = deposit(CHAIN, 2, 5);
        byte[] d3 = deposit(CHAIN, 3, 5);
        String oct = "application/octet-stream";
        refused(get("/txs"), ApiReason.METHOD_NOT_ALLOWED);
        refused(post("/txs", "text/plain", frame(1, d2)), ApiReason.MALFORMED);          // not binary
        refused(post("/txs", oct, new byte[1]), ApiReason.MALFORMED);                      // no count
        refused(post("/txs", oct, frame(0)), ApiReason.MALFORMED);                         // empty
        refused(post("/txs", oct, frame(3, d2, d3)), ApiReason.MALFORMED);                 // fewer than counted
        byte[] trailing = java.util.Arrays.copyOf(frame(2, d2, d3), frame(2, d2, d3).length + 1);
        refused(post("/txs", oct, trailing), ApiReason.MALFORMED);                         // bytes after the last
        byte[] truncated = java.util.Arrays.copyOf(frame(2, d2, d3), frame(2, d2, d3).length - 1);
        refused(post("/txs", oct, truncated), ApiReason.MALFORMED);                        // last one cut short
        refused(post("/txs", oct, frame(1, new byte[0])), ApiReason.MALFORMED);            // an empty transaction
        refused(post("/txs", oct, frame(1, new byte[TxCodec.MAX_TX_BYTES + 1])), ApiReason.OVERSIZE);
        refused(post("/txs", oct, frame(HttpApi.MAX_BATCH_TXS + 1, d2)), ApiReason.OVERSIZE);
        refused(post("/txs", oct, new byte[HttpApi.MAX_BATCH_BODY_BYTES + 1]), ApiReason.OVERSIZE);
        refused(post("/txs?wait=sometime", oct, frame(2, d2, d3)), ApiReason.BAD_QUERY);
        assertEquals(before, state(), "no refused batch changed the ledger or the mempool");
        assertEquals(admittedBefore, metric("bulwark_txs_admitted_total"));
        assertEquals(7, api.errors(ApiReason.MALFORMED));
        assertEquals(3, api.errors(ApiReason.OVERSIZE));

        // a batch of good and bad transactions: each judged alone, the good ones committed
        byte[] badSig = deposit(CHAIN, 4, 5);
        badSig[badSig.length - 1] ^= 1;
        byte[] replay = deposit(CHAIN, 1, 500);
        byte[] d4 = deposit(CHAIN, 4, 7);
        HttpResponse<String> r = post("/txs?wait=commit", oct, frame(6, d2, badSig, d3, replay, d2, d4));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode res = json(r).get("results");
        assertEquals(6, res.size(), r.body());
        byte[][] sent = {d2, badSig, d3, replay, d2, d4};
        for (int i = 0; i < 6; i++) {
            assertEquals(HEX.formatHex(Mempool.hash(sent[i])), res.get(i).get("hash").asText(), "entry " + i);
        }
        for (int i : new int[] {0, 2, 5}) {
            assertEquals("committed", res.get(i).get("status").asText(), r.body());
            assertEquals("APPLIED", res.get(i).get("result").asText(), r.body());
            assertTrue(res.get(i).get("height").asLong() >= 1);
        }
        assertEquals("BAD_SIGNATURE", res.get(1).get("error").asText(), r.body());
        assertEquals("BAD_NONCE", res.get(3).get("error").asText(), r.body());
        assertEquals("DUPLICATE", res.get(4).get("error").asText(), r.body());   // the same transaction twice in one batch
        assertEquals(1, api.errors(ApiReason.BAD_SIGNATURE));
        assertEquals(1, api.errors(ApiReason.BAD_NONCE));
        assertEquals(1, api.errors(ApiReason.DUPLICATE));
        assertEquals(1, metric("bulwark_http_errors_total{error=\"DUPLICATE\"}"));
        assertEquals(admittedBefore + 3, metric("bulwark_txs_admitted_total"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (json(get("/account/" + HEX.formatHex(key.toBytes()))).get("nonce").asLong() < 4) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(20);
        }

        // without waiting: admitted (202), in order; a gap is admitted and left waiting for its predecessor
        byte[] d5 = deposit(CHAIN, 5, 1);
        byte[] d7 = deposit(CHAIN, 7, 1);
        r = post("/txs", oct, frame(2, d5, d7));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("admitted", json(r).get("results").get(0).get("status").asText(), r.body());
        assertEquals("admitted", json(r).get("results").get(1).get("status").asText(), r.body());
        // waiting for a transaction that cannot commit in time: COMMIT_TIMEOUT for it alone
        byte[] d6 = deposit(CHAIN, 6, 1);
        byte[] d9 = deposit(CHAIN, 9, 1);
        r = post("/txs?wait=commit&timeout_ms=3000", oct, frame(2, d6, d9));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("committed", json(r).get("results").get(0).get("status").asText(), r.body());
        assertEquals("COMMIT_TIMEOUT", json(r).get("results").get(1).get("error").asText(), r.body());
    }

    /** One HTTP/1.1 answer read off a raw socket: its status, headers (lower-case names) and body. */
    private static final class RawAnswer {
        int status;
        final java.util.Map<String, String> headers = new java.util.HashMap<>();
        byte[] body;
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new java.io.EOFException("connection closed after \"" + b + "\"");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static RawAnswer answer(java.io.InputStream in) throws java.io.IOException {
        RawAnswer a = new RawAnswer();
        a.status = Integer.parseInt(line(in).split(" ")[1]);
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int c = h.indexOf(':');
            a.headers.put(h.substring(0, c).trim().toLowerCase(java.util.Locale.ROOT), h.substring(c + 1).trim());
        }
        a.body = in.readNBytes(Integer.parseInt(a.headers.get("content-length")));
        return a;
    }

    /**
     * A body above the bound is refused OVERSIZE, but read off to its end first (up to
     * MAX_DRAIN_BYTES): a TCP connection closed with unread bytes is reset, and the reset can
     * overtake the answer (the client then sees no answer at all). Read off, the connection even
     * carries the next request. A body declared above MAX_DRAIN_BYTES is not read: answered, then
     * closed.
     */
    @Test
    void anOversizeBodyIsReadOffBeforeItsAnswerSoTheAnswerArrives() throws Exception {
        byte[] big = new byte[HttpApi.MAX_BATCH_BODY_BYTES + 1];
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", api.address().getPort())) {
            s.setSoTimeout(20_000);
            java.io.OutputStream out = s.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            out.write(("POST /txs HTTP/1.1\r\nHost: node\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + big.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(big);
            out.flush();
            RawAnswer a = answer(in);
            assertEquals(413, a.status);
            assertEquals("OVERSIZE", JSON.readTree(a.body).get("error").asText());
            assertFalse("close".equalsIgnoreCase(a.headers.get("connection")), "read to its end, the connection stays open");
            out.write("GET /status HTTP/1.1\r\nHost: node\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            RawAnswer b = answer(in);
            assertEquals(200, b.status);
            assertEquals(CHAIN, JSON.readTree(b.body).get("chainId").asLong());
        }
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", api.address().getPort())) {
            s.setSoTimeout(20_000);
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            s.getOutputStream().write(("POST /txs HTTP/1.1\r\nHost: node\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + (HttpApi.MAX_DRAIN_BYTES + 1) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            RawAnswer a = answer(in);
            assertEquals(413, a.status);
            assertEquals("close", a.headers.get("connection"));
            assertEquals(-1, in.read(), "closed after the answer");
        }
        assertEquals(2, api.errors(ApiReason.OVERSIZE));
    }

    @Test
    void requestsBeyondTheInFlightBoundAreRefusedBusy() throws Exception {
        stop();
        start(2);
        assertEquals(200, postHex("/tx?wait=commit", deposit(CHAIN, 1, 5)).statusCode());
        // two requests wait for transactions that cannot commit (a nonce gap): both slots taken
        CompletableFuture<HttpResponse<String>> w1 = CompletableFuture.supplyAsync(() -> call(() -> postHex("/tx?wait=commit&timeout_ms=3000",
                deposit(CHAIN, 3, 5))));
        CompletableFuture<HttpResponse<String>> w2 = CompletableFuture.supplyAsync(() -> call(() -> postHex("/tx?wait=commit&timeout_ms=3000",
                deposit(CHAIN, 4, 5))));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (node.query(c -> c.mempoolSize()) < 2) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(10);
        }
        refused(get("/status"), ApiReason.BUSY);
        refused(w1.get(), ApiReason.COMMIT_TIMEOUT);
        refused(w2.get(), ApiReason.COMMIT_TIMEOUT);
        assertEquals(200, get("/status").statusCode(), "slots are released");
        assertEquals(1, api.errors(ApiReason.BUSY));
    }

    @Test
    void aClientAboveItsRequestRateIsRefusedRateLimitedUntilItsBucketRefills() throws Exception {
        api.close();
        long[] now = {0};
        // 3 requests at once, then 1 per second (a test clock: nothing here depends on timing)
        api = new HttpApi(node, CHAIN, new InetSocketAddress("127.0.0.1", 0), HttpApi.MAX_IN_FLIGHT,
                new ClientRateLimiter(1, 3, 8, () -> now[0]));
        String before = state();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/status").statusCode());
        }
        refused(get("/status"), ApiReason.RATE_LIMITED);
        refused(postHex("/tx", deposit(CHAIN, 1, 5)), ApiReason.RATE_LIMITED);
        assertEquals(2, api.errors(ApiReason.RATE_LIMITED));
        assertEquals(before, state(), "a refused request changes nothing");
        now[0] += 1_000_000_000L; // one second: one token
        assertEquals(200, get("/status").statusCode());
        refused(get("/status"), ApiReason.RATE_LIMITED);
        now[0] += 10_000_000_000L; // ten seconds: refilled to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/status").statusCode());
        }
        refused(get("/status"), ApiReason.RATE_LIMITED);
        assertEquals(4, api.errors(ApiReason.RATE_LIMITED));
    }

    interface Call<T> {
        T run() throws Exception;
    }

    static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
