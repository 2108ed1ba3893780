package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.LedgerException;
import dev.bulwark.ledger.TxResult;
import dev.bulwark.oracle.Evidence;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleException;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole ledger state as canonical bytes, and back: {@code decode(config, encode(l))} is a
 * ledger equal to l in every field, with the same app hash.  A replica persists it (restart) and
 * serves it to peers that are behind (state sync), who check its app hash against a certified one.
 *
 * <pre>
 *   magic "BWSN" (4) | version 1 (1) | chain id (8) | height (8) | account count n (4)
 *   | n x (key (32) | collateral (8) | position (8) | nonce (8))
 *   | price (8) | insurance (8) | net deposits (8) | halted (1)
 *   | oracle round (4) | reporter count r (4) | r x (report (8) | reliability (8) | nonce (8))
 *   | oracle price (8) | price round (4) | pending (8) | pending round (4) | aggregated (1)
 *   | evidence count e (4) | e x (reporter (4) | round (4))
 *   | governance (GovernanceState; empty without governance; the stakes are the oracle's)
 *   | result count k (4) | k x result (4, TxResult.toInt)
 * </pre>
 *
 * The configuration (margin and oracle constants, genesis accounts, reporters) is not in the
 * snapshot: the restoring replica has it, and the snapshot must fit it.  Bounds checked before
 * allocation: n &lt;= config.maxAccounts(), r = the config's reporters, e &lt;= r (the oracle keeps the current round's evidence, one flag per reporter),
 * k &lt;= Block.MAX_TXS, and the total length exact.  A snapshot that decodes but is no state of
 * this configuration (Ledger.fromState's checks) is INVALID_STATE.
 */
public final class Snapshot {
    public static final int MAGIC = 0x4257534E;   // "BWSN"
    public static final byte VERSION = 2;
    static final int HEADER = 4 + 1 + 8 + 8 + 4;
    static final int PER_ACCOUNT = 32 + 8 + 8 + 8;

    private Snapshot() {
    }

    /**
     * The largest snapshot of a configuration: maxAccounts accounts, its reporters with evidence
     * for each, every governance slot holding a proposal of the largest size, and Block.MAX_TXS
     * results.
     */
    public static long maxBytes(LedgerConfig c) {
        long n = c.maxAccounts();
        long r = c.reporterCount();
        long k = c.governance() == null ? 0 : c.governanceKeyCount();
        long gov = c.governance() == null ? 0
                : 8 * k + k + 4 + 8 + 1 + 24 + 24 + 8 * r + k * (1 + ProposalCodec.MAX_BYTES + k + 8);
        return gov + HEADER + n * PER_ACCOUNT + 25 + 8 + 24 * r + 25 + 4 + 8 * r + 4 + 4L * dev.bulwark.ledger.Block.MAX_TXS;
    }

    /** The canonical bytes of l's state. */
    public static byte[] encode(Ledger l) {
        int n = l.accounts();
        int r = l.reporterCount();
        Oracle o = l.oracle();
        List<Evidence> ev = o.evidence();
        int k = l.resultCount();
        byte[] gov = GovernanceState.encode(l);
        long size = gov.length + HEADER + (long) n * PER_ACCOUNT + 25 + 8 + 24L * r + 25 + 4 + 8L * ev.size() + 4 + 4L * k;
        byte[] b = new byte[Math.toIntExact(size)];
        int p = AppHash.putInt(b, 0, MAGIC);
        b[p++] = VERSION;
        p = AppHash.putLong(b, p, l.config().chainId());
        p = AppHash.putLong(b, p, l.height());
        p = AppHash.putInt(b, p, n);
        for (int a = 0; a < n; a++) {
            l.accountKey(a).writeTo(b, p);
            p += 32;
            p = AppHash.putLong(b, p, l.collateral(a));
            p = AppHash.putLong(b, p, l.position(a));
            p = AppHash.putLong(b, p, l.nonce(a));
        }
        p = AppHash.putLong(b, p, l.price());
        p = AppHash.putLong(b, p, l.insurance());
        p = AppHash.putLong(b, p, l.netDeposits());
        b[p++] = (byte) (l.halted() ? 1 : 0);
        p = AppHash.putInt(b, p, o.round());
        p = AppHash.putInt(b, p, r);
        for (int i = 0; i < r; i++) {
            p = AppHash.putLong(b, p, o.reportOf(i));
            p = AppHash.putLong(b, p, o.relOf(i));
            p = AppHash.putLong(b, p, l.reporterNonce(i));
        }
        p = AppHash.putLong(b, p, o.price());
        p = AppHash.putInt(b, p, o.priceRound());
        p = AppHash.putLong(b, p, o.pending());
        p = AppHash.putInt(b, p, o.pendingRound());
        b[p++] = (byte) (o.aggregated() ? 1 : 0);
        p = AppHash.putInt(b, p, ev.size());
        for (Evidence e : ev) {
            p = AppHash.putInt(b, p, e.reporter());
            p = AppHash.putInt(b, p, e.round());
        }
        System.arraycopy(gov, 0, b, p, gov.length);
        p += gov.length;
        p = AppHash.putInt(b, p, k);
        for (int i = 0; i < k; i++) {
            p = AppHash.putInt(b, p, l.result(i).toInt());
        }
        if (p != b.length) {
            throw new IllegalStateException("snapshot length " + p + " != " + b.length);
        }
        return b;
    }

    /** Restores a ledger of this configuration from a snapshot; refused with a typed reason. */
    public static Ledger decode(LedgerConfig config, byte[] b) {
        Reader in = new Reader(b);
        if (in.remaining() < HEADER || in.getInt() != MAGIC || in.get() != VERSION) {
            throw new StateException(Reason.MALFORMED, b == null ? -1 : b.length, 0);
        }
        long chain = in.getLong();
        if (chain != config.chainId()) {
            throw new StateException(Reason.WRONG_CHAIN, chain, config.chainId());
        }
        long height = in.getLong();
        int n = in.getInt();
        if (n < 0 || n > config.maxAccounts() || (long) n * PER_ACCOUNT > in.remaining()) {
            throw new StateException(Reason.MALFORMED, n, config.maxAccounts());
        }
        AccountKey[] keys = new AccountKey[n];
        long[] coll = new long[n];
        long[] pos = new long[n];
        long[] nonce = new long[n];
        for (int a = 0; a < n; a++) {
            keys[a] = in.key();
            coll[a] = in.getLong();
            pos[a] = in.getLong();
            nonce[a] = in.getLong();
        }
        long price = in.getLong();
        long insurance = in.getLong();
        long netDeposits = in.getLong();
        boolean halted = in.bool();
        int round = in.getInt();
        int r = in.getInt();
        if (r != config.reporterCount() || 24L * r > in.remaining()) {
            throw new StateException(Reason.MALFORMED, r, config.reporterCount());
        }
        long[] reports = new long[r];
        long[] rel = new long[r];
        long[] rnonce = new long[r];
        for (int i = 0; i < r; i++) {
            reports[i] = in.getLong();
            rel[i] = in.getLong();
            rnonce[i] = in.getLong();
        }
        long oPrice = in.getLong();
        int priceRound = in.getInt();
        long pending = in.getLong();
        int pendingRound = in.getInt();
        boolean aggregated = in.bool();
        int e = in.getInt();
        if (e < 0 || e > config.reporterCount() || 8L * e > in.remaining()) {
            throw new StateException(Reason.MALFORMED, e, config.reporterCount());
        }
        List<Evidence> ev = new ArrayList<>(e);
        for (int i = 0; i < e; i++) {
            ev.add(new Evidence(in.getInt(), in.getInt()));
        }
        GovernanceState.Decoded gov = GovernanceState.decode(config, b, b.length - in.remaining(), b.length, height,
                insurance);
        in.skipTo(gov.end);
        int k = in.getInt();
        if (k < 0 || k > Block.MAX_TXS || 4L * k != in.remaining()) {
            throw new StateException(Reason.MALFORMED, k, in.remaining());
        }
        TxResult[] results = new TxResult[k];
        for (int i = 0; i < k; i++) {
            results[i] = TxResult.fromInt(in.getInt());
            if (results[i] == null) {
                throw new StateException(Reason.MALFORMED, i, 0);
            }
        }
        try {
            dev.bulwark.oracle.OracleParams op = gov.governance == null ? config.oracle()
                    : config.oracle().withStakes(gov.governance.stakes());
            Oracle o = Oracle.fromState(op, round, reports, rel, oPrice, priceRound, pending,
                    pendingRound, aggregated, ev);
            return Ledger.fromState(config, keys, coll, pos, nonce, price, insurance, netDeposits, halted, o, rnonce,
                    height, results, gov.governance, gov.nonces);
        } catch (OracleException | LedgerException x) {
            throw new StateException(Reason.INVALID_STATE, 0, 0);
        }
    }

    /**
     * Restores a snapshot received from a peer and checks it against a trusted app hash (from a
     * certified header); refused with HASH_MISMATCH otherwise.
     */
    public static Ledger decodeTrusted(LedgerConfig config, byte[] b, byte[] trustedAppHash) {
        Ledger l = decode(config, b);
        if (trustedAppHash == null || !java.security.MessageDigest.isEqual(l.appHash(), trustedAppHash)) {
            throw new StateException(Reason.HASH_MISMATCH, l.height(), 0);
        }
        return l;
    }

    /** Bounds-checked reads; running past the end is MALFORMED. */
    private static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            if (b == null) {
                throw new StateException(Reason.MALFORMED, -1, 0);
            }
            this.b = b;
        }

        int remaining() {
            return b.length - p;
        }

        void skipTo(int q) {
            p = q;
        }

        private void need(int k) {
            if (b.length - p < k) {
                throw new StateException(Reason.MALFORMED, p, b.length);
            }
        }

        byte get() {
            need(1);
            return b[p++];
        }

        boolean bool() {
            byte v = get();
            if (v != 0 && v != 1) {
                throw new StateException(Reason.MALFORMED, p, v);
            }
            return v == 1;
        }

        int getInt() {
            need(4);
            int v = TxCodec.getInt(b, p);
            p += 4;
            return v;
        }

        long getLong() {
            need(8);
            long v = TxCodec.getLong(b, p);
            p += 8;
            return v;
        }

        AccountKey key() {
            need(32);
            AccountKey k = AccountKey.of(b, p);
            p += 32;
            return k;
        }
    }
}
