package dev.bulwark.node.real;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.consensus.Certificate;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerException;
import dev.bulwark.ledger.TxResult;
import dev.bulwark.ledger.state.AccountProof;
import dev.bulwark.ledger.state.AppHash;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.node.Frames;
import dev.bulwark.node.Mempool;
import dev.bulwark.node.NodeCore;
import dev.bulwark.node.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's HTTP + JSON client API (the JDK's {@code com.sun.net.httpserver}, Jackson for JSON):
 *
 * <pre>
 * POST /tx[?wait=commit[&amp;timeout_ms=T]]  body: the canonical signed transaction (TxCodec), as hex text
 *                                      or, with Content-Type application/octet-stream, as bytes.
 *      202 {"hash"}: admitted to the mempool (and gossiped);  with wait=commit, 200
 *      {"hash","height","index","code","result"} once a block holding it is committed here, or 504
 *      COMMIT_TIMEOUT after T ms (default 10,000, at most 30,000).
 * POST /txs[?wait=commit[&amp;timeout_ms=T]] body (application/octet-stream): a batch,
 *      n (2 bytes, 1..MAX_BATCH_TXS) then n x (length (2 bytes, 1..TxCodec.MAX_TX_BYTES) | the
 *      signed transaction), nothing after; a body that does not frame exactly so is refused whole
 *      (MALFORMED, OVERSIZE) and admits nothing.  Each transaction is then judged alone, as by
 *      /tx: 202 (200 with wait=commit, once every admitted one is committed or T ms have passed)
 *      {"results":[...]} in the batch's order, each {"hash","status":"admitted"|"committed",
 *      "height","index","code","result"} or {"hash","error","message"} (its typed refusal, counted
 *      like a request's; COMMIT_TIMEOUT for one admitted but not committed in time).
 * GET  /account/{hex key}     the account and its inclusion proof against the app hash of the last applied height
 * GET  /block/{height}        the stored block (hex), its hash, transactions, and its commit (the signed precommits)
 * GET  /status                chain, node, height, round, step, stored height, app hash, peers, mempool
 * GET  /metrics               Prometheus text format
 * </pre>
 *
 * Every refusal is a typed JSON error ({@link ApiReason}: {@code {"error","message"}} with the
 * reason's HTTP status), counted in {@code bulwark_http_errors_total}, and changes nothing: the
 * node's state is touched only by the core's own {@code onClientTx}, which refuses with its typed
 * reasons, and by nothing else here. Bounds: a request body of at most {@link #MAX_BODY_BYTES}
 * bytes ({@link #MAX_BATCH_BODY_BYTES} for /txs, of at most {@link #MAX_BATCH_TXS} transactions;
 * nothing beyond is kept: before an OVERSIZE or other refusal the unread rest of the body is read
 * and discarded, at most {@link #MAX_DRAIN_BYTES}, so that the client reads the answer instead of a
 * connection reset, and the connection is closed after the answer when more was declared),
 * {@link #MAX_IN_FLIGHT} requests in flight (beyond: 503 BUSY at once; BUSY and RATE_LIMITED read
 * nothing of the body, so a client that sent more than the JDK server's own 64 KiB drain may see the
 * connection reset instead),
 * {@link #MAX_WAITERS} transactions waiting for commit (checked before a request registers its
 * waiters, and at most WORKERS + 1 requests are past the check at once -- the handler threads and,
 * with a full queue, the dispatcher: never more than MAX_WAITERS + (WORKERS + 1) x MAX_BATCH_TXS), {@link #WORKERS} handler threads with
 * {@link #MAX_QUEUED} queued exchanges (beyond: the server's own dispatcher thread runs the
 * handler, which stops it accepting until a worker is free), a request that takes more than
 * {@link #MAX_REQUEST_SECONDS} s to arrive is dropped (the JDK server's maxReqTime), and
 * {@link #MAX_TRACKED} admitted transactions tracked for commit latency.
 * Queries of the core run on its event thread (bounded wait {@link #CORE_WAIT_MS}).
 */
public final class HttpApi implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 4096;
    /** Transactions in one POST /txs (each waiting for commit counts against MAX_WAITERS). */
    public static final int MAX_BATCH_TXS = 512;
    /** The largest POST /txs body: MAX_BATCH_TXS transactions of the codec's maximum size, framed. */
    public static final int MAX_BATCH_BODY_BYTES = 2 + MAX_BATCH_TXS * (2 + TxCodec.MAX_TX_BYTES);
    /**
     * Before a refusal, at most this much of the request body's unread rest is read and discarded
     * (into one 8 KiB buffer, within the request's MAX_REQUEST_SECONDS): closing a TCP connection
     * with unread bytes resets it, and the reset can overtake the answer already sent.
     */
    public static final int MAX_DRAIN_BYTES = 1 << 20;
    public static final int MAX_IN_FLIGHT = 256;
    public static final int MAX_WAITERS = 1024;
    public static final int WORKERS = 4;
    public static final int MAX_QUEUED = 256;
    public static final int MAX_TRACKED = 65_536;
    public static final long DEFAULT_WAIT_MS = 10_000;
    public static final long MAX_WAIT_MS = 30_000;
    public static final long CORE_WAIT_MS = 10_000;
    public static final int MAX_REQUEST_SECONDS = 10;
    /** Requests per second per client address after its burst (a token bucket; beyond: 429 RATE_LIMITED). */
    public static final double CLIENT_RATE_PER_SECOND = 2_000;
    public static final int CLIENT_BURST = 4_000;
    /** Client addresses whose buckets are tracked (see ClientRateLimiter). */
    public static final int MAX_CLIENTS = 4_096;
    static final double[] LATENCY_BUCKETS = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    /** One committed transaction, as a waiter learns it. */
    private static final class Committed {
        final long height;
        final int index;
        final TxResult result;

        Committed(long height, int index, TxResult result) {
            this.height = height;
            this.index = index;
            this.result = result;
        }
    }

    private static final class ApiException extends Exception {
        final ApiReason reason;

        ApiException(ApiReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private final RealNode node;
    private final long chainId;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Semaphore inFlight;
    private final ClientRateLimiter limiter;
    private final ConcurrentHashMap<ByteBuffer, CompletableFuture<Committed>> waiters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ByteBuffer, Long> submittedAt = new ConcurrentHashMap<>();

    // metrics
    private final LongAdder requests = new LongAdder();
    private final Map<ApiReason, LongAdder> errors = new EnumMap<>(ApiReason.class);
    private final LongAdder admitted = new LongAdder();
    private final LongAdder committedTxs = new LongAdder();
    private final LongAdder committedHeights = new LongAdder();
    private final Map<String, LongAdder> resultCodes = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final AtomicLong latencySumMicros = new AtomicLong();

    /** Binds {@code address} (port 0: a free one) and starts serving; registers the node's commit listener. */
    public HttpApi(RealNode node, long chainId, InetSocketAddress address) throws IOException {
        this(node, chainId, address, MAX_IN_FLIGHT);
    }

    /** With another bound on requests in flight (tests). */
    HttpApi(RealNode node, long chainId, InetSocketAddress address, int maxInFlight) throws IOException {
        this(node, chainId, address, maxInFlight, new ClientRateLimiter(CLIENT_RATE_PER_SECOND, CLIENT_BURST, MAX_CLIENTS,
                System::nanoTime));
    }

    /** With another per-client rate limiter (tests). */
    HttpApi(RealNode node, long chainId, InetSocketAddress address, int maxInFlight, ClientRateLimiter limiter)
            throws IOException {
        this.limiter = limiter;
        this.inFlight = new Semaphore(maxInFlight);
        this.node = node;
        this.chainId = chainId;
        for (ApiReason r : ApiReason.values()) {
            errors.put(r, new LongAdder());
        }
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
        node.query(c -> {
            c.setCommitListener(this::committed);
            return null;
        });
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
            Thread t = new Thread(r, "bulwark-http-" + node.index());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.server = HttpServer.create(address, 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Refusals so far, by reason. */
    public long errors(ApiReason r) {
        return errors.get(r).sum();
    }

    // ------------------------------------------------------------------------------------------
    // commits (the node's event thread)

    private void committed(long height, DecodedBlock block, BlockResult res) {
        committedHeights.increment();
        long now = System.nanoTime();
        for (int i = 0; i < block.size(); i++) {
            committedTxs.increment();
            TxResult r = res.result(i);
            resultCodes.computeIfAbsent(r.code().name(), k -> new LongAdder()).increment();
            ByteBuffer key = ByteBuffer.wrap(Mempool.hash(TxCodec.encode(block.signedTx(i))));
            Long t0 = submittedAt.remove(key);
            if (t0 != null) {
                observeLatency((now - t0) / 1e9);
            }
            CompletableFuture<Committed> w = waiters.remove(key);
            if (w != null) {
                w.complete(new Committed(height, i, r));
            }
        }
    }

    private void observeLatency(double seconds) {
        int b = 0;
        while (b < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[b]) {
            b++;
        }
        latencyBuckets[b].increment();
        latencyCount.increment();
        latencySumMicros.addAndGet((long) (seconds * 1e6));
    }

    // ------------------------------------------------------------------------------------------
    // requests

    private void handle(HttpExchange ex) {
        requests.increment();
        java.net.InetSocketAddress from = ex.getRemoteAddress();
        if (from == null || !limiter.tryAcquire(from.getAddress())) {
            error(ex, new ApiException(ApiReason.RATE_LIMITED, "more than " + (long) CLIENT_RATE_PER_SECOND
                    + " requests per second from this address"));
            return;
        }
        if (!inFlight.tryAcquire()) {
            error(ex, new ApiException(ApiReason.BUSY, "too many requests in flight"));
            return;
        }
        boolean async = false;
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (path.equals("/tx")) {
                need(method, "POST");
                async = submit(ex, q);
            } else if (path.equals("/txs")) {
                need(method, "POST");
                async = submitBatch(ex, q);
            } else if (path.startsWith("/account/")) {
                need(method, "GET");
                json(ex, 200, account(path.substring("/account/".length())));
            } else if (path.startsWith("/block/")) {
                need(method, "GET");
                json(ex, 200, block(path.substring("/block/".length())));
            } else if (path.equals("/status")) {
                need(method, "GET");
                json(ex, 200, status());
            } else if (path.equals("/metrics")) {
                need(method, "GET");
                reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics().getBytes(StandardCharsets.UTF_8));
            } else {
                throw new ApiException(ApiReason.UNKNOWN_ROUTE, "no route " + path);
            }
        } catch (ApiException e) {
            error(ex, e);
        } catch (RuntimeException e) {
            error(ex, new ApiException(ApiReason.UNAVAILABLE, String.valueOf(e.getMessage())));
        } finally {
            if (!async) {
                inFlight.release();
            }
        }
    }

    private static void need(String method, String expected) throws ApiException {
        if (!expected.equals(method)) {
            throw new ApiException(ApiReason.METHOD_NOT_ALLOWED, "use " + expected);
        }
    }

    private static Map<String, String> query(String raw) throws ApiException {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int e = kv.indexOf('=');
            if (e <= 0 || q.size() >= 8) {
                throw new ApiException(ApiReason.BAD_QUERY, "bad query " + raw);
            }
            q.put(kv.substring(0, e), kv.substring(e + 1));
        }
        return q;
    }

    /** Reads at most MAX_BODY_BYTES; OVERSIZE as soon as the declared or read length is above it. */
    private static byte[] body(HttpExchange ex) throws ApiException {
        return body(ex, MAX_BODY_BYTES);
    }

    /** Reads at most limit bytes; OVERSIZE as soon as the declared or read length is above it. */
    private static byte[] body(HttpExchange ex, int limit) throws ApiException {
        try {
            if (declaredLength(ex) > limit) {
                throw new ApiException(ApiReason.OVERSIZE, "body above " + limit + " bytes");
            }
        } catch (NumberFormatException e) {
            throw new ApiException(ApiReason.BAD_QUERY, "bad Content-Length");
        }
        byte[] b;
        try {
            // not closed here: a refusal drains the rest first (see error), and the exchange's close closes it
            b = ex.getRequestBody().readNBytes(limit + 1);
        } catch (IOException e) {
            throw new ApiException(ApiReason.MALFORMED, "body unreadable: " + e.getMessage());
        }
        if (b.length > limit) {
            throw new ApiException(ApiReason.OVERSIZE, "body above " + limit + " bytes");
        }
        return b;
    }

    /** The request's declared Content-Length, -1 without one; NumberFormatException when it is no number. */
    private static long declaredLength(HttpExchange ex) {
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        return cl == null ? -1 : Long.parseLong(cl.trim());
    }

    /**
     * Reads and discards the request body's unread rest, unless more than MAX_DRAIN_BYTES were
     * declared; true when the body was read to its end (the connection can carry another request).
     */
    private static boolean drain(HttpExchange ex) {
        try {
            if (declaredLength(ex) > MAX_DRAIN_BYTES) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] buf = new byte[8192];
        long left = MAX_DRAIN_BYTES;
        try {
            InputStream in = ex.getRequestBody();
            while (left >= 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left + 1));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the stream is closed, or the client went away
            return false;
        }
        return false;
    }

    private static byte[] hex(String s, String what) throws ApiException {
        String t = s.trim();
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        try {
            return HEX.parseHex(t);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiReason.BAD_HEX, what + " is not hex");
        }
    }

    private static ApiReason of(Reason r) {
        switch (r) {
            case OVERSIZE: return ApiReason.OVERSIZE;
            case WRONG_CHAIN: return ApiReason.WRONG_CHAIN;
            case BAD_SIGNATURE: return ApiReason.BAD_SIGNATURE;
            case BAD_NONCE: case STALE: return ApiReason.BAD_NONCE;
            case DUPLICATE: return ApiReason.DUPLICATE;
            case FULL: return ApiReason.FULL;
            case RATE_LIMITED: return ApiReason.RATE_LIMITED;
            default: return ApiReason.MALFORMED;
        }
    }

    /** POST /tx. Returns true when the reply is left to a commit (wait=commit). */
    private boolean submit(HttpExchange ex, Map<String, String> q) throws ApiException {
        long waitMs = waitMs(q);
        boolean wait = waitMs > 0;
        byte[] body = body(ex);
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] tx = ct != null && ct.startsWith("application/octet-stream") ? body
                : hex(new String(body, StandardCharsets.US_ASCII), "the body");
        if (tx.length > TxCodec.MAX_TX_BYTES) {
            throw new ApiException(ApiReason.OVERSIZE, "a transaction is at most " + TxCodec.MAX_TX_BYTES + " bytes");
        }
        if (wait && waiters.size() >= MAX_WAITERS) {
            throw new ApiException(ApiReason.BUSY, "more than " + MAX_WAITERS + " requests waiting for commit");
        }
        Offer o = new Offer(tx, wait);
        if (!o.judge(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CORE_WAIT_MS))) {
            throw o.refused;
        }
        if (!wait) {
            json(ex, 202, JSON.createObjectNode().put("hash", o.hash).put("status", "admitted"));
            return false;
        }
        o.waiter.orTimeout(waitMs, TimeUnit.MILLISECONDS).whenCompleteAsync((c, err) -> {
            try {
                waiters.remove(o.key, o.waiter);
                if (err != null) {
                    error(ex, new ApiException(ApiReason.COMMIT_TIMEOUT, "admitted as " + o.hash + " but not committed within the wait"));
                } else {
                    json(ex, 200, putCommitted(JSON.createObjectNode().put("hash", o.hash), c));
                }
            } finally {
                inFlight.release();
            }
        }, workers);
        return true;
    }

    /**
     * One transaction of a request on its way to the mempool: registered for its commit (with
     * wait=commit; DUPLICATE if a request already waits for it), tracked for the commit latency,
     * and offered to the core.
     */
    private final class Offer {
        final ByteBuffer key;
        final String hash;
        /** The commit waiter (wait=commit and not refused), else null. */
        CompletableFuture<Committed> waiter;
        CompletableFuture<Reason> offered;
        final boolean tracked;
        final byte[] tx;
        /** Why it was refused, else null. */
        ApiException refused;

        Offer(byte[] tx, boolean wait) {
            this(tx, wait, true);
        }

        /** submit false: registered (waiter, submission time) but not offered yet (a batch offers its entries together). */
        Offer(byte[] tx, boolean wait, boolean submit) {
            this.tx = tx;
            byte[] h = Mempool.hash(tx);
            this.key = ByteBuffer.wrap(h);
            this.hash = HEX.formatHex(h);
            if (wait) {
                CompletableFuture<Committed> w = new CompletableFuture<>();
                if (waiters.putIfAbsent(key, w) != null) {
                    refused = new ApiException(ApiReason.DUPLICATE, "a request already waits for this transaction");
                    this.tracked = false;
                    this.offered = null;
                    return;
                }
                waiter = w;
            }
            this.tracked = submittedAt.size() < MAX_TRACKED && submittedAt.putIfAbsent(key, System.nanoTime()) == null;
            this.offered = submit ? node.submit(tx) : new CompletableFuture<>();
        }

        /**
         * Waits (until deadlineNanos) for the core's answer: true if admitted (counted); else the
         * refusal is set and the registration undone.
         */
        boolean judge(long deadlineNanos) {
            if (offered == null) {
                return false;
            }
            Reason r;
            try {
                r = offered.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                r = Reason.FULL;
            }
            if (r == null) {
                admitted.increment();
                return true;
            }
            if (waiter != null) {
                waiters.remove(key, waiter);
                waiter = null;
            }
            if (tracked) {
                submittedAt.remove(key);
            }
            refused = new ApiException(of(r), "refused by the mempool: " + r);
            return false;
        }
    }

    /** A committed transaction's answer fields, added to o. */
    private static ObjectNode putCommitted(ObjectNode o, Committed c) {
        return o.put("status", "committed").put("height", c.height).put("index", c.index).put("code", c.result.toInt())
                .put("result", c.result.toString());
    }

    /** The query of /tx and /txs: the commit wait in ms (0: wait=none or absent), BAD_QUERY for anything else. */
    private static long waitMs(Map<String, String> q) throws ApiException {
        for (String k : q.keySet()) {
            if (!k.equals("wait") && !k.equals("timeout_ms")) {
                throw new ApiException(ApiReason.BAD_QUERY, "unknown parameter " + k);
            }
        }
        String waitMode = q.get("wait");
        if (waitMode != null && !waitMode.equals("commit") && !waitMode.equals("none")) {
            throw new ApiException(ApiReason.BAD_QUERY, "wait is commit or none");
        }
        long timeout = DEFAULT_WAIT_MS;
        if (q.containsKey("timeout_ms")) {
            try {
                timeout = Long.parseLong(q.get("timeout_ms"));
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 1 || timeout > MAX_WAIT_MS) {
                throw new ApiException(ApiReason.BAD_QUERY, "timeout_ms is 1.." + MAX_WAIT_MS);
            }
        }
        return "commit".equals(waitMode) ? timeout : 0;
    }

    /**
     * The transactions of a POST /txs body: n (2) then n x (length (2) | bytes), exactly; MALFORMED
     * for any other framing, OVERSIZE for a transaction above the codec's maximum or n above
     * MAX_BATCH_TXS.
     */
    static List<byte[]> batch(byte[] body) throws ApiException {
        ByteBuffer b = ByteBuffer.wrap(body);
        if (b.remaining() < 2) {
            throw new ApiException(ApiReason.MALFORMED, "a batch starts with its count (2 bytes)");
        }
        int n = Short.toUnsignedInt(b.getShort());
        if (n < 1) {
            throw new ApiException(ApiReason.MALFORMED, "an empty batch");
        }
        if (n > MAX_BATCH_TXS) {
            throw new ApiException(ApiReason.OVERSIZE, "a batch holds at most " + MAX_BATCH_TXS + " transactions");
        }
        List<byte[]> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 2) {
                throw new ApiException(ApiReason.MALFORMED, "transaction " + i + ": no length");
            }
            int len = Short.toUnsignedInt(b.getShort());
            if (len < 1) {
                throw new ApiException(ApiReason.MALFORMED, "transaction " + i + ": empty");
            }
            if (len > TxCodec.MAX_TX_BYTES) {
                throw new ApiException(ApiReason.OVERSIZE, "transaction " + i + ": a transaction is at most "
                        + TxCodec.MAX_TX_BYTES + " bytes");
            }
            if (b.remaining() < len) {
                throw new ApiException(ApiReason.MALFORMED, "transaction " + i + ": truncated");
            }
            byte[] tx = new byte[len];
            b.get(tx);
            txs.add(tx);
        }
        if (b.hasRemaining()) {
            throw new ApiException(ApiReason.MALFORMED, b.remaining() + " bytes after the last transaction");
        }
        return txs;
    }

    /** POST /txs. Returns true when the reply is left to the commits (wait=commit). */
    private boolean submitBatch(HttpExchange ex, Map<String, String> q) throws ApiException {
        long waitMs = waitMs(q);
        boolean wait = waitMs > 0;
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (ct == null || !ct.startsWith("application/octet-stream")) {
            throw new ApiException(ApiReason.MALFORMED, "a batch is sent as application/octet-stream");
        }
        List<byte[]> txs = batch(body(ex, MAX_BATCH_BODY_BYTES));
        int n = txs.size();
        if (wait && waiters.size() + n > MAX_WAITERS) {
            throw new ApiException(ApiReason.BUSY, "more than " + MAX_WAITERS + " transactions waiting for commit");
        }
        Offer[] offers = new Offer[n];
        for (int i = 0; i < n; i++) {
            offers[i] = new Offer(txs.get(i), wait, false);
        }
        // the entries not refused at registration go to the core as one event (gossiped together)
        List<Offer> live = new ArrayList<>();
        List<byte[]> liveTxs = new ArrayList<>();
        for (Offer o : offers) {
            if (o.offered != null) {
                live.add(o);
                liveTxs.add(o.tx);
            }
        }
        if (!live.isEmpty()) {
            node.submitAll(liveTxs).whenComplete((answers, err) -> {
                for (int j = 0; j < live.size(); j++) {
                    live.get(j).offered.complete(err != null ? Reason.FULL : answers[j]);
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CORE_WAIT_MS);
        List<CompletableFuture<Committed>> pending = new ArrayList<>();
        for (Offer o : offers) {
            if (o.judge(deadline) && o.waiter != null) {
                pending.add(o.waiter);
            }
        }
        if (!wait) {
            json(ex, 202, batchResults(offers));
            return false;
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).orTimeout(waitMs, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((x, err) -> {
                    try {
                        for (Offer o : offers) {
                            if (o.waiter != null) {
                                waiters.remove(o.key, o.waiter);
                                if (!o.waiter.isDone() || o.waiter.isCompletedExceptionally()) {
                                    o.refused = new ApiException(ApiReason.COMMIT_TIMEOUT,
                                            "admitted but not committed within the wait");
                                }
                            }
                        }
                        json(ex, 200, batchResults(offers));
                    } finally {
                        inFlight.release();
                    }
                }, workers);
        return true;
    }

    /** The per-transaction answers of a batch (refusals counted here, as a request's are in error()). */
    private ObjectNode batchResults(Offer[] offers) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode results = o.putArray("results");
        for (Offer f : offers) {
            ObjectNode e = results.addObject().put("hash", f.hash);
            if (f.refused != null) {
                errors.get(f.refused.reason).increment();
                e.put("error", f.refused.reason.name()).put("message", f.refused.getMessage());
            } else if (f.waiter != null) {
                putCommitted(e, f.waiter.join());
            } else {
                e.put("status", "admitted");
            }
        }
        return o;
    }

    private <T> T onCore(java.util.function.Function<NodeCore, T> f) throws ApiException {
        try {
            return node.query(f);
        } catch (IllegalStateException e) {
            throw new ApiException(ApiReason.UNAVAILABLE, "the node did not answer");
        }
    }

    private ObjectNode account(String arg) throws ApiException {
        byte[] k = hex(arg, "the account key");
        if (k.length != AccountKey.BYTES) {
            throw new ApiException(ApiReason.BAD_HEX, "an account key is " + AccountKey.BYTES + " bytes");
        }
        AccountKey key;
        try {
            key = AccountKey.of(k);
        } catch (LedgerException e) {
            throw new ApiException(ApiReason.BAD_HEX, "not an account key");
        }
        ObjectNode o = onCore(c -> {
            Ledger l = c.replica().ledger();
            int id = l.accountId(key);
            if (id < 0) {
                return null;
            }
            AppHash t = l.appHashTree();
            AccountProof p = t.prove(l, id);
            ObjectNode n = JSON.createObjectNode();
            n.put("key", HEX.formatHex(k)).put("id", id).put("collateral", p.collateral()).put("position", p.position())
                    .put("nonce", p.nonce()).put("height", c.replica().height()).put("appHash", HEX.formatHex(t.current()));
            ObjectNode proof = n.putObject("proof");
            proof.put("present", p.present()).put("otherKeys", HEX.formatHex(p.otherKeys()))
                    .put("otherFields", HEX.formatHex(p.otherFields()));
            ArrayNode s = proof.putArray("siblings");
            for (byte[] level : p.siblings()) {
                s.add(HEX.formatHex(level));
            }
            proof.put("globals", HEX.formatHex(p.globals()));
            return n;
        });
        if (o == null) {
            throw new ApiException(ApiReason.UNKNOWN_ACCOUNT, "no account with key " + HEX.formatHex(k));
        }
        return o;
    }

    private ObjectNode block(String arg) throws ApiException {
        long h;
        try {
            h = Long.parseLong(arg);
        } catch (NumberFormatException e) {
            throw new ApiException(ApiReason.BAD_QUERY, "a height is a decimal number");
        }
        ObjectNode o = onCore(c -> {
            if (h < 1 || h <= node.store().base() || h > node.store().storedHeight()) {
                return null;
            }
            byte[] b = node.store().block(h);
            Certificate cert = node.store().certificate(h);
            DecodedBlock db = BlockCodec.decode(b);
            ObjectNode n = JSON.createObjectNode();
            n.put("height", h).put("hash", HEX.formatHex(BlockCodec.hash(b).bytes())).put("bytes", HEX.formatHex(b));
            ArrayNode txs = n.putArray("txs");
            for (int i = 0; i < db.size(); i++) {
                txs.add(HEX.formatHex(Mempool.hash(TxCodec.encode(db.signedTx(i)))));
            }
            ObjectNode ce = n.putObject("certificate");
            ce.put("round", cert.r()).put("value", HEX.formatHex(cert.v().digest()));
            ArrayNode pcs = ce.putArray("precommits");
            for (byte[] w : Frames.decodeCommit(node.store().get(h))) {
                pcs.add(HEX.formatHex(w));
            }
            return n;
        });
        if (o == null) {
            throw new ApiException(ApiReason.NO_SUCH_BLOCK, "no block stored at height " + arg);
        }
        return o;
    }

    private ObjectNode status() throws ApiException {
        return onCore(c -> {
            ObjectNode n = JSON.createObjectNode();
            n.put("chainId", chainId).put("node", node.index()).put("height", c.height()).put("round", c.round())
                    .put("step", String.valueOf(c.step())).put("storedHeight", c.storedHeight())
                    .put("appHash", HEX.formatHex(c.appHash())).put("mempool", c.mempoolSize());
            ArrayNode peers = n.putArray("peers");
            int up = 0;
            for (int i = 0; i < c.validatorCount(); i++) {
                if (i != node.index()) {
                    boolean on = node.transport().connected(i);
                    up += on ? 1 : 0;
                    peers.addObject().put("index", i).put("connected", on);
                }
            }
            n.put("peersConnected", up);
            return n;
        });
    }

    private String metrics() throws ApiException {
        StringBuilder b = new StringBuilder();
        Map<Reason, Long> refusals = onCore(c -> {
            gauge(b, "bulwark_height", "The height the node is deciding.", c.height());
            gauge(b, "bulwark_round", "The round of that height.", c.round());
            gauge(b, "bulwark_stored_height", "The last height stored.", c.storedHeight());
            gauge(b, "bulwark_mempool_txs", "Transactions in the mempool.", c.mempoolSize());
            gauge(b, "bulwark_signed_messages", "Signed consensus messages (votes and proposals) held for the current height.",
                    c.signedMessages());
            gauge(b, "bulwark_evidence", "Equivocation pairs held.", c.evidence().size());
            int up = 0;
            for (int i = 0; i < c.validatorCount(); i++) {
                up += i != node.index() && node.transport().connected(i) ? 1 : 0;
            }
            gauge(b, "bulwark_peers_connected", "Authenticated peer connections.", up);
            return new EnumMap<>(c.refusals());
        });
        b.append("# HELP bulwark_frame_refusals_total Inbound frames and client transactions the core refused, by reason.\n")
                .append("# TYPE bulwark_frame_refusals_total counter\n");
        for (Reason r : Reason.values()) {
            b.append("bulwark_frame_refusals_total{reason=\"").append(r).append("\"} ").append(refusals.getOrDefault(r, 0L)).append('\n');
        }
        b.append("# HELP bulwark_transport_events_total Transport refusals and drops, by reason.\n")
                .append("# TYPE bulwark_transport_events_total counter\n");
        for (Map.Entry<TransportReason, Long> e : node.transport().counters().entrySet()) {
            b.append("bulwark_transport_events_total{reason=\"").append(e.getKey()).append("\"} ").append(e.getValue()).append('\n');
        }
        counter(b, "bulwark_event_queue_dropped_total", "Events dropped because the node's event queue was full.", node.loop().dropped());
        counter(b, "bulwark_http_requests_total", "HTTP requests received.", requests.sum());
        b.append("# HELP bulwark_http_errors_total HTTP requests refused, by reason.\n# TYPE bulwark_http_errors_total counter\n");
        for (ApiReason r : ApiReason.values()) {
            b.append("bulwark_http_errors_total{error=\"").append(r).append("\"} ").append(errors.get(r).sum()).append('\n');
        }
        counter(b, "bulwark_txs_admitted_total", "Transactions admitted through this node's API.", admitted.sum());
        counter(b, "bulwark_committed_heights_total", "Heights committed by this process.", committedHeights.sum());
        counter(b, "bulwark_committed_txs_total", "Transactions in the blocks this process committed.", committedTxs.sum());
        b.append("# HELP bulwark_tx_results_total Committed transactions by ledger result code.\n# TYPE bulwark_tx_results_total counter\n");
        for (Map.Entry<String, LongAdder> e : new java.util.TreeMap<>(resultCodes).entrySet()) {
            b.append("bulwark_tx_results_total{code=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum()).append('\n');
        }
        gauge(b, "bulwark_http_waiting_for_commit", "Requests waiting for their transaction's commit.", waiters.size());
        b.append("# HELP bulwark_commit_latency_seconds From admission through this node's API to commit at this node.\n")
                .append("# TYPE bulwark_commit_latency_seconds histogram\n");
        long cum = 0;
        for (int i = 0; i < latencyBuckets.length; i++) {
            cum += latencyBuckets[i].sum();
            String le = i < LATENCY_BUCKETS.length ? Double.toString(LATENCY_BUCKETS[i]) : "+Inf";
            b.append("bulwark_commit_latency_seconds_bucket{le=\"").append(le).append("\"} ").append(cum).append('\n');
        }
        b.append("bulwark_commit_latency_seconds_sum ").append(latencySumMicros.get() / 1e6).append('\n');
        b.append("bulwark_commit_latency_seconds_count ").append(latencyCount.sum()).append('\n');
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(v).append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(v).append('\n');
    }

    // ------------------------------------------------------------------------------------------
    // replies

    private void error(HttpExchange ex, ApiException e) {
        errors.get(e.reason).increment();
        if (e.reason != ApiReason.RATE_LIMITED && e.reason != ApiReason.BUSY && !drain(ex)) {
            // the rest of the body is not read: the connection cannot carry another request
            ex.getResponseHeaders().set("Connection", "close");
        }
        ObjectNode o = JSON.createObjectNode().put("error", e.reason.name()).put("message", e.getMessage());
        json(ex, e.reason.httpStatus, o);
    }

    private static void json(HttpExchange ex, int status, ObjectNode o) {
        byte[] b;
        try {
            b = JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            b = "{\"error\":\"UNAVAILABLE\"}".getBytes(StandardCharsets.US_ASCII);
            status = 500;
        }
        reply(ex, status, "application/json", b);
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) {
        try {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            ex.close();
        }
    }

    /** Stops serving (waits at most 1 s for exchanges in progress) and clears the node's commit listener. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
        try {
            node.query(c -> {
                c.setCommitListener(null);
                return null;
            });
        } catch (IllegalStateException e) {
            // the node is stopping
        }
    }
}
