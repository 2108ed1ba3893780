package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.node.Frames;
import dev.bulwark.node.WalRecord;
import dev.bulwark.node.real.Testnet;
import dev.bulwark.node.store.RocksNodeStore;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four node <em>processes</em> ({@code bulwark node --home D/node{i}}, one JVM each) on loopback,
 * each serving its HTTP API; clients (one per genesis account) submit signed deposits over HTTP
 * with wait=commit to the nodes in turn: one node is killed with SIGKILL mid-load and restarted
 * (it catches up), then all four are killed at once and restarted (the chain continues). At the
 * end the four RocksDB directories are opened by the test: every node stored the same blocks, they
 * replay to one app hash per height, every transaction acknowledged as committed is in the chain
 * exactly once, no transaction is in the chain twice, and a scan of every
 * signed vote on the four disks (the signed commits of every height and the WAL records of the
 * heights not yet committed) finds no validator that signed two different messages for one
 * (type, height, round). Progress is read from the nodes' status lines; every wait is on a
 * condition with a generous bound.
 */
class ProcessClusterTest {
    static final long WAIT_MS = 90_000;
    static final Pattern STATUS = Pattern.compile("node (\\d+) height (\\d+) round (\\d+) stored (\\d+)");

    @TempDir
    Path tmp;

    private final Process[] procs = new Process[4];
    private Path d;

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : procs) {
            if (p != null) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void start(int i) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "dev.bulwark.cli.Bulwark", "node", "--home", d.resolve("node" + i).toString(), "--status-every-ms", "100"));
        File log = d.resolve("node" + i + ".log").toFile();
        procs[i] = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook runs, nothing is flushed. */
    private void kill(int i) throws InterruptedException {
        procs[i].destroyForcibly();
        assertTrue(procs[i].waitFor(30, TimeUnit.SECONDS));
        procs[i] = null;
    }

    /** The stored height in node i's last status line of its current process (-1 before the first). */
    private long stored(int i) {
        try {
            List<String> lines = Files.readAllLines(d.resolve("node" + i + ".log"), StandardCharsets.UTF_8);
            for (int k = lines.size() - 1; k >= 0; k--) {
                if (lines.get(k).startsWith("--- restarted ---")) {
                    return -1; // the restarted process has not reported yet
                }
                Matcher m = STATUS.matcher(lines.get(k));
                if (m.find()) {
                    return Long.parseLong(m.group(4));
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
        return -1;
    }

    /** Waits until pred holds for the stored height of every listed node (restarted ones: after their restart). */
    private void await(String what, LongPredicate pred, int... nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            boolean ok = true;
            for (int i : nodes) {
                assertTrue(procs[i] == null || procs[i].isAlive(), "node " + i + " died");
                ok &= pred.test(stored(i));
            }
            if (ok) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "not reached within " + WAIT_MS + " ms: " + what);
            Thread.sleep(50);
        }
    }

    private long min(int... nodes) {
        long m = Long.MAX_VALUE;
        for (int i : nodes) {
            m = Math.min(m, stored(i));
        }
        return m;
    }

    /** Marks node i's log so that its next status lines are the restarted process's. */
    private void mark(int i) throws java.io.IOException {
        Files.writeString(d.resolve("node" + i + ".log"), "--- restarted ---\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * A client of the HTTP API: signs deposits of one account with consecutive nonces and submits
     * each with wait=commit to the nodes in turn; a transaction is acknowledged when a node answers
     * 200 with result APPLIED. On any other answer (a node down, a commit timeout, a nonce refused
     * because an unacknowledged transaction committed after all) it re-reads the account's
     * committed nonce and goes on from there; a resubmission at the same nonce is the same bytes
     * (Ed25519 signatures are deterministic), so it cannot commit twice under two identities.
     */
    final class Client implements Runnable {
        final KeyPair kp;
        final AccountKey key;
        final int first;
        final List<byte[]> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean stop;
        long next = 1;
        int turn;
        int errors;

        Client(KeyPair kp, int first) {
            this.kp = kp;
            this.key = TxSignatures.keyOf(kp.getPublic());
            this.first = first;
        }

        @Override
        public void run() {
            while (!stop) {
                ApiClient api = new ApiClient(urls[(first + turn++) % 4]);
                try {
                    byte[] tx = TxCodec.encode(TxSignatures.sign(new Deposit(chain, key, next, 1), kp));
                    ApiClient.Answer a = api.submit(tx, true, 5_000);
                    if (a.status == 200 && "APPLIED".equals(a.body.path("result").asText())) {
                        acked.add(tx);
                        next++;
                        continue;
                    }
                    errors++;
                    ApiClient.Answer acc = api.get("/account/" + ApiClient.HEX.formatHex(key.toBytes()));
                    if (acc.ok()) {
                        next = acc.body.get("nonce").asLong() + 1;
                    }
                } catch (java.io.IOException | dev.bulwark.ledger.LedgerException e) {
                    errors++;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private String[] urls;
    private long chain;

    private int acked(Client[] cs) {
        int n = 0;
        for (Client c : cs) {
            n += c.acked.size();
        }
        return n;
    }

    private void awaitAcked(Client[] cs, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (acked(cs) < target) {
            assertTrue(System.nanoTime() < deadline, "not reached within " + WAIT_MS + " ms: " + target + " acknowledged commits");
            Thread.sleep(50);
        }
    }

    @Test
    void clientsOverHttpWhileKillMinus9OfOneNodeThenAllFourAndTheChainKeepsEveryAcknowledgedTxOnceWithoutEquivocation()
            throws Exception {
        d = tmp.resolve("net");
        assertEquals(0, CliTest.run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        Testnet net = Testnet.readGenesis(d.resolve("genesis.properties"));
        chain = net.chainId;
        urls = new String[4];
        for (int i = 0; i < 4; i++) {
            urls[i] = "http://" + NodeCommand.httpOf(d.resolve("node" + i));
            start(i);
        }
        await("3 heights on all four processes", h -> h >= 3, 0, 1, 2, 3);
        Client[] clients = new Client[net.accountKeys.length - 1]; // every genesis account but the backstop
        Thread[] threads = new Thread[clients.length];
        for (int k = 0; k < clients.length; k++) {
            clients[k] = new Client(dev.bulwark.net.Ed25519.keyPair(Testnet.readSeed(d.resolve("clients/account" + k + ".key"))), k);
            threads[k] = new Thread(clients[k], "client-" + k);
            threads[k].start();
        }
        try {
            awaitAcked(clients, 10);

            kill(2);
            long atKill = min(0, 1, 3);
            int ackedAtKill = acked(clients);
            await("three commit 4 more heights", h -> h >= atKill + 4, 0, 1, 3);
            awaitAcked(clients, ackedAtKill + 10);
            mark(2);
            start(2);
            long target = min(0, 1, 3);
            await("node 2 restarted and caught up to " + target, h -> h >= target, 2);

            long before = min(0, 1, 2, 3);
            for (int i = 0; i < 4; i++) {
                kill(i);
            }
            for (int i = 0; i < 4; i++) {
                mark(i);
                start(i);
            }
            await("all four restarted and 3 heights past " + before, h -> h >= before + 3, 0, 1, 2, 3);
            awaitAcked(clients, acked(clients) + 10);
        } finally {
            for (int k = 0; k < clients.length; k++) {
                clients[k].stop = true;
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        for (int i = 0; i < 4; i++) {
            kill(i); // and the disks are checked as a SIGKILL left them
        }
        List<byte[]> acked = new ArrayList<>();
        int errors = 0;
        for (Client c : clients) {
            acked.addAll(c.acked);
            errors += c.errors;
        }
        checkDisks(acked, errors);
    }

    private void checkDisks(List<byte[]> acked, int clientErrors) throws Exception {
        Testnet net = Testnet.readGenesis(d.resolve("genesis.properties"));
        RocksNodeStore[] s = new RocksNodeStore[4];
        try {
            long upTo = Long.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                s[i] = RocksNodeStore.open(d.resolve("node" + i).resolve("data"));
                upTo = Math.min(upTo, s[i].storedHeight());
            }
            // the transactions are counted on the longest stored chain (the others agree with it up to upTo): a
            // node acknowledges a transaction once the block is on its own disk, and the kill may find another
            // node a height behind it
            int longest = 0;
            for (int i = 1; i < 4; i++) {
                if (s[i].storedHeight() > s[longest].storedHeight()) {
                    longest = i;
                }
            }
            Map<Long, byte[]> hashes = new HashMap<>();
            Map<ByteBuffer, Integer> txs = new HashMap<>();
            Map<String, byte[]> votes = new HashMap<>();
            int scanned = 0;
            for (int i = 0; i < 4; i++) {
                Replica replay = new Replica(net.ledger(), new ValidatorSet(net.nodeConfig(i).powers()), new MemoryBlockStore());
                for (long h = 1; h <= s[i].storedHeight(); h++) {
                    byte[] b = s[i].block(h);
                    if (h <= upTo) {
                        assertArrayEquals(s[0].block(h), b, "node " + i + " stored another block at height " + h);
                    }
                    replay.commitBlock(b, s[i].certificate(h));
                    byte[] app = replay.applyNext().appHash();
                    byte[] first = hashes.putIfAbsent(h, app);
                    if (first != null) {
                        assertArrayEquals(first, app, "node " + i + " has another app hash at height " + h);
                    }
                    if (i == longest) {
                        DecodedBlock db = BlockCodec.decode(b);
                        for (int t = 0; t < db.size(); t++) {
                            txs.merge(ByteBuffer.wrap(TxCodec.encode(db.signedTx(t))), 1, Integer::sum);
                        }
                    }
                    for (byte[] w : Frames.decodeCommit(s[i].get(h))) {
                        scanned += vote(votes, w);
                    }
                }
                for (byte[] rec : s[i].replay(0)) {
                    WalRecord r = WalRecord.decode(rec);
                    if (r.kind == WalRecord.OWN || r.kind == WalRecord.RECV) {
                        scanned += vote(votes, r.bytes);
                    }
                }
            }
            for (Map.Entry<ByteBuffer, Integer> e : txs.entrySet()) {
                assertEquals(1, e.getValue(), "a transaction is in the chain once");
            }
            for (byte[] tx : acked) {
                assertEquals(1, txs.getOrDefault(ByteBuffer.wrap(tx), 0), "a transaction acknowledged as committed is in the chain once");
            }
            assertTrue(acked.size() >= 30, "acknowledged commits: " + acked.size());
            assertTrue(scanned > 4 * upTo, "signed votes scanned: " + scanned);
            System.out.println("process cluster: " + upTo + " heights on all four disks, " + txs.size() + " transactions, "
                    + acked.size() + " acknowledged over HTTP (" + clientErrors + " client retries), "
                    + scanned + " signed votes scanned, no equivocation");
        } finally {
            for (RocksNodeStore x : s) {
                if (x != null) {
                    x.close();
                }
            }
        }
    }

    /** Records a signed message by (signer, type, height, round); fails on a second, different one. */
    private static int vote(Map<String, byte[]> votes, byte[] wire) {
        Message m = ConsensusCodec.decodeBody(Arrays.copyOf(wire, ConsensusCodec.BODY_BYTES));
        String k = m.src() + "/" + m.type() + "/" + m.h() + "/" + m.r();
        byte[] body = Arrays.copyOf(wire, ConsensusCodec.BODY_BYTES);
        byte[] prev = votes.putIfAbsent(k, body);
        if (prev != null) {
            assertArrayEquals(prev, body, "validator " + m.src() + " signed two messages for " + k);
        }
        return 1;
    }
}
