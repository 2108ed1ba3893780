package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.TxResult;
import dev.bulwark.margin.MarginEngine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The app hash: a commitment to the whole ledger state, updated incrementally.
 *
 * <pre>
 *   leaf(a)     = H(0x00 | key (32) | collateral (6) | position (4) | nonce (8))      (51 bytes)
 *   empty leaf  = H(0x00)                                  (ids not yet registered)
 *   node        = H(0x01 | child 0 | child 1 | child 2 | child 3 | child 4)      (161 bytes)
 *   accounts    = the root of the 5-ary tree of depth DEPTH = 9 over the leaves of ids
 *                 0 .. 5^9 - 1 (ids below MarginEngine.MAX_ACCOUNTS = 2^20 are used; empty
 *                 leaves and subtrees have fixed hashes)
 *   globals     = H(0x02 | chain, height, account count, price, insurance, net deposits, halted,
 *                 the oracle's round, price, price round, pending, pending round, aggregated,
 *                 every reporter's report, reliability, nonce and evidence flag (it equivocated
 *                 in the oracle's current round), the last block's result codes, then the
 *                 governance state (GovernanceState: owners, threshold, nonces, proposals,
 *                 approvals, timelocks, rates in force and pending, stakes; empty without))
 *   app hash    = H(0x03 | accounts | globals)
 * </pre>
 *
 * All numbers big-endian two's complement; SHA-256 (java.security.MessageDigest).  The one-byte
 * tags separate leaves, nodes, globals and the root, so no hash of one kind is
 * the hash of another.  A leaf's position in the tree is its account id, so the id is not hashed
 * again; its balance takes 6 bytes and its position 4 -- the margin engine's hard caps
 * (|collateral| &lt;= 4e12 &lt; 2^47, |position| &lt;= 1e6 &lt; 2^31) -- so that a leaf's 51 bytes fit
 * one SHA-256 compression (55 bytes do, with the padding).  Why five children: SHA-256 pads a
 * message with at least 9 bytes and works in 64-byte blocks, so a node of 5 children (161 bytes)
 * takes three compressions, as one of 4 does (129 bytes), and a path has 9 nodes (27
 * compressions per account) instead of 10 (30); a binary tree takes two per node but 20 nodes
 * (40), 8 children five per node and 7 nodes (35).  Per halving of the leaves: 1.29 compressions
 * for 5 children, 1.5 for 4, 1.55 for 6, 2 for 2.
 *
 * <p>Incremental: {@link #update} hashes the leaves of the accounts the ledger marked changed
 * and then, level by level, each distinct parent once: a block that touches k of n accounts
 * costs k leaf hashes and at most k * DEPTH node hashes (fewer where paths share nodes), never a
 * rehash of the n accounts.  The globals are rehashed every block (their size does not grow with
 * the accounts: the oracle keeps one report, reliability and evidence flag per reporter).
 * Memory: 32 bytes per account for the leaves plus about a quarter of that for the nodes.
 *
 * <p>Inclusion proofs: {@link #prove} gives an account's fields, its four siblings at each
 * level and the globals hash; {@link AccountProof#verify} recomputes the app hash from them, so
 * a client that holds only a certified app hash checks one account's balance, position and nonce.
 */
public final class AppHash {
    /** Children per node. */
    public static final int ARITY = 5;
    /** Levels of nodes above the leaves: the least with ARITY^DEPTH >= MarginEngine.MAX_ACCOUNTS. */
    public static final int DEPTH = 9;
    /** Number of leaves: ARITY^DEPTH = 1,953,125 (ids 0 .. MarginEngine.MAX_ACCOUNTS - 1 are used). */
    public static final int LEAVES = 1_953_125;

    static final byte LEAF = 0;
    static final byte NODE = 1;
    static final byte GLOBALS = 2;
    static final byte ROOT = 3;
    /** Length of a hash. */
    public static final int HASH_BYTES = 32;
    static final int LEAF_BYTES = 1 + AccountKey.BYTES + 6 + 4 + 8;
    static final int NODE_BYTES = 1 + ARITY * HASH_BYTES;

    /** EMPTY[L]: the hash of an empty subtree of height L (EMPTY[0] the empty leaf). */
    static final byte[][] EMPTY = emptyHashes();

    static {
        long leaves = 1;
        for (int l = 0; l < DEPTH; l++) {
            leaves *= ARITY;
        }
        if (leaves != LEAVES || LEAVES < MarginEngine.MAX_ACCOUNTS || LEAVES / ARITY >= MarginEngine.MAX_ACCOUNTS) {
            throw new ExceptionInInitializerError("the tree must have one leaf per possible account");
        }
        if (MarginEngine.MAX_COLLATERAL >= 1L << 47 || MarginEngine.MAX_LOTS >= 1L << 31) {
            throw new ExceptionInInitializerError("a leaf's balance must fit 6 bytes and its position 4");
        }
    }

    private final MessageDigest md;
    /** level[L] holds the hashes of nodes 0..count[L]-1 of level L (0: leaves), 32 bytes each. */
    private final byte[][] level;
    private final int[] count;
    private byte[] accountsRoot;
    private byte[] globals;
    private byte[] app;
    private long hashes;
    // workspace: the changed ids of a level, and per entry its gathered fields, hashed bytes and hash
    private byte[] gbuf;
    private int[] cur;
    private int[] next;
    private AccountKey[] gatherKeys = new AccountKey[0];
    private long[] gatherFields = new long[0];
    private byte[] gatherBytes = new byte[0];
    private byte[] gatherHashes = new byte[0];
    /** Bytes per entry of gatherBytes: a leaf's 51 or a node's 161, rounded up to 8. */
    private static final int STRIDE = (Math.max(LEAF_BYTES, NODE_BYTES) + 7) & ~7;

    /** An empty tree (no account hashed yet). */
    public AppHash() {
        this.md = sha256();
        this.level = new byte[DEPTH][];
        this.count = new int[DEPTH];
        for (int l = 0; l < DEPTH; l++) {
            level[l] = new byte[0];
        }
        this.accountsRoot = EMPTY[DEPTH].clone();
        this.gbuf = new byte[256];
        this.cur = new int[16];
        this.next = new int[16];
    }

    /** An independent copy. */
    public AppHash copy() {
        AppHash c = new AppHash();
        for (int l = 0; l < DEPTH; l++) {
            c.level[l] = level[l].clone();
            c.count[l] = count[l];
        }
        c.accountsRoot = accountsRoot.clone();
        c.globals = globals == null ? null : globals.clone();
        c.app = app == null ? null : app.clone();
        return c;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static byte[][] emptyHashes() {
        MessageDigest md = sha256();
        byte[][] e = new byte[DEPTH + 1][];
        e[0] = md.digest(new byte[] {LEAF});
        for (int l = 1; l <= DEPTH; l++) {
            md.update(NODE);
            for (int c = 0; c < ARITY; c++) {
                md.update(e[l - 1]);
            }
            e[l] = md.digest();
        }
        return e;
    }

    /** Hashes computed so far (leaves, nodes, globals, roots). */
    public long hashes() {
        return hashes;
    }

    /** The app hash of the last update (null before the first). */
    public byte[] current() {
        return app == null ? null : app.clone();
    }

    /**
     * Brings the tree up to date with the ledger, given the ids of the accounts changed since the
     * last update (each once, in any order), and returns the new app hash.
     */
    public byte[] update(Ledger l, int[] dirty, int dirtyCount) {
        int n = l.accounts();
        if (n > MarginEngine.MAX_ACCOUNTS) {
            throw new IllegalStateException("more accounts than the margin engine's bound");
        }
        grow(n);
        // leaves, in id order (so that every level below is visited in address order)
        ensureWork(dirtyCount);
        System.arraycopy(dirty, 0, cur, 0, dirtyCount);
        sortIds(cur, next, dirtyCount);
        hashLeaves(l, dirtyCount);
        int m = dirtyCount;
        // nodes, level by level: each distinct parent once (the children are sorted, so a
        // parent's children are adjacent)
        for (int lv = 1; lv <= DEPTH && m > 0; lv++) {
            int k = 0;
            for (int i = 0; i < m; i++) {
                int p = cur[i] / ARITY;
                if (k == 0 || next[k - 1] != p) {
                    next[k++] = p;
                }
            }
            hashNodes(lv, next, k);
            int[] t = cur;
            cur = next;
            next = t;
            m = k;
        }
        globals = globalsHash(l);
        md.update(ROOT);
        md.update(accountsRoot);
        md.update(globals);
        app = md.digest();
        hashes++;
        return app.clone();
    }

    /*
     * How a level is hashed: in passes -- read what every changed entry needs into contiguous
     * workspace, hash the workspace's entries one after another into a contiguous output, then
     * write the hashes to their places in the tree.  The tree's levels are far larger than the
     * processor's caches (32 bytes per account at the leaves), so the reads and writes miss;
     * in a pass that does nothing else per entry the processor has many of those misses in
     * flight at once, while a SHA-256 computation between two misses would leave one at a time.
     * Measured on a 1,000,000-account tree (four children then) with 18,300 changed accounts:
     * 14.6 ms per update instead of 21.3 (spec/ledger/README.md, the app-hash benchmark).  The workspace grows to
     * the largest level hashed (about 200 bytes per changed account) and is kept.
     */

    /** Hashes the leaves of the changed accounts cur[0..m) (sorted) into level 0. */
    private void hashLeaves(Ledger l, int m) {
        ensureGather(m);
        AccountKey[] ks = gatherKeys;
        long[] f = gatherFields;
        for (int i = 0; i < m; i++) {
            int a = cur[i];
            ks[i] = l.accountKey(a);
            f[3 * i] = l.collateral(a);
            f[3 * i + 1] = l.position(a);
            f[3 * i + 2] = l.nonce(a);
        }
        byte[] g = gatherBytes;
        for (int i = 0; i < m; i++) {
            ks[i].writeTo(g, i * STRIDE + 1);   // the keys' objects: one read each, in flight together
            ks[i] = null;
        }
        for (int i = 0; i < m; i++) {
            leafFields(g, i * STRIDE, f[3 * i], f[3 * i + 1], f[3 * i + 2]);
        }
        byte[] h = gatherHashes;
        for (int i = 0; i < m; i++) {
            md.update(g, i * STRIDE, LEAF_BYTES);
            digestInto(h, i * HASH_BYTES);
        }
        byte[] leaves = level[0];
        for (int i = 0; i < m; i++) {
            System.arraycopy(h, i * HASH_BYTES, leaves, cur[i] * HASH_BYTES, HASH_BYTES);
        }
    }

    /** Hashes nodes parents[0..k) (sorted, distinct) of level lv from their children on level lv - 1. */
    private void hashNodes(int lv, int[] parents, int k) {
        ensureGather(k);
        byte[] g = gatherBytes;
        byte[] child = level[lv - 1];
        int have = count[lv - 1];
        for (int i = 0; i < k; i++) {
            nodeBytes(lv, parents[i], child, have, g, i * STRIDE);
        }
        byte[] h = gatherHashes;
        for (int i = 0; i < k; i++) {
            md.update(g, i * STRIDE, NODE_BYTES);
            digestInto(h, i * HASH_BYTES);
        }
        if (lv == DEPTH) {
            System.arraycopy(h, 0, accountsRoot, 0, HASH_BYTES);
            return;
        }
        byte[] out = level[lv];
        for (int i = 0; i < k; i++) {
            System.arraycopy(h, i * HASH_BYTES, out, parents[i] * HASH_BYTES, HASH_BYTES);
        }
    }

    /**
     * Sorts ids[0..m) (each below MarginEngine.MAX_ACCOUNTS = 2^20) by two counting passes over 10 bits each, with
     * tmp as workspace (at least m long).
     */
    static void sortIds(int[] ids, int[] tmp, int m) {
        if (m < 256) {
            java.util.Arrays.sort(ids, 0, m);
            return;
        }
        int[] start = new int[(1 << 10) + 1];
        for (int shift = 0; shift < 20; shift += 10) {
            java.util.Arrays.fill(start, 0);
            for (int i = 0; i < m; i++) {
                start[((ids[i] >>> shift) & 1023) + 1]++;
            }
            for (int b = 0; b < 1024; b++) {
                start[b + 1] += start[b];
            }
            for (int i = 0; i < m; i++) {
                int v = ids[i];
                tmp[start[(v >>> shift) & 1023]++] = v;
            }
            System.arraycopy(tmp, 0, ids, 0, m);
        }
    }

    /** Workspace for k entries of a level. */
    private void ensureGather(int k) {
        if (gatherKeys.length < k) {
            int c = Math.max(k, gatherKeys.length * 2);
            gatherKeys = new AccountKey[c];
            gatherFields = new long[3 * c];
            gatherBytes = new byte[c * STRIDE];
            gatherHashes = new byte[c * HASH_BYTES];
        }
    }

    /** Sizes every level for n accounts (node counts ceil(n / 4^L)); new nodes are computed by the update. */
    private void grow(int n) {
        long span = 1;   // leaves under a node of level l: ARITY^l
        for (int l = 0; l < DEPTH; l++) {
            int c = (int) ((n + span - 1) / span);
            span *= ARITY;
            if (c * HASH_BYTES > level[l].length) {
                int cap = Math.max(c, Math.max(4, level[l].length / HASH_BYTES * 2));
                level[l] = java.util.Arrays.copyOf(level[l], cap * HASH_BYTES);
            }
            count[l] = Math.max(count[l], c);
        }
    }

    private void ensureWork(int m) {
        if (cur.length < m) {
            cur = new int[Math.max(m, cur.length * 2)];
            next = new int[cur.length];
        }
    }

    /** The 51 hashed bytes of a leaf, at b[0..50]. */
    static void leafBytes(byte[] b, AccountKey key, long collateral, long position, long nonce) {
        key.writeTo(b, 1);
        leafFields(b, 0, collateral, position, nonce);
    }

    /** A leaf's bytes but the key's, at b[o], b[o+33..o+50]. */
    private static void leafFields(byte[] b, int o, long collateral, long position, long nonce) {
        b[o] = LEAF;
        for (int i = 5; i >= 0; i--) {
            b[o + 33 + i] = (byte) collateral;
            collateral >>= 8;
        }
        putInt(b, o + 39, (int) position);
        putLong(b, o + 43, nonce);
    }

    /** The 129 hashed bytes of node p of level lv (its children on the level below, have of them there), at b[o..]. */
    private static void nodeBytes(int lv, int p, byte[] child, int have, byte[] b, int o) {
        b[o] = NODE;
        int first = p * ARITY;
        if (first + ARITY <= have) {
            System.arraycopy(child, first * HASH_BYTES, b, o + 1, ARITY * HASH_BYTES);
            return;
        }
        for (int c = 0; c < ARITY; c++) {
            int ci = first + c;
            if (ci < have) {
                System.arraycopy(child, ci * HASH_BYTES, b, o + 1 + c * HASH_BYTES, HASH_BYTES);
            } else {
                System.arraycopy(EMPTY[lv - 1], 0, b, o + 1 + c * HASH_BYTES, HASH_BYTES);
            }
        }
    }

    private void digestInto(byte[] out, int off) {
        try {
            md.digest(out, off, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        hashes++;
    }

    private byte[] globalsHash(Ledger l) {
        int r = l.reporterCount();
        int k = l.resultCount();
        int size = 1 + 6 * 8 + 1 + 4 + 8 + 4 + 8 + 4 + 1 + 4 + 25 * r + 4 + 4 * k;
        if (gbuf.length < size) {
            gbuf = new byte[Math.max(size, gbuf.length * 2)];
        }
        byte[] b = gbuf;
        int o = 0;
        b[o++] = GLOBALS;
        o = putLong(b, o, l.config().chainId());
        o = putLong(b, o, l.height());
        o = putLong(b, o, l.accounts());
        o = putLong(b, o, l.price());
        o = putLong(b, o, l.insurance());
        o = putLong(b, o, l.netDeposits());
        b[o++] = (byte) (l.halted() ? 1 : 0);
        o = putInt(b, o, l.oracleRound());
        o = putLong(b, o, l.oraclePrice());
        o = putInt(b, o, l.oraclePriceRound());
        o = putLong(b, o, l.oraclePending());
        o = putInt(b, o, l.oraclePendingRound());
        b[o++] = (byte) (l.oracleAggregated() ? 1 : 0);
        o = putInt(b, o, r);
        for (int i = 0; i < r; i++) {
            o = putLong(b, o, l.oracleReport(i));
            o = putLong(b, o, l.oracleRel(i));
            o = putLong(b, o, l.reporterNonce(i));
            b[o++] = (byte) (l.evidenced(i) ? 1 : 0);
        }
        o = putInt(b, o, k);
        for (int i = 0; i < k; i++) {
            TxResult t = l.result(i);
            o = putInt(b, o, t.toInt());
        }
        md.update(b, 0, o);
        md.update(GovernanceState.encode(l));   // governance (empty without it): owners, proposals, rates, stakes
        hashes++;
        return md.digest();
    }

    /**
     * The inclusion proof of account a against the last update's app hash (call
     * {@code Ledger.appHashTree()} first, which brings the tree up to date).
     */
    public AccountProof prove(Ledger l, int a) {
        if (app == null || a < 0 || a >= l.accounts()) {
            throw new IllegalArgumentException("no such account, or the tree was never updated");
        }
        byte[][] siblings = new byte[DEPTH][];
        int idx = a;
        for (int lv = 0; lv < DEPTH; lv++) {
            byte[] s = new byte[(ARITY - 1) * HASH_BYTES];
            int first = (idx / ARITY) * ARITY;
            int j = 0;
            for (int c = 0; c < ARITY; c++) {
                int ci = first + c;
                if (ci == idx) {
                    continue;
                }
                if (ci < count[lv]) {
                    System.arraycopy(level[lv], ci * HASH_BYTES, s, j * HASH_BYTES, HASH_BYTES);
                } else {
                    System.arraycopy(EMPTY[lv], 0, s, j * HASH_BYTES, HASH_BYTES);
                }
                j++;
            }
            siblings[lv] = s;
            idx = idx / ARITY;
        }
        return new AccountProof(a, l.accountKey(a), l.collateral(a), l.position(a), l.nonce(a), siblings,
                globals.clone());
    }

    static int putInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
        return o + 4;
    }

    static int putLong(byte[] b, int o, long v) {
        for (int i = 7; i >= 0; i--) {
            b[o + i] = (byte) v;
            v >>>= 8;
        }
        return o + 8;
    }
}
