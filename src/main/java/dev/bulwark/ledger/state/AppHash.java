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
 *   keys(g)     = H(0x04 | present (1) | key of 4g | key of 4g+1 | key of 4g+2 | key of 4g+3)   (130 bytes)
 *                 present = how many of the four ids are accounts (ids are given in order, so
 *                 they are the first ones); the key of an absent id is 32 zero bytes
 *   group(g)    = H(0x00 | keys(g) | fields of 4g | fields of 4g+1 | fields of 4g+2 | fields of 4g+3)
 *                 fields = collateral (6) | position (4) | nonce (8); an absent id's are zeros (105 bytes)
 *   node        = H(0x01 | child 0 | child 1 | child 2 | child 3 | child 4)      (161 bytes)
 *   accounts    = the root of the 5-ary tree of depth DEPTH = 8 over the groups 0 .. 5^8 - 1, i.e.
 *                 the ids 0 .. 4 * 5^8 - 1 (ids below MarginEngine.MAX_ACCOUNTS = 2^20 are used;
 *                 empty groups and subtrees have fixed hashes)
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
 * tags separate groups, nodes, globals, the root and key lists, so no hash of one kind is the
 * hash of another.  An account's place in the tree is its id, so the id is not hashed again;
 * its balance takes 6 bytes and its position 4 -- the margin engine's hard caps (|collateral|
 * &lt;= 4e12 &lt; 2^47, |position| &lt;= 1e6 &lt; 2^31).
 *
 * <p>Why this shape: the unit of SHA-256's cost is the compression of one 64-byte block, and a
 * message takes ceil((length + 9) / 64) of them (the padding adds at least 9 bytes).  What a block
 * changes is the three fields of the accounts it touches; their keys never change once the
 * account exists.  So the keys of four neighbouring ids are hashed once, when the last of them is
 * created (three compressions), and the bottom of the tree is a group of four accounts' fields with
 * that key hash: 105 bytes, two compressions for up to four changed accounts, against one for an
 * account's own leaf (key and fields: 51 bytes) plus three for its parent node before.  Above the
 * groups, nodes of five children (161 bytes, three compressions, as for four children) keep the
 * tree at 8 levels over 2^20 ids.  Per changed account of a 10,000-transaction block over
 * 1,000,000 accounts this is 2.41 SHA-256 computations and 6.30 compressions, against 3.27 and
 * about 7.8 with a leaf per account (spec/ledger/README.md, the app-hash benchmark), and the
 * tree's bottom level is 16 bytes per account (group and key-list hashes) instead of 32.
 *
 * <p>Incremental: {@link #update} hashes the groups of the accounts the ledger marked changed
 * (and the key hashes of groups that gained accounts) and then, level by level, each distinct
 * parent once: a block that touches k of n accounts costs at most k group hashes and k * DEPTH node
 * hashes (fewer where paths share nodes), never a rehash of the n accounts.  The globals are
 * rehashed every block (their size does not grow with the accounts: the oracle keeps one report,
 * reliability and evidence flag per reporter).  Memory: 16 bytes per account for the groups and
 * their key lists' hashes, and 2 bytes per account for the nodes (32 bytes per five groups on the
 * level above them, a fifth of that on the next, and so on).
 *
 * <p>Inclusion proofs: {@link #prove} gives an account's fields and key, the other three
 * accounts' keys and fields of its group, its four siblings at each level and the globals hash;
 * {@link AccountProof#verify} recomputes the app hash from them, so a client that holds only a
 * certified app hash checks one account's key, balance, position and nonce.
 */
public final class AppHash {
    /** Accounts per group (the tree's bottom level). */
    public static final int GROUP = 4;
    /** Children per node. */
    public static final int ARITY = 5;
    /** Levels of nodes above the groups: the least with GROUP * ARITY^DEPTH >= MarginEngine.MAX_ACCOUNTS. */
    public static final int DEPTH = 8;
    /** Number of groups: ARITY^DEPTH = 390,625. */
    public static final int GROUPS = 390_625;
    /** Number of account ids the tree holds: GROUP * GROUPS = 1,562,500 (ids 0 .. MarginEngine.MAX_ACCOUNTS - 1 are used). */
    public static final int LEAVES = GROUP * GROUPS;

    static final byte GROUP_TAG = 0;
    static final byte NODE = 1;
    static final byte GLOBALS = 2;
    static final byte ROOT = 3;
    static final byte KEYS = 4;
    /** Length of a hash. */
    public static final int HASH_BYTES = 32;
    /** An account's hashed fields: collateral (6), position (4), nonce (8). */
    public static final int FIELD_BYTES = 6 + 4 + 8;
    static final int KEYS_BYTES = 1 + 1 + GROUP * AccountKey.BYTES;
    static final int GROUP_BYTES = 1 + HASH_BYTES + GROUP * FIELD_BYTES;
    static final int NODE_BYTES = 1 + ARITY * HASH_BYTES;
    /** Bytes of level 0 per block of five groups: their hashes, then their key lists' hashes. */
    static final int BLOCK0 = 2 * ARITY * HASH_BYTES;

    /** EMPTY[L]: the hash of an empty subtree of height L (EMPTY[0] an empty group). */
    static final byte[][] EMPTY = emptyHashes();

    static {
        long groups = 1;
        for (int l = 0; l < DEPTH; l++) {
            groups *= ARITY;
        }
        if (groups != GROUPS || LEAVES < MarginEngine.MAX_ACCOUNTS || LEAVES / ARITY >= MarginEngine.MAX_ACCOUNTS) {
            throw new ExceptionInInitializerError("the tree must have one place per possible account");
        }
        if (MarginEngine.MAX_COLLATERAL >= 1L << 47 || MarginEngine.MAX_LOTS >= 1L << 31) {
            throw new ExceptionInInitializerError("an account's balance must fit 6 bytes and its position 4");
        }
    }

    private final MessageDigest md;
    /**
     * level[L] holds the hashes of nodes 0..count[L]-1 of level L, 32 bytes each, at off(L, i);
     * level 0 holds the groups and their key lists' hashes, in blocks of one parent's five
     * groups: their five hashes (the parent's input, contiguous), then their five key lists'
     * (read when a group is updated: the same page).
     */
    private final byte[][] level;
    private final int[] count;
    /** Accounts whose keys are hashed into level 0 (ids 0..keyed-1; keys never change once given). */
    private int keyed;
    private byte[] accountsRoot;
    private byte[] globals;
    private byte[] app;
    private long hashes;
    private long compressions;
    // workspace: the changed groups of a level, and per entry its gathered fields, hashed bytes and hash
    private byte[] gbuf;
    private int[] cur;
    private int[] next;
    private long[] gatherFields = new long[0];
    private byte[] gatherBytes = new byte[0];
    private byte[] gatherHashes = new byte[0];
    private int gatherCap;
    /** Bytes per entry of gatherBytes: the largest hashed input (a node's 161), rounded up to 8. */
    private static final int STRIDE = (Math.max(KEYS_BYTES, Math.max(GROUP_BYTES, NODE_BYTES)) + 7) & ~7;

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
        c.keyed = keyed;
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
        byte[] k = new byte[KEYS_BYTES];
        k[0] = KEYS;
        byte[] g = new byte[GROUP_BYTES];
        g[0] = GROUP_TAG;
        System.arraycopy(md.digest(k), 0, g, 1, HASH_BYTES);
        byte[][] e = new byte[DEPTH + 1][];
        e[0] = md.digest(g);
        for (int l = 1; l <= DEPTH; l++) {
            md.update(NODE);
            for (int c = 0; c < ARITY; c++) {
                md.update(e[l - 1]);
            }
            e[l] = md.digest();
        }
        return e;
    }

    /** Hashes computed so far (key lists, groups, nodes, globals, roots). */
    public long hashes() {
        return hashes;
    }

    /** SHA-256 compressions (64-byte blocks) of those hashes (for measurements: the unit of their cost). */
    public long compressions() {
        return compressions;
    }

    /** The app hash of the last update (null before the first). */
    public byte[] current() {
        return app == null ? null : app.clone();
    }

    /**
     * Brings the tree up to date with the ledger, given the ids of the accounts changed since the
     * last update (each once, in any order), and returns the new app hash.  Accounts created since
     * the last update are hashed whether they are in {@code dirty} or not.
     */
    public byte[] update(Ledger l, int[] dirty, int dirtyCount) {
        int n = l.accounts();
        if (n > MarginEngine.MAX_ACCOUNTS || n < keyed) {
            throw new IllegalStateException("more accounts than the margin engine's bound, or fewer than hashed");
        }
        grow(n);
        // the groups of the changed accounts, in address order (so that every level above is
        // visited in address order), with the groups that gained accounts merged in
        int firstNew = keyed / GROUP;
        int newGroups = n > keyed ? (n - 1) / GROUP - firstNew + 1 : 0;
        ensureWork(dirtyCount + newGroups);
        System.arraycopy(dirty, 0, cur, 0, dirtyCount);
        sortIds(cur, next, dirtyCount);
        int m = 0;
        for (int i = 0; i < dirtyCount; i++) {
            int g = cur[i] / GROUP;
            if (m == 0 || cur[m - 1] != g) {
                cur[m++] = g;
            }
        }
        if (newGroups > 0) {
            hashKeys(l, firstNew, newGroups, n);
            m = mergeRange(cur, m, firstNew, firstNew + newGroups, next);
            int[] t = cur;
            cur = next;
            next = t;
        }
        hashGroups(l, m, n);
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
        compressions += blocks(1 + 2 * HASH_BYTES);
        return app.clone();
    }

    /** out[0..] = the sorted, distinct union of a[0..m) (sorted, distinct) and lo..hi-1; returns its length. */
    static int mergeRange(int[] a, int m, int lo, int hi, int[] out) {
        int i = 0;
        int k = 0;
        int r = lo;
        while (i < m || r < hi) {
            int v;
            if (r >= hi || (i < m && a[i] < r)) {
                v = a[i++];
            } else {
                v = r++;
                if (i < m && a[i] == v) {
                    i++;
                }
            }
            out[k++] = v;
        }
        return k;
    }

    /*
     * How a level is hashed: in passes -- read what every changed entry needs into contiguous
     * workspace, hash the workspace's entries one after another into a contiguous output, then
     * write the hashes to their places in the tree.  The tree's levels are larger than the
     * processor's caches, so the reads and writes miss; in a pass that does nothing else per entry
     * the processor has many of those misses in flight at once, while a SHA-256 computation
     * between two misses would leave one at a time (spec/ledger/README.md, the app-hash benchmark).
     * The workspace grows to the largest level hashed (about 300 bytes per changed group) and is kept.
     */

    /** Hashes the key lists of groups first .. first+k-1 (those that gained accounts; n accounts now). */
    private void hashKeys(Ledger l, int first, int k, int n) {
        byte[] b = new byte[KEYS_BYTES];
        b[0] = KEYS;
        for (int i = 0; i < k; i++) {
            int g = first + i;
            int present = Math.min(GROUP, n - g * GROUP);
            b[1] = (byte) present;
            for (int j = 0; j < GROUP; j++) {
                int a = g * GROUP + j;
                if (j < present) {
                    l.accountKey(a).writeTo(b, 2 + j * AccountKey.BYTES);
                } else {
                    java.util.Arrays.fill(b, 2 + j * AccountKey.BYTES, 2 + (j + 1) * AccountKey.BYTES, (byte) 0);
                }
            }
            md.update(b, 0, KEYS_BYTES);
            digestInto(level[0], keyOff(g), KEYS_BYTES);
        }
        keyed = n;
    }

    /** Hashes groups cur[0..m) (sorted, distinct; n accounts) into level 0. */
    private void hashGroups(Ledger l, int m, int n) {
        ensureGather(m);
        long[] f = gatherFields;
        int full = m;   // groups cur[0..full) hold four accounts each, the last one may hold fewer
        if (m > 0 && (cur[m - 1] + 1) * GROUP > n) {
            full = m - 1;
            int a = cur[m - 1] * GROUP;
            for (int j = 0; j < GROUP; j++, a++) {
                int o = ((m - 1) * GROUP + j) * 3;
                f[o] = a < n ? l.collateral(a) : 0;
                f[o + 1] = a < n ? l.position(a) : 0;
                f[o + 2] = a < n ? l.nonce(a) : 0;
            }
        }
        // one array at a time, in address order: independent reads, many misses in flight
        for (int i = 0; i < full; i++) {
            int a = cur[i] * GROUP;
            int o = i * GROUP * 3;
            f[o] = l.collateral(a);
            f[o + 3] = l.collateral(a + 1);
            f[o + 6] = l.collateral(a + 2);
            f[o + 9] = l.collateral(a + 3);
        }
        for (int i = 0; i < full; i++) {
            int a = cur[i] * GROUP;
            int o = i * GROUP * 3 + 1;
            f[o] = l.position(a);
            f[o + 3] = l.position(a + 1);
            f[o + 6] = l.position(a + 2);
            f[o + 9] = l.position(a + 3);
        }
        for (int i = 0; i < full; i++) {
            int a = cur[i] * GROUP;
            int o = i * GROUP * 3 + 2;
            f[o] = l.nonce(a);
            f[o + 3] = l.nonce(a + 1);
            f[o + 6] = l.nonce(a + 2);
            f[o + 9] = l.nonce(a + 3);
        }
        byte[] g = gatherBytes;
        byte[] ks = level[0];
        for (int i = 0; i < m; i++) {   // the key lists' hashes (independent reads, as above)
            int o = i * STRIDE + 1;
            int k = keyOff(cur[i]);
            NATIVE_LONG.set(g, o, (long) NATIVE_LONG.get(ks, k));
            NATIVE_LONG.set(g, o + 8, (long) NATIVE_LONG.get(ks, k + 8));
            NATIVE_LONG.set(g, o + 16, (long) NATIVE_LONG.get(ks, k + 16));
            NATIVE_LONG.set(g, o + 24, (long) NATIVE_LONG.get(ks, k + 24));
        }
        for (int i = 0; i < m; i++) {
            int o = i * STRIDE;
            g[o] = GROUP_TAG;
            for (int j = 0; j < GROUP; j++) {
                int x = (i * GROUP + j) * 3;
                putFields(g, o + 1 + HASH_BYTES + j * FIELD_BYTES, f[x], f[x + 1], f[x + 2]);
            }
        }
        byte[] h = gatherHashes;
        for (int i = 0; i < m; i++) {
            md.update(g, i * STRIDE, GROUP_BYTES);
            digestInto(h, i * HASH_BYTES, GROUP_BYTES);
        }
        byte[] out = level[0];
        for (int i = 0; i < m; i++) {
            System.arraycopy(h, i * HASH_BYTES, out, off(0, cur[i]), HASH_BYTES);
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
            digestInto(h, i * HASH_BYTES, NODE_BYTES);
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
        if (gatherCap < k) {
            int c = Math.max(k, gatherCap * 2);
            gatherFields = new long[3 * GROUP * c];
            gatherBytes = new byte[c * STRIDE];
            gatherHashes = new byte[c * HASH_BYTES];
            gatherCap = c;
        }
    }

    /** Sizes every level for n accounts (ceil(n / (GROUP * ARITY^L)) entries on level L); new entries are computed by the update. */
    private void grow(int n) {
        long span = GROUP;   // ids under an entry of level l: GROUP * ARITY^l
        for (int l = 0; l < DEPTH; l++) {
            int c = (int) ((n + span - 1) / span);
            span *= ARITY;
            int bytes = l == 0 ? (c + ARITY - 1) / ARITY * BLOCK0 : c * HASH_BYTES;
            if (bytes > level[l].length) {
                level[l] = java.util.Arrays.copyOf(level[l], Math.max(bytes, Math.min(2 * level[l].length,
                        l == 0 ? (GROUPS / ARITY) * BLOCK0 : Integer.MAX_VALUE / 2)));
            }
            count[l] = Math.max(count[l], c);
        }
    }

    /** Where the hash of entry i of level l is in level[l] (the five children of a node are contiguous on every level). */
    static int off(int l, int i) {
        return l == 0 ? (i / ARITY) * BLOCK0 + (i % ARITY) * HASH_BYTES : i * HASH_BYTES;
    }

    /** Where the hash of group g's key list is in level[0]. */
    static int keyOff(int g) {
        return (g / ARITY) * BLOCK0 + (ARITY + g % ARITY) * HASH_BYTES;
    }

    private void ensureWork(int m) {
        if (cur.length < m) {
            cur = new int[Math.max(m, cur.length * 2)];
            next = new int[cur.length];
        }
    }

    /** An account's 18 hashed fields at b[o..o+17]: collateral (6 bytes), position (4), nonce (8). */
    static void putFields(byte[] b, int o, long collateral, long position, long nonce) {
        BE_LONG.set(b, o, collateral << 16);   // its low 48 bits at b[o..o+5]; b[o+6..o+7] are the position's
        BE_INT.set(b, o + 6, (int) position);
        BE_LONG.set(b, o + 10, nonce);
    }

    private static final java.lang.invoke.VarHandle BE_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle NATIVE_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle BE_INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** The 161 hashed bytes of node p of level lv (its children on the level below, have of them there), at b[o..]. */
    private static void nodeBytes(int lv, int p, byte[] child, int have, byte[] b, int o) {
        b[o] = NODE;
        int first = p * ARITY;
        if (first + ARITY <= have) {
            System.arraycopy(child, off(lv - 1, first), b, o + 1, ARITY * HASH_BYTES);
            return;
        }
        for (int c = 0; c < ARITY; c++) {
            int ci = first + c;
            if (ci < have) {
                System.arraycopy(child, off(lv - 1, ci), b, o + 1 + c * HASH_BYTES, HASH_BYTES);
            } else {
                System.arraycopy(EMPTY[lv - 1], 0, b, o + 1 + c * HASH_BYTES, HASH_BYTES);
            }
        }
    }

    /** Digests the len bytes given to md into out[off..off+31]. */
    private void digestInto(byte[] out, int off, int len) {
        try {
            md.digest(out, off, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        hashes++;
        compressions += blocks(len);
    }

    /** SHA-256 compressions of a message of len bytes (64-byte blocks; the padding adds at least 9 bytes). */
    static int blocks(long len) {
        return (int) ((len + 9 + 63) / 64);
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
        byte[] gov = GovernanceState.encode(l);
        md.update(gov);   // governance (empty without it): owners, proposals, rates, stakes
        hashes++;
        compressions += blocks(o + gov.length);
        return md.digest();
    }

    /**
     * The inclusion proof of account a against the last update's app hash (call
     * {@code Ledger.appHashTree()} first, which brings the tree up to date).
     */
    public AccountProof prove(Ledger l, int a) {
        int n = l.accounts();
        if (app == null || a < 0 || a >= n || a >= keyed) {
            throw new IllegalArgumentException("no such account, or the tree was never updated");
        }
        int g = a / GROUP;
        int present = Math.min(GROUP, n - g * GROUP);
        byte[] otherKeys = new byte[(GROUP - 1) * AccountKey.BYTES];
        byte[] otherFields = new byte[(GROUP - 1) * FIELD_BYTES];
        int j = 0;
        for (int x = g * GROUP; x < (g + 1) * GROUP; x++) {
            if (x == a) {
                continue;
            }
            if (x < n) {
                l.accountKey(x).writeTo(otherKeys, j * AccountKey.BYTES);
                putFields(otherFields, j * FIELD_BYTES, l.collateral(x), l.position(x), l.nonce(x));
            }
            j++;
        }
        byte[][] siblings = new byte[DEPTH][];
        int idx = g;
        for (int lv = 0; lv < DEPTH; lv++) {
            byte[] s = new byte[(ARITY - 1) * HASH_BYTES];
            int first = (idx / ARITY) * ARITY;
            int k = 0;
            for (int c = 0; c < ARITY; c++) {
                int ci = first + c;
                if (ci == idx) {
                    continue;
                }
                if (ci < count[lv]) {
                    System.arraycopy(level[lv], off(lv, ci), s, k * HASH_BYTES, HASH_BYTES);
                } else {
                    System.arraycopy(EMPTY[lv], 0, s, k * HASH_BYTES, HASH_BYTES);
                }
                k++;
            }
            siblings[lv] = s;
            idx = idx / ARITY;
        }
        return new AccountProof(a, l.accountKey(a), l.collateral(a), l.position(a), l.nonce(a), present, otherKeys,
                otherFields, siblings, globals.clone());
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
