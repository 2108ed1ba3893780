package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.TxCode;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.OracleParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in-process (picocli's CommandLine.execute): keys generated, a proposal made,
 * approved by k - 1 other owners, submitted by its proposer, and the transaction bytes it writes
 * go through the ledger: TxCodec.decode, TxSignatures.check, Ledger.apply; after the timelock a
 * GovExecute from `gov action` executes it and the new rates are in force at the block end.  Bad
 * input: exit code 1 with a message, nothing written.
 */
class GovCliTest {
    static final long CHAIN = 7;
    @TempDir
    Path dir;
    String lastOut;
    String lastErr;
    final String[] pub = new String[3];
    Path registry;
    LedgerConfig config;
    Ledger ledger;

    int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bulwark.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        lastOut = out.toString().strip();
        lastErr = err.toString().strip();
        return code;
    }

    Path p(String name) {
        return dir.resolve(name);
    }

    @BeforeEach
    void keysAndLedger() throws Exception {
        StringBuilder reg = new StringBuilder("# governance key registry\n");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, run("keys", "gen", "--out", p("owner" + i + ".key").toString()), lastErr);
            pub[i] = lastOut;
            assertEquals(0, run("keys", "show", "--key", p("owner" + i + ".key").toString()));
            assertEquals(pub[i], lastOut);
            reg.append(pub[i]).append('\n');
        }
        registry = p("registry.txt");
        Files.writeString(registry, reg.toString());
        AccountKey[] gk = new AccountKey[3];
        for (int i = 0; i < 3; i++) {
            gk[i] = AccountKey.of(HexFormat.of().parseHex(pub[i]));
        }
        MarginParams m = new MarginParams(2, 2, 40, 40, 7, 12, 5, 2000, 1000, 500, 1000, 1);
        OracleParams o = new OracleParams(new long[] {1}, 3, 1, 7, 12, 0, 2, 0, 5, 5, 1_000_000);
        GovernanceParams gp = new GovernanceParams(3, 3, CHAIN, 1, 2, 1000, 5000, 500, 5000, 0, 1000, 1, 40, 1, 2);
        AccountKey[] accounts = {new AccountKey(1, 1, 1, 1), new AccountKey(2, 2, 2, 2), new AccountKey(3, 3, 3, 3)};
        AccountKey[] reporters = {new AccountKey(9, 9, 9, 9)};
        // owners 0, 1 and 2, threshold 2
        config = new LedgerConfig(CHAIN, m, 10, o, accounts, 2, reporters, 8, gp, gk, new int[] {0, 1, 2}, 2);
        ledger = new Ledger(config);
        apply(List.of(new Deposit(CHAIN, accounts[0], 1, 5), new Deposit(CHAIN, accounts[1], 1, 10),
                new Report(CHAIN, reporters[0], 1, 10)));
    }

    BlockResult apply(List<Transaction> txs) {
        return ledger.apply(new Block(CHAIN, ledger.height() + 1, txs.toArray(new Transaction[0])));
    }

    /** The transaction bytes a command wrote, through the shell's checks, into a block. */
    BlockResult applyHex(String hex) {
        SignedTx s = TxCodec.decode(HexFormat.of().parseHex(hex.strip()));
        TxSignatures.check(s, config);
        List<Transaction> txs = new ArrayList<>();
        txs.add(s.tx());
        return apply(txs);
    }

    @Test
    void proposeApproveSubmitExecuteThroughTheLedger() throws Exception {
        assertEquals(0, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "set-params", "--im", "3000",
                "--mm", "2500", "--fee", "700", "--out", p("p.txt").toString()), lastErr);
        String hash = lastOut;
        assertTrue(Files.readString(p("p.txt")).contains("approval-hash=" + hash));
        assertEquals(0, run("gov", "approve", "--proposal", p("p.txt").toString(), "--key", p("owner1.key").toString(),
                "--out", p("a1.txt").toString()), lastErr);
        assertEquals(0, run("gov", "submit", "--proposal", p("p.txt").toString(), "--approval", p("a1.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7", "--out", p("tx.hex").toString()),
                lastErr);
        BlockResult r = applyHex(Files.readString(p("tx.hex")));
        assertEquals(TxCode.APPLIED, r.result(0).code(), r.result(0).toString());
        assertTrue(ledger.governance().queuedAt(0) >= 0, "queued with its quorum (2 of 3)");
        // after the timelock (one block end), anyone with a governance key executes it
        assertEquals(0, run("gov", "action", "--type", "execute", "--slot", "0", "--key", p("owner2.key").toString(),
                "--nonce", "1", "--chain", "7"), lastErr);
        r = applyHex(lastOut);
        assertEquals(TxCode.APPLIED, r.result(0).code(), r.result(0).toString());
        assertEquals(2500, ledger.governance().mmBps(), "in force from the block end");
        assertEquals(700, ledger.governance().feeBps());
        // replaying the submitted transaction is rejected (stale nonce): nothing changes
        r = applyHex(Files.readString(p("tx.hex")));
        assertEquals(TxCode.BAD_NONCE, r.result(0).code());
    }

    @Test
    void ownerManagementNeedsTheRegistry() throws Exception {
        assertEquals(1, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "remove-owner", "--owner",
                pub[2], "--threshold", "2", "--out", p("r.txt").toString()));
        assertTrue(lastErr.contains("registry"), lastErr);
        assertFalse(Files.exists(p("r.txt")));
        assertEquals(0, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "remove-owner", "--owner",
                pub[2], "--threshold", "2", "--registry", registry.toString(), "--out", p("r.txt").toString()), lastErr);
        assertEquals(0, run("gov", "approve", "--proposal", p("r.txt").toString(), "--key", p("owner1.key").toString(),
                "--registry", registry.toString(), "--out", p("ra.txt").toString()), lastErr);
        assertEquals(0, run("gov", "submit", "--proposal", p("r.txt").toString(), "--approval", p("ra.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7", "--registry", registry.toString()),
                lastErr);
        assertEquals(TxCode.APPLIED, applyHex(lastOut).result(0).code());
        assertEquals(0, run("gov", "action", "--type", "execute", "--slot", "0", "--key", p("owner1.key").toString(),
                "--nonce", "1", "--chain", "7"), lastErr);
        assertEquals(TxCode.APPLIED, applyHex(lastOut).result(0).code());
        assertFalse(ledger.governance().isOwner(2));
    }

    @Test
    void badInputIsRefusedWithAMessage() throws Exception {
        assertEquals(0, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "withdraw", "--amount", "1",
                "--out", p("w.txt").toString()));
        assertEquals(0, run("gov", "approve", "--proposal", p("w.txt").toString(), "--key", p("owner1.key").toString(),
                "--out", p("wa.txt").toString()));
        // missing option of the kind, unknown kind: refused (1); picocli usage errors: 2
        assertEquals(1, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "withdraw", "--out",
                p("x.txt").toString()));
        assertTrue(lastErr.contains("--amount"));
        assertEquals(1, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "mint", "--out",
                p("x.txt").toString()));
        assertEquals(2, run("gov", "propose", "--chain", "7"));
        assertFalse(Files.exists(p("x.txt")));
        // an altered proposal file: its approval hash no longer matches
        String text = Files.readString(p("w.txt"));
        Files.writeString(p("w2.txt"), text.replaceFirst("proposal=02", "proposal=01"));
        assertEquals(1, run("gov", "approve", "--proposal", p("w2.txt").toString(), "--key", p("owner1.key").toString(),
                "--out", p("x.txt").toString()));
        // an approval of another proposal
        assertEquals(0, run("gov", "propose", "--chain", "7", "--nonce", "0", "--kind", "withdraw", "--amount", "2",
                "--out", p("w3.txt").toString()));
        assertEquals(1, run("gov", "submit", "--proposal", p("w3.txt").toString(), "--approval", p("wa.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7"));
        assertTrue(lastErr.contains("another proposal"), lastErr);
        // a forged signature (a byte flipped)
        String a = Files.readString(p("wa.txt"));
        int at = a.indexOf("signature=") + "signature=".length();
        char c = a.charAt(at);
        Files.writeString(p("forged.txt"), a.substring(0, at) + (c == '0' ? '1' : '0') + a.substring(at + 1));
        assertEquals(1, run("gov", "submit", "--proposal", p("w.txt").toString(), "--approval", p("forged.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7"));
        assertTrue(lastErr.contains("not this key's approval"), lastErr);
        // the same approval twice; the proposer's own approval
        assertEquals(1, run("gov", "submit", "--proposal", p("w.txt").toString(), "--approval", p("wa.txt").toString(),
                "--approval", p("wa.txt").toString(), "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7"));
        assertTrue(lastErr.contains("same key"), lastErr);
        assertEquals(1, run("gov", "submit", "--proposal", p("w.txt").toString(), "--approval", p("wa.txt").toString(),
                "--key", p("owner1.key").toString(), "--nonce", "1", "--chain", "7"));
        // another chain than the proposal's
        assertEquals(1, run("gov", "submit", "--proposal", p("w.txt").toString(), "--approval", p("wa.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "8"));
        // a key file whose halves do not match; an existing key file is not overwritten
        String k0 = Files.readString(p("owner0.key"));
        String k1 = Files.readString(p("owner1.key"));
        String mixed = k0.substring(0, k0.indexOf("private=")) + k1.substring(k1.indexOf("private="));
        Files.writeString(p("mixed.key"), mixed);
        assertEquals(1, run("keys", "show", "--key", p("mixed.key").toString()));
        assertEquals(1, run("keys", "gen", "--out", p("owner0.key").toString()));
        assertEquals(k0, Files.readString(p("owner0.key")));
        // nonce 0 is no ledger nonce
        assertEquals(1, run("gov", "action", "--type", "execute", "--key", p("owner2.key").toString(), "--nonce", "0",
                "--chain", "7"));
        // the ledger refuses what the command line cannot know: the withdrawal is below the floor
        assertEquals(0, run("gov", "submit", "--proposal", p("w.txt").toString(), "--approval", p("wa.txt").toString(),
                "--key", p("owner0.key").toString(), "--nonce", "1", "--chain", "7"));
        BlockResult r = applyHex(lastOut);
        assertEquals(TxCode.REFUSED, r.result(0).code());
        assertEquals(dev.bulwark.governance.Reason.BELOW_FLOOR, r.result(0).govReason());
    }
}
