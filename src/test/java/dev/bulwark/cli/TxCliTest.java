package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.node.real.HttpApi;
import dev.bulwark.node.real.RealNode;
import dev.bulwark.node.real.Testnet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bulwark status} and {@code bulwark tx deposit|withdraw|trade|report} against four nodes
 * from {@code testnet init} homes (in this JVM), node 0 serving the HTTP API at its home's
 * address: each command signs, submits, waits for commit and exits 0 with result APPLIED; the
 * ledger shows the effects; {@code bulwark load} for 3 s: every deposit it acknowledges advanced a
 * nonce; a refused transaction, an unreachable node and a missing reporter
 * nonce exit non-zero.
 */
class TxCliTest {
    @TempDir
    Path tmp;

    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Bulwark());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void statusAndEveryTransactionKindThroughTheApi() throws Exception {
        Path d = tmp.resolve("net");
        assertEquals(0, CliTest.run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        RealNode[] nodes = new RealNode[4];
        HttpApi api = null;
        try {
            for (int i = 0; i < 4; i++) {
                nodes[i] = RealNode.fromHome(d.resolve("node" + i));
            }
            String at = NodeCommand.httpOf(d.resolve("node0"));
            long chain = Testnet.readGenesis(d.resolve("genesis.properties")).chainId;
            api = new HttpApi(nodes[0], chain, NodeCommand.address(at));
            String url = "http://" + at;
            Path a0 = d.resolve("clients/account0.key");
            Path a1 = d.resolve("clients/account1.key");
            Path rep = d.resolve("clients/reporter0.key");

            Run s = run("status", "--node", url);
            assertEquals(0, s.code, s.err);
            JsonNode st = ApiClient.JSON.readTree(s.out);
            assertEquals(chain, st.get("chainId").asLong());
            assertEquals(0, st.get("node").asInt());

            for (Path k : new Path[] {a0, a1}) {
                Run r = run("tx", "deposit", "--amount", "10000000", "--node", url, "--key", k.toString());
                assertEquals(0, r.code, r.out + r.err);
                assertEquals("APPLIED", ApiClient.JSON.readTree(r.out).get("result").asText());
            }
            Run r = run("tx", "report", "--price", "1000", "--nonce", "1", "--node", url, "--key", rep.toString());
            assertEquals(0, r.code, r.out + r.err);
            // a reported price is used from the block after the report's, and the market halts again when the
            // price is older than the oracle's staleness bound (600 heights in a testnet, seconds on a loopback):
            // a fresh report is sent just before the trade, and a trade committed in the report's own block
            // (REFUSED(MARKET_HALTED), which the command prints on its standard output) is retried, at most 20
            // times
            int tries = 0;
            do {
                r = run("tx", "report", "--price", "1000", "--nonce", Integer.toString(2 + tries), "--no-wait", "--chain-id", Long.toString(chain),
                        "--node", url, "--key", rep.toString());
                assertEquals(0, r.code, r.out + r.err);
                r = run("tx", "trade", "--lots", "5", "--price", "1000", "--nonce", Integer.toString(2 + tries), "--seller-nonce",
                        Integer.toString(2 + tries), "--chain-id", Long.toString(chain), "--node", url, "--key", a0.toString(), "--seller-key", a1.toString());
                tries++;
            } while (r.code != 0 && (r.out + r.err).contains("MARKET_HALTED") && tries < 20);
            assertEquals(0, r.code, r.out + r.err);
            // a withdrawal needs a running market too (its margin check): the same, after a fresh report
            // (a transaction refused in a block consumes its nonce)
            int wtries = 0;
            do {
                r = run("tx", "report", "--price", "1000", "--nonce", Integer.toString(2 + tries + wtries), "--no-wait", "--chain-id",
                        Long.toString(chain), "--node", url, "--key", rep.toString());
                assertEquals(0, r.code, r.out + r.err);
                r = run("tx", "withdraw", "--amount", "1000", "--nonce", Integer.toString(2 + tries + wtries), "--chain-id", Long.toString(chain),
                        "--node", url, "--key", a1.toString());
                wtries++;
            } while (r.code != 0 && (r.out + r.err).contains("MARKET_HALTED") && wtries < 20);
            assertEquals(0, r.code, r.out + r.err);
            long[] pos = nodes[0].query(c -> {
                dev.bulwark.ledger.Ledger l = c.replica().ledger();
                try {
                    int b = l.accountId(dev.bulwark.ledger.state.TxSignatures.keyOf(dev.bulwark.net.Ed25519.keyPair(Testnet.readSeed(a0)).getPublic()));
                    int se = l.accountId(dev.bulwark.ledger.state.TxSignatures.keyOf(dev.bulwark.net.Ed25519.keyPair(Testnet.readSeed(a1)).getPublic()));
                    return new long[] {l.position(b), l.position(se), l.nonce(b), l.nonce(se)};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(5, pos[0], "the buyer holds 5 lots");
            assertEquals(-5, pos[1], "the seller is short 5");
            assertEquals(1 + tries, pos[2], "a deposit and the trades");
            assertEquals(1 + tries + wtries, pos[3], "a deposit, the trades and the withdrawals");

            // refused: a withdrawal of more than the account holds is committed with a refusal (exit 1, result not APPLIED)
            r = run("tx", "withdraw", "--amount", "999999999999", "--node", url, "--key", a0.toString());
            assertEquals(1, r.code, r.out + r.err);
            // refused by the mempool: a replayed nonce (409 BAD_NONCE)
            r = run("tx", "deposit", "--amount", "1", "--nonce", "1", "--node", url, "--key", a0.toString());
            assertEquals(1, r.code);
            assertTrue(r.err.contains("BAD_NONCE"), r.err);
            r = run("tx", "report", "--price", "1000", "--node", url, "--key", rep.toString());
            assertEquals(2, r.code, "a reporter's nonce is required");
            r = run("tx", "deposit", "--amount", "1", "--node", url, "--key", tmp.resolve("nokey").toString());
            assertEquals(1, r.code, "a missing key file");
            int dead;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                dead = free.getLocalPort();
            }
            assertEquals(1, run("status", "--node", "http://127.0.0.1:" + dead).code, "nobody listens there");
            assertEquals(2, run("tx", "deposit", "--node", url, "--key", a0.toString()).code, "--amount is required");

            // bulwark load: deposits through the API for 3 s; the acknowledged ones are in the ledger
            // and again with batches of 8 through POST /txs, and with batches of pre-signed deposits
            for (String batch : new String[] {"1", "8", "8p"}) {
                long nonceBefore = nonceSum(nodes[0], d);
                boolean presign = batch.endsWith("p");
                List<String> args = new ArrayList<>(List.of("load", "--node", url, "--clients", d.resolve("clients").toString(),
                        "--tps", "40", "--seconds", "3", "--batch", batch.replace("p", "")));
                if (presign) {
                    args.add("--presign");
                }
                Run load = run(args.toArray(new String[0]));
                assertEquals(0, load.code, load.err);
                if (presign) {
                    // 40 tx/s for 3 s over the client accounts, plus 32 in flight each
                    assertTrue(load.out.matches("(?s).*load: pre-signed \\d+ deposits \\(\\d+ per account\\).*"), load.out);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("load: (\\d+) txs acknowledged").matcher(load.out);
                long acked = 0;
                while (m.find()) {
                    acked += Long.parseLong(m.group(1));
                }
                assertTrue(acked > 0, "batch " + batch + ": " + load.out);
                long nonceAfter = nonceSum(nodes[0], d);
                assertTrue(nonceAfter - nonceBefore >= acked, "batch " + batch + ": every acknowledged deposit advanced a nonce: "
                        + acked + " acknowledged, " + (nonceAfter - nonceBefore) + " nonces");
            }
            assertEquals(2, run("load", "--node", url, "--clients", d.resolve("clients").toString(), "--seconds", "1", "--batch", "0").code);
            assertEquals(2, run("load", "--node", url, "--clients", d.resolve("clients").toString(), "--presign").code,
                    "--presign needs --seconds");
            assertEquals(1, run("load", "--node", url, "--clients", tmp.resolve("nothing").toString(), "--seconds", "1").code);
        } finally {
            if (api != null) {
                api.close();
            }
            for (RealNode n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    /** The sum of the four client accounts' committed nonces, read on the node's thread. */
    private static long nonceSum(RealNode node, Path d) {
        return node.query(c -> {
            try {
                dev.bulwark.ledger.Ledger l = c.replica().ledger();
                long n = 0;
                for (int k = 0; k < 4; k++) {
                    n += l.nonce(l.accountId(dev.bulwark.ledger.state.TxSignatures.keyOf(dev.bulwark.net.Ed25519.keyPair(
                            Testnet.readSeed(d.resolve("clients/account" + k + ".key"))).getPublic())));
                }
                return n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
