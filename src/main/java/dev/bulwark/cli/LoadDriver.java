package dev.bulwark.cli;

import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.Reason;
import dev.bulwark.node.real.RealNode;
import dev.bulwark.node.real.Testnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A load driver inside a node process (there is no client API yet): signs deposits from the
 * genesis accounts' keys (all but the backstop) at a target rate and submits them through the
 * node's client entry ({@code NodeCore.onClientTx}, gossiped to the others). Every poll it reads
 * the committed nonce of each account; a transaction is committed when its nonce is, and its
 * commit latency is the time from submission to the poll that sees it (so latencies are rounded
 * up to the poll period, {@link #POLL_MS} ms). Each account keeps at most {@link #IN_FLIGHT}
 * transactions outstanding (the mempool's nonce window is 64).
 */
final class LoadDriver {
    static final long POLL_MS = 20;
    static final int IN_FLIGHT = 32;

    private final RealNode node;
    private final long chainId;
    private final KeyPair[] accounts;
    private final dev.bulwark.ledger.AccountKey[] keys;
    private final long[] next;
    private final List<ArrayDeque<long[]>> outstanding = new ArrayList<>();
    private final double tps;
    private final List<Long> latenciesMs = new ArrayList<>();
    private long committed;
    private long refused;

    LoadDriver(RealNode node, Path clients, long chainId, double tps) throws java.io.IOException {
        this.node = node;
        this.chainId = chainId;
        this.tps = tps;
        List<KeyPair> a = new ArrayList<>();
        for (int k = 0; Files.exists(clients.resolve("account" + (k + 1) + ".key")); k++) {
            a.add(Ed25519.keyPair(Testnet.readSeed(clients.resolve("account" + k + ".key")))); // the last one is the backstop
        }
        this.accounts = a.toArray(new KeyPair[0]);
        this.keys = new dev.bulwark.ledger.AccountKey[accounts.length];
        for (int k = 0; k < accounts.length; k++) {
            keys[k] = TxSignatures.keyOf(accounts[k].getPublic());
            outstanding.add(new ArrayDeque<>());
        }
        this.next = new long[accounts.length];
        if (accounts.length == 0) {
            throw new java.io.IOException(clients + ": no account keys");
        }
    }

    /** Runs until interrupted. */
    void run() throws InterruptedException {
        double credit = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long[] nonces = node.query(c -> {
                Ledger l = c.replica().ledger();
                long[] n = new long[keys.length];
                for (int k = 0; k < n.length; k++) {
                    int id = l.accountId(keys[k]);
                    n[k] = id < 0 ? 0 : l.nonce(id);
                }
                return n;
            });
            long now = System.nanoTime();
            synchronized (this) {
                for (int k = 0; k < keys.length; k++) {
                    ArrayDeque<long[]> q = outstanding.get(k);
                    while (!q.isEmpty() && q.peekFirst()[0] <= nonces[k]) {
                        latenciesMs.add((now - q.pollFirst()[1]) / 1_000_000L);
                        committed++;
                    }
                    next[k] = Math.max(next[k], nonces[k] + 1);
                }
            }
            credit = Math.min(credit + tps * POLL_MS / 1000.0, tps);
            for (int k = 0; credit >= 1 && k < keys.length * IN_FLIGHT; k++) {
                int a = k % keys.length;
                if (outstanding.get(a).size() >= IN_FLIGHT) {
                    continue;
                }
                long nonce = next[a];
                byte[] tx = TxCodec.encode(TxSignatures.sign(new Deposit(chainId, keys[a], nonce, 1), accounts[a]));
                Reason r;
                try {
                    r = node.submit(tx).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    return;
                }
                credit -= 1;
                if (r == null) {
                    next[a] = nonce + 1;
                    synchronized (this) {
                        outstanding.get(a).addLast(new long[] {nonce, System.nanoTime()});
                    }
                } else {
                    synchronized (this) {
                        refused++;
                        outstanding.get(a).clear(); // resynchronise with the ledger's nonce at the next poll
                    }
                    next[a] = 0;
                }
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Committed transactions, p50 and p99 commit latency (ms) since the last call, and refusals so far. */
    synchronized String report(double seconds) {
        long[] l = latenciesMs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(l);
        String s = String.format("load: %d txs committed (%.1f tx/s), commit latency p50 %d ms p99 %d ms, refused %d", committed,
                committed / seconds, l.length == 0 ? 0 : l[l.length / 2], l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) (l.length * 0.99))],
                refused);
        latenciesMs.clear();
        committed = 0;
        return s;
    }
}
