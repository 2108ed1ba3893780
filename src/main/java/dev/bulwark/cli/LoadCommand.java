package dev.bulwark.cli;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.real.Testnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark load --node URL[,URL...] --clients DIR --tps N}: drives signed deposits from the
 * genesis accounts' keys (all but the backstop) through the nodes' HTTP APIs, each with
 * {@code wait=commit}, at most {@link #IN_FLIGHT} outstanding per account (the mempool's nonce
 * window is 64), the nodes in turn; prints every second the transactions acknowledged as
 * committed, tx/s, and the commit latency p50/p99 (submission to the node's 200 answer, HTTP
 * included). An account whose transaction was not acknowledged re-reads its committed nonce once
 * its outstanding requests are answered.
 */
@Command(name = "load", description = "Drives signed deposits at nodes' HTTP APIs and prints committed tx/s and commit latency.")
public final class LoadCommand implements Callable<Integer> {
    static final int IN_FLIGHT = 32;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--node", required = true, split = ",", description = "The nodes' APIs (comma-separated).")
    List<String> nodes;

    @Option(names = "--clients", required = true, description = "The directory of account keys (testnet's clients/).")
    Path clients;

    @Option(names = "--tps", defaultValue = "200", description = "Target deposits per second (default ${DEFAULT-VALUE}).")
    double tps;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds (0: never).")
    long seconds;

    @Option(names = "--batch", defaultValue = "1", description = "Transactions per request: 1 posts each to /tx, more post batches to /txs "
            + "(at most HttpApi.MAX_BATCH_TXS; default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "0", description = "Seconds at the start left out of the final total (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--presign", description = "Sign every account's deposits for the whole run (--seconds) before it starts, so that the "
            + "client's signing does not share the cores with the nodes during the run (at most " + MAX_PRESIGNED + " transactions; "
            + "beyond them, or after a nonce resynchronisation past them, it signs as it goes).")
    boolean presign;

    /** Bound on pre-signed transactions (about 180 bytes each in memory). */
    static final int MAX_PRESIGNED = 1_000_000;

    private final Object lock = new Object();
    private final List<Long> totalLatenciesUs = new ArrayList<>();
    private long totalCommitted;
    private volatile boolean counting;
    private volatile long countFrom;
    private final List<Long> latenciesUs = new ArrayList<>();
    private long committed;
    private long failed;

    private final class Account {
        final KeyPair kp;
        final AccountKey key;
        final AtomicInteger outstanding = new AtomicInteger();
        volatile boolean resync = true;
        long next;
        /** Pre-signed deposits for nonces preBase .. preBase + pre.length - 1 (null: none). */
        byte[][] pre;
        long preBase;

        /** The signed deposit of amount 1 with this nonce (pre-signed if it is in range). */
        byte[] deposit(long chain, long nonce) {
            if (pre != null && nonce >= preBase && nonce - preBase < pre.length) {
                return pre[(int) (nonce - preBase)];
            }
            return TxCodec.encode(TxSignatures.sign(new Deposit(chain, key, nonce, 1), kp));
        }

        Account(KeyPair kp) {
            this.kp = kp;
            this.key = TxSignatures.keyOf(kp.getPublic());
        }
    }

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (batch < 1 || batch > dev.bulwark.node.real.HttpApi.MAX_BATCH_TXS) {
            spec.commandLine().getErr().println("load: --batch is 1.." + dev.bulwark.node.real.HttpApi.MAX_BATCH_TXS);
            return 2;
        }
        List<Account> accounts = new ArrayList<>();
        for (int k = 0; Files.exists(clients.resolve("account" + (k + 1) + ".key")); k++) {
            accounts.add(new Account(Ed25519.keyPair(Testnet.readSeed(clients.resolve("account" + k + ".key")))));
        }
        if (accounts.isEmpty()) {
            spec.commandLine().getErr().println("load: no account keys in " + clients);
            return 1;
        }
        ApiClient[] apis = new ApiClient[nodes.size()];
        for (int i = 0; i < apis.length; i++) {
            apis[i] = new ApiClient(nodes.get(i));
        }
        long chain = -1;
        while (chain < 0) {
            for (ApiClient a : apis) {
                try {
                    ApiClient.Answer s = a.get("/status");
                    if (s.ok()) {
                        chain = s.body.get("chainId").asLong();
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not up yet
                }
            }
            if (chain < 0) {
                Thread.sleep(200);
            }
        }
        if (presign) {
            if (seconds <= 0) {
                spec.commandLine().getErr().println("load: --presign needs --seconds");
                return 2;
            }
            presign(accounts, apis, chain, out);
        }
        long start = System.nanoTime();
        long lastReport = start;
        countFrom = start + warmup * 1_000_000_000L;
        counting = true;
        double credit = 0;
        int turn = 0;
        while (seconds <= 0 || System.nanoTime() - start < seconds * 1_000_000_000L) {
            credit = Math.min(credit + tps * 0.005, Math.max(tps, 1));
            for (Account a : accounts) {
                if (a.resync && a.outstanding.get() == 0) {
                    resync(a, apis[turn++ % apis.length]); // a node that is down: another next time
                }
            }
            List<List<Object[]>> pend = new ArrayList<>();
            for (int i = 0; i < apis.length; i++) {
                pend.add(new ArrayList<>());
            }
            for (int k = 0; credit >= 1 && k < accounts.size() * IN_FLIGHT; k++) {
                Account a = accounts.get(k % accounts.size());
                if (a.resync || a.outstanding.get() >= IN_FLIGHT) {
                    continue;
                }
                credit -= 1;
                byte[] tx = a.deposit(chain, a.next++);
                a.outstanding.incrementAndGet();
                long t0 = System.nanoTime();
                int node = turn++ % apis.length;
                if (batch <= 1) {
                    apis[node].submitAsync(tx, 10_000).whenComplete((ans, err) -> answered(a, t0,
                            err == null && ans.status == 200 && "APPLIED".equals(ans.body.path("result").asText())));
                    continue;
                }
                pend.get(node).add(new Object[] {a, t0, tx});
                if (pend.get(node).size() >= batch) {
                    sendBatch(apis[node], pend.get(node));
                    pend.set(node, new ArrayList<>());
                }
            }
            for (int i = 0; i < apis.length; i++) {
                if (!pend.get(i).isEmpty()) {
                    sendBatch(apis[i], pend.get(i));
                }
            }
            Thread.sleep(5);
            long now = System.nanoTime();
            if (now - lastReport >= 1_000_000_000L) {
                out.println(report((now - lastReport) / 1e9));
                out.flush();
                lastReport = now;
            }
        }
        if (seconds > warmup) {
            long end = System.nanoTime();
            synchronized (lock) {
                counting = false;
                long[] l = totalLatenciesUs.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(l);
                double secs = (end - countFrom) / 1e9;
                // Submitted in the measured window and acknowledged before its end.
                out.println(String.format(java.util.Locale.ROOT,
                        "load total: %d txs committed in %.1f s after a %d s warm-up: %.1f tx/s, commit latency p50 %.1f ms p99 %.1f ms",
                        totalCommitted, secs, warmup, totalCommitted / secs,
                        l.length == 0 ? 0 : l[l.length / 2] / 1000.0,
                        l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1000.0));
                out.flush();
            }
        }
        return 0;
    }

    /**
     * Reads every account's committed nonce and signs its next deposits, enough for the target
     * rate over the whole run (the client never sends more; all accounts together at most
     * MAX_PRESIGNED), on all cores, before the run's clock starts.
     */
    private void presign(List<Account> accounts, ApiClient[] apis, long chain, java.io.PrintWriter out) throws InterruptedException {
        long t0 = System.nanoTime();
        int turn = 0;
        for (Account a : accounts) {
            while (!resync(a, apis[turn++ % apis.length])) {
                Thread.sleep(100); // that node is not up: another one
            }
        }
        long total = Math.min(MAX_PRESIGNED, (long) Math.ceil(tps * seconds));
        int each = (int) Math.min(Integer.MAX_VALUE, total / accounts.size() + IN_FLIGHT);
        accounts.parallelStream().forEach(a -> {
            byte[][] p = new byte[each][];
            for (int i = 0; i < each; i++) {
                p[i] = TxCodec.encode(TxSignatures.sign(new Deposit(chain, a.key, a.next + i, 1), a.kp));
            }
            a.preBase = a.next;
            a.pre = p;
        });
        out.println(String.format(java.util.Locale.ROOT, "load: pre-signed %d deposits (%d per account) in %.1f s",
                (long) each * accounts.size(), each, (System.nanoTime() - t0) / 1e9));
        out.flush();
    }

    /** Reads the account's committed nonce from one node (false: that node did not answer). */
    private static boolean resync(Account a, ApiClient api) throws InterruptedException {
        try {
            ApiClient.Answer acc = api.get("/account/" + ApiClient.HEX.formatHex(a.key.toBytes()));
            if (acc.ok()) {
                a.next = acc.body.get("nonce").asLong() + 1;
                a.resync = false;
                return true;
            }
        } catch (java.io.IOException e) {
            // down or not up yet
        }
        return false;
    }

    /** Posts one batch; each transaction is answered from its entry of the results. */
    private void sendBatch(ApiClient api, List<Object[]> items) {
        List<byte[]> txs = new ArrayList<>(items.size());
        for (Object[] it : items) {
            txs.add((byte[]) it[2]);
        }
        api.submitBatchAsync(txs, 10_000).whenComplete((ans, err) -> {
            for (int j = 0; j < items.size(); j++) {
                boolean ok = err == null && ans.status == 200
                        && "APPLIED".equals(ans.body.path("results").path(j).path("result").asText());
                answered((Account) items.get(j)[0], (Long) items.get(j)[1], ok);
            }
        });
    }

    /** One transaction's answer: committed (latency from t0) or not (the account re-reads its nonce). */
    private void answered(Account a, long t0, boolean ok) {
        synchronized (lock) {
            if (ok) {
                committed++;
                latenciesUs.add((System.nanoTime() - t0) / 1_000);
                if (counting && t0 >= countFrom) {
                    totalCommitted++;
                    totalLatenciesUs.add((System.nanoTime() - t0) / 1_000);
                }
            } else {
                failed++;
                a.resync = true;
            }
        }
        a.outstanding.decrementAndGet();
    }

    private String report(double secs) {
        synchronized (lock) {
            long[] l = latenciesUs.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(l);
            String s = String.format("load: %d txs acknowledged as committed (%.1f tx/s), commit latency p50 %.1f ms p99 %.1f ms, not acknowledged %d",
                    committed, committed / secs, l.length == 0 ? 0 : l[l.length / 2] / 1000.0,
                    l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1000.0, failed);
            latenciesUs.clear();
            committed = 0;
            return s;
        }
    }
}
