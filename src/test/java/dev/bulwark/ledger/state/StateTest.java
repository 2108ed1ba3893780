package dev.bulwark.ledger.state;

import static dev.bulwark.ledger.Fixtures.CHAIN;
import static dev.bulwark.ledger.Fixtures.account;
import static dev.bulwark.ledger.Fixtures.block;
import static dev.bulwark.ledger.Fixtures.deposit;
import static dev.bulwark.ledger.Fixtures.report;
import static dev.bulwark.ledger.Fixtures.reporter;
import static dev.bulwark.ledger.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Fixtures;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Liquidate;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.Withdraw;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encodings by hand: transactions (each kind, signatures, every refusal), blocks (hash,
 * bounds), snapshots (round trip, refusals), app-hash proofs (verify, tampering).
 */
class StateTest {
    static final KeyPair K1 = keys();
    static final KeyPair K2 = keys();
    static final AccountKey A1 = TxSignatures.keyOf(K1.getPublic());
    static final AccountKey A2 = TxSignatures.keyOf(K2.getPublic());

    static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Transaction> everyKind() {
        return List.of(new Deposit(CHAIN, A1, 1, 5), new Withdraw(CHAIN, A1, 2, 3),
                new Trade(CHAIN, A1, 3, A2, 1, 2, 10), new Report(CHAIN, A1, 1, 11),
                new Liquidate(CHAIN, A1, 4, A2, 1, 9));
    }

    static SignedTx signed(Transaction t) {
        return t.type() == Transaction.TRADE ? TxSignatures.sign(t, K1, K2) : TxSignatures.sign(t, K1);
    }

    @Test
    void transactionsRoundTripAndVerify() {
        for (Transaction t : everyKind()) {
            SignedTx s = signed(t);
            byte[] b = TxCodec.encode(s);
            assertEquals(TxCodec.encodedBytes(t.type()), b.length);
            assertTrue(b.length <= TxCodec.MAX_TX_BYTES);
            SignedTx d = TxCodec.decode(b);
            assertEquals(s, d);
            assertEquals(t, d.tx());
            assertArrayEquals(b, TxCodec.encode(d));
            assertTrue(TxSignatures.verify(d), t.toString());
        }
    }

    @Test
    void signaturesNameTheChainThePurposeAndEveryField() {
        for (Transaction t : everyKind()) {
            byte[] b = TxCodec.encode(signed(t));
            for (int i = 0; i < TxCodec.bodyBytes(t.type()); i++) {
                byte[] x = b.clone();
                x[i] ^= 1;
                SignedTx d;
                try {
                    d = TxCodec.decode(x);
                } catch (StateException e) {
                    continue;   // not canonical any more (version, type, a number out of range)
                }
                assertFalse(TxSignatures.verify(d), "a flipped bit " + i + " still verifies: " + t);
            }
            byte[] s = TxCodec.signingBytes(t);
            assertArrayEquals(TxCodec.PURPOSE, java.util.Arrays.copyOf(s, TxCodec.PURPOSE.length));
        }
        // the same fields on another chain: another signed payload
        Transaction t = new Deposit(CHAIN, A1, 1, 5);
        Transaction u = new Deposit(CHAIN + 1, A1, 1, 5);
        SignedTx forged = new SignedTx(u, signed(t).signature(0));
        assertFalse(TxSignatures.verify(forged));
        // a trade needs both signatures, each by its own signer
        Trade tr = (Trade) everyKind().get(2);
        assertFalse(TxSignatures.verify(TxSignatures.sign(tr, K1, K1)));
        assertThrows(StateException.class, () -> TxSignatures.sign(tr, K1));
        assertThrows(StateException.class, () -> new SignedTx(t, new byte[63]));
    }

    @Test
    void nonCanonicalTransactionsAreRefused() {
        byte[] ok = TxCodec.encode(signed(new Deposit(CHAIN, A1, 1, 5)));
        assertReason(Reason.OVERSIZED, () -> TxCodec.decode(new byte[TxCodec.MAX_TX_BYTES + 1]));
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(null));
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(new byte[0]));
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(java.util.Arrays.copyOf(ok, ok.length - 1)));
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(java.util.Arrays.copyOf(ok, ok.length + 1)));
        byte[] v = ok.clone();
        v[0] = 2;
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(v));
        for (byte type : new byte[] {0, 6, -1}) {
            byte[] x = ok.clone();
            x[1] = type;
            assertReason(Reason.MALFORMED, () -> TxCodec.decode(x));
        }
        byte[] trade = TxCodec.encode(signed(everyKind().get(2)));
        byte[] asDeposit = trade.clone();
        asDeposit[1] = Transaction.DEPOSIT;   // a trade's bytes labelled a deposit: wrong length
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(asDeposit));
        // numbers out of range: amount 0, nonce 0
        assertReason(Reason.MALFORMED, () -> TxCodec.body(new Deposit(CHAIN, A1, 1, 0)));
        byte[] zeroAmount = ok.clone();
        java.util.Arrays.fill(zeroAmount, 50, 58, (byte) 0);
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(zeroAmount));
        byte[] zeroNonce = ok.clone();
        java.util.Arrays.fill(zeroNonce, 42, 50, (byte) 0);
        assertReason(Reason.MALFORMED, () -> TxCodec.decode(zeroNonce));
    }

    static void assertReason(Reason r, org.junit.jupiter.api.function.Executable e) {
        StateException x = assertThrows(StateException.class, e);
        assertEquals(r, x.reason());
    }

    @Test
    void blocksRoundTripAndHash() {
        List<SignedTx> txs = new ArrayList<>();
        for (Transaction t : everyKind()) {
            txs.add(signed(t));
        }
        byte[] b = BlockCodec.encode(CHAIN, 4, PREV, txs);
        DecodedBlock d = BlockCodec.decode(b);
        assertEquals(CHAIN, d.block().chainId());
        assertEquals(4, d.block().height());
        assertEquals(5, d.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(txs.get(i), d.signedTx(i));
            assertEquals(txs.get(i).tx(), d.block().tx(i));
        }
        assertEquals(BlockCodec.hash(b), d.hash());
        assertTrue(TxSignatures.verifyAll(d));
        List<SignedTx> forged = new ArrayList<>(txs);
        forged.set(2, new SignedTx(txs.get(2).tx(), txs.get(2).signature(1), txs.get(2).signature(0)));   // swapped
        assertFalse(TxSignatures.verifyAll(BlockCodec.decode(BlockCodec.encode(CHAIN, 4, PREV, forged))));
        // every byte is covered by the hash
        for (int i = 0; i < b.length; i += 7) {
            byte[] x = b.clone();
            x[i] ^= 0x10;
            assertNotEquals(d.hash(), BlockCodec.hash(x));
        }
        // the consensus value is the whole hash, in one place
        assertArrayEquals(d.hash().bytes(), d.hash().consensusValue().digest());
        // an empty block
        assertEquals(0, BlockCodec.decode(BlockCodec.encode(CHAIN, 1, PREV, List.of())).size());
    }

    @Test
    void nonCanonicalAndOversizedBlocksAreRefused() {
        byte[] ok = BlockCodec.encode(CHAIN, 1, PREV, List.of(signed(new Deposit(CHAIN, A1, 1, 5))));
        assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(new byte[BlockCodec.MAX_BLOCK_BYTES + 1]));
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(null));
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(java.util.Arrays.copyOf(ok, 10)));
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(java.util.Arrays.copyOf(ok, ok.length + 1)));
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(java.util.Arrays.copyOf(ok, ok.length - 1)));
        byte[] magic = ok.clone();
        magic[0] = 0;
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(magic));
        byte[] count = ok.clone();
        AppHash.putInt(count, BlockCodec.HEADER - 4, Block.MAX_TXS + 1);
        assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(count));
        byte[] neg = ok.clone();
        AppHash.putInt(neg, BlockCodec.HEADER - 4, -1);
        assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(neg));
        byte[] two = ok.clone();
        AppHash.putInt(two, BlockCodec.HEADER - 4, 2);   // claims two transactions, holds one
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(two));
        byte[] len = ok.clone();
        len[BlockCodec.HEADER] = (byte) 0xFF;   // a transaction length beyond the block
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(len));
        List<SignedTx> many = new ArrayList<>();
        SignedTx s = signed(new Deposit(CHAIN, A1, 1, 5));
        for (int i = 0; i <= Block.MAX_TXS; i++) {
            many.add(s);
        }
        assertReason(Reason.OVERSIZED, () -> BlockCodec.encode(CHAIN, 1, PREV, many));
        // version 1 (no app hash in the header), height 0, an app hash that is not 32 bytes
        byte[] v1 = ok.clone();
        v1[4] = 1;
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(v1));
        byte[] h0 = ok.clone();
        AppHash.putLong(h0, 13, 0);
        assertReason(Reason.MALFORMED, () -> BlockCodec.decode(h0));
        assertReason(Reason.MALFORMED, () -> BlockCodec.encode(CHAIN, 1, new byte[31], List.of()));
        assertReason(Reason.MALFORMED, () -> BlockCodec.encode(CHAIN, 1, null, List.of()));
        assertReason(Reason.MALFORMED, () -> BlockCodec.encode(CHAIN, 0, PREV, List.of()));
    }

    /**
     * A block that embeds an ordinary transaction (any kind but GovPropose, whose approvals allow
     * up to MAX_GOV_TX_BYTES) longer than TxCodec.MAX_TX_BYTES is refused OVERSIZED as a whole,
     * before the transaction is parsed, wherever it stands in the block; the same bytes cut to the
     * bound are parsed (and refused MALFORMED: padding), so it is the bound that refuses them.
     */
    @Test
    void aBlockEmbeddingAnOversizedOrdinaryTransactionIsRefused() {
        byte[] first = TxCodec.encode(signed(new Deposit(CHAIN, A1, 1, 5)));
        byte[] oneTx = BlockCodec.encode(CHAIN, 1, PREV, List.of(signed(new Deposit(CHAIN, A1, 1, 5))));
        // the helper builds canonical blocks: a second well-formed transaction decodes
        assertEquals(2, BlockCodec.decode(withTx(oneTx, first)).size());
        List<byte[]> ordinary = new ArrayList<>();
        for (Transaction t : everyKind()) {
            ordinary.add(TxCodec.encode(signed(t)));
        }
        ordinary.add(TxCodec.encode(TxSignatures.sign(
                new dev.bulwark.ledger.GovAction(Transaction.GOV_APPROVE, CHAIN, A1, 1, 0), K1)));
        for (byte[] tx : ordinary) {
            for (int len : new int[] {TxCodec.MAX_TX_BYTES + 1, TxCodec.MAX_GOV_TX_BYTES, TxCodec.MAX_GOV_TX_BYTES + 1}) {
                byte[] big = java.util.Arrays.copyOf(tx, len);   // the kind's bytes, then zeros
                assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(withTx(oneTx, big)));
                byte[] alone = BlockCodec.encode(CHAIN, 1, PREV, List.of());
                assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(withTx(alone, big)));
                assertReason(Reason.OVERSIZED, () -> BlockCodec.decode(withTx(withTx(alone, big), first)));
                assertReason(Reason.OVERSIZED, () -> TxCodec.decode(big));
            }
            byte[] atBound = java.util.Arrays.copyOf(tx, TxCodec.MAX_TX_BYTES);
            assertReason(Reason.MALFORMED, () -> BlockCodec.decode(withTx(oneTx, atBound)));
        }
    }

    /** The encoded block b with one more transaction, tx, appended (count and length fields set). */
    static byte[] withTx(byte[] b, byte[] tx) {
        byte[] out = java.util.Arrays.copyOf(b, b.length + 2 + tx.length);
        AppHash.putInt(out, BlockCodec.HEADER - 4, TxCodec.getInt(b, BlockCodec.HEADER - 4) + 1);
        out[b.length] = (byte) (tx.length >>> 8);
        out[b.length + 1] = (byte) tx.length;
        System.arraycopy(tx, 0, out, b.length + 2, tx.length);
        return out;
    }

    /** Some previous app hash for the header (the codec carries it; the replica checks it). */
    static final byte[] PREV = new byte[BlockCodec.APP_HASH_BYTES];
    static {
        for (int i = 0; i < PREV.length; i++) {
            PREV[i] = (byte) (31 * i + 7);
        }
    }

    @Test
    void theHeaderCarriesThePreviousAppHash() {
        byte[] b = BlockCodec.encode(CHAIN, 3, PREV, List.of(signed(new Deposit(CHAIN, A1, 1, 5))));
        DecodedBlock d = BlockCodec.decode(b);
        assertArrayEquals(PREV, d.prevAppHash());
        assertTrue(d.certifies(PREV));
        byte[] other = PREV.clone();
        other[31] ^= 1;
        assertFalse(d.certifies(other));
        // the app hash is part of the hashed bytes: another header is another block
        byte[] b2 = BlockCodec.encode(CHAIN, 3, other, List.of(signed(new Deposit(CHAIN, A1, 1, 5))));
        assertNotEquals(BlockCodec.hash(b), BlockCodec.hash(b2));
    }

    @Test
    void snapshotsRestoreTheStateExactly() {
        Ledger l = busyLedger();
        byte[] snap = Snapshot.encode(l);
        Ledger back = Snapshot.decode(l.config(), snap);
        assertArrayEquals(snap, Snapshot.encode(back));
        assertArrayEquals(l.appHash(), back.appHash());
        assertEquals(l.height(), back.height());
        for (int r = 0; r < l.reporterCount(); r++) {
            assertEquals(l.evidenced(r), back.evidenced(r));
        }
        assertArrayEquals(l.appHash(), Snapshot.decodeTrusted(l.config(), snap, l.appHash()).appHash());
        // the restored ledger goes on exactly like the original
        BlockResult2 a = apply(l);
        BlockResult2 b = apply(back);
        assertArrayEquals(a.hash, b.hash);
    }

    record BlockResult2(byte[] hash) {
    }

    static BlockResult2 apply(Ledger l) {
        return new BlockResult2(l.apply(block(l, deposit(account(0), 3, 1), report(reporter(0), 4, 1_001))).appHash());
    }

    /**
     * A ledger with accounts created, trades, an equivocation in its last block, results.  (The
     * oracle keeps the current round's evidence only, and every block ends its round, so between
     * blocks no reporter is flagged.)
     */
    static Ledger busyLedger() {
        Ledger l = new Ledger(Fixtures.bigConfig(3, 2, 100));
        l.apply(block(l, deposit(account(0), 1, 1_000_000), deposit(account(1), 1, 1_000_000),
                deposit(account(7), 1, 500_000), report(reporter(0), 1, 1_000), report(reporter(1), 1, 1_000)));
        l.apply(block(l, trade(account(0), 2, account(7), 2, 10, 1_000), report(reporter(0), 2, 1_001),
                report(reporter(0), 3, 1_002), deposit(account(0), 1, 5)));
        assertEquals(dev.bulwark.oracle.Oracle.NO_REPORT, l.oracleReport(0));
        assertFalse(l.evidenced(0));
        return l;
    }

    @Test
    void badSnapshotsAreRefused() {
        Ledger l = busyLedger();
        LedgerConfig cfg = l.config();
        byte[] snap = Snapshot.encode(l);
        assertReason(Reason.MALFORMED, () -> Snapshot.decode(cfg, null));
        assertReason(Reason.MALFORMED, () -> Snapshot.decode(cfg, java.util.Arrays.copyOf(snap, snap.length - 1)));
        assertReason(Reason.MALFORMED, () -> Snapshot.decode(cfg, java.util.Arrays.copyOf(snap, snap.length + 4)));
        for (int cut = 0; cut < snap.length; cut += 13) {
            byte[] c = java.util.Arrays.copyOf(snap, cut);
            assertThrows(StateException.class, () -> Snapshot.decode(cfg, c));
        }
        byte[] chain = snap.clone();
        AppHash.putLong(chain, 5, CHAIN + 1);
        assertReason(Reason.WRONG_CHAIN, () -> Snapshot.decode(cfg, chain));
        byte[] count = snap.clone();
        AppHash.putInt(count, 21, 1_000_000);   // more accounts than maxAccounts
        assertReason(Reason.MALFORMED, () -> Snapshot.decode(cfg, count));
        byte[] coll = snap.clone();
        AppHash.putLong(coll, Snapshot.HEADER + 32, 1_000_001);   // account 0's balance + 1: Conservation broken
        assertReason(Reason.INVALID_STATE, () -> Snapshot.decode(cfg, coll));
        byte[] key = snap.clone();
        key[Snapshot.HEADER] ^= 1;   // a genesis account's key changed
        assertReason(Reason.INVALID_STATE, () -> Snapshot.decode(cfg, key));
        assertReason(Reason.HASH_MISMATCH, () -> Snapshot.decodeTrusted(cfg, snap, new byte[32]));
        assertReason(Reason.HASH_MISMATCH, () -> Snapshot.decodeTrusted(cfg, snap, null));
    }

    @Test
    void inclusionProofsVerifyAndTamperedOnesDoNot() {
        Ledger l = busyLedger();
        byte[] app = l.appHash();
        AppHash tree = l.appHashTree();
        for (int a = 0; a < l.accounts(); a++) {
            AccountProof p = tree.prove(l, a);
            assertTrue(p.verify(app), "account " + a);
            assertEquals(l.collateral(a), p.collateral());
            assertEquals(l.position(a), p.position());
            assertFalse(p.withFields(a, p.collateral() + 1, p.position(), p.nonce()).verify(app));
            assertFalse(p.withFields(a, p.collateral(), p.position() - 1, p.nonce()).verify(app));
            assertFalse(p.withFields(a, p.collateral(), p.position(), p.nonce() + 1).verify(app));
            assertFalse(p.withFields(a ^ 1, p.collateral(), p.position(), p.nonce()).verify(app));
            assertFalse(p.withKey(l.accountKey((a + 1) % l.accounts())).verify(app), "another key");
            // the group's other accounts and its account count are committed too
            byte[] keys = p.otherKeys();
            keys[5] ^= 1;
            byte[] fields = p.otherFields();
            fields[17] ^= 1;
            assertFalse(new AccountProof(a, p.key(), p.collateral(), p.position(), p.nonce(), p.present(), keys,
                    p.otherFields(), p.siblings(), p.globals()).verify(app), "a neighbour's key");
            assertFalse(new AccountProof(a, p.key(), p.collateral(), p.position(), p.nonce(), p.present(), p.otherKeys(),
                    fields, p.siblings(), p.globals()).verify(app), "a neighbour's fields");
            if (p.present() > a % AppHash.GROUP + 1) {
                assertFalse(new AccountProof(a, p.key(), p.collateral(), p.position(), p.nonce(), p.present() - 1,
                        p.otherKeys(), p.otherFields(), p.siblings(), p.globals()).verify(app), "fewer accounts");
            }
            byte[][] sib = p.siblings();
            sib[AppHash.DEPTH - 1][0] ^= 1;
            assertFalse(new AccountProof(a, p.key(), p.collateral(), p.position(), p.nonce(), p.present(), p.otherKeys(),
                    p.otherFields(), sib, p.globals()).verify(app), "a sibling");
            assertTrue(new AccountProof(a, p.key(), p.collateral(), p.position(), p.nonce(), p.present(), p.otherKeys(),
                    p.otherFields(), p.siblings(), p.globals()).verify(app), "rebuilt from its parts");
        }
        // a proof of an older state does not verify against the new app hash
        AccountProof old = tree.prove(l, 0);
        byte[] next = l.apply(block(l, deposit(account(0), 3, 1))).appHash();
        assertFalse(old.verify(next));
        assertTrue(l.appHashTree().prove(l, 0).verify(next));
        assertThrows(IllegalArgumentException.class, () -> tree.prove(l, l.accounts()));
    }

    @Test
    void theIncrementalTreeEqualsOneBuiltFromScratch() {
        Ledger l = busyLedger();
        for (int k = 0; k < 20; k++) {
            Transaction[] txs = new Transaction[30];
            for (int i = 0; i < txs.length; i++) {
                txs[i] = deposit(account(100 + k * 30 + i), 1, 1 + i);   // new accounts, some over maxAccounts
            }
            byte[] incremental = l.apply(new Block(CHAIN, l.height() + 1, txs)).appHash();
            byte[] scratch = Snapshot.decode(l.config(), Snapshot.encode(l)).appHash();
            assertArrayEquals(scratch, incremental, "block " + k);
        }
        assertEquals(100, l.accounts());
    }

    @Test
    void theTreesIdSortOrdersLikeArraysSort() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int m : new int[] {0, 1, 255, 256, 257, 5_000, 40_000}) {
            // distinct ids over the whole leaf range, in random order (the ledger marks each changed account once)
            java.util.LinkedHashSet<Integer> set = new java.util.LinkedHashSet<>();
            if (m >= 2) {
                set.add(dev.bulwark.margin.MarginEngine.MAX_ACCOUNTS - 1);   // the largest and smallest ids
                set.add(0);
            }
            while (set.size() < m) {
                set.add(rnd.nextInt(dev.bulwark.margin.MarginEngine.MAX_ACCOUNTS));
            }
            int[] ids = set.stream().mapToInt(Integer::intValue).toArray();
            int[] expected = ids.clone();
            java.util.Arrays.sort(expected);
            AppHash.sortIds(ids, new int[m], m);
            assertArrayEquals(expected, ids, "m = " + m);
        }
    }

    @Test
    void theTreesMergeOfChangedAndNewGroupsIsTheSortedUnion() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int t = 0; t < 500; t++) {
            java.util.TreeSet<Integer> a = new java.util.TreeSet<>();
            int m = rnd.nextInt(12);
            while (a.size() < m) {
                a.add(rnd.nextInt(40));
            }
            int lo = rnd.nextInt(45);
            int hi = lo + rnd.nextInt(8);
            java.util.TreeSet<Integer> union = new java.util.TreeSet<>(a);
            for (int v = lo; v < hi; v++) {
                union.add(v);
            }
            int[] in = a.stream().mapToInt(Integer::intValue).toArray();
            int[] out = new int[m + hi - lo];
            int k = AppHash.mergeRange(in, m, lo, hi, out);
            assertArrayEquals(union.stream().mapToInt(Integer::intValue).toArray(), java.util.Arrays.copyOf(out, k),
                    a + " with " + lo + ".." + (hi - 1));
        }
    }
}
