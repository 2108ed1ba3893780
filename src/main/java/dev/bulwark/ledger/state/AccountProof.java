package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import java.security.MessageDigest;

/**
 * An inclusion proof: account {@code id} with this key has this balance, position and nonce in
 * the state whose app hash a client holds (from a certified block header).  Immutable.
 * {@link #verify} recomputes the leaf, the DEPTH nodes above it from the ARITY - 1 = 4 siblings at each
 * level, and the app hash from the accounts root and the globals hash.
 */
public final class AccountProof {
    private final int id;
    private final AccountKey key;
    private final long collateral;
    private final long position;
    private final long nonce;
    private final byte[][] siblings;
    private final byte[] globals;

    /** Refused (IllegalArgumentException) unless there are DEPTH levels of ARITY - 1 32-byte siblings and a 32-byte globals hash. */
    public AccountProof(int id, AccountKey key, long collateral, long position, long nonce, byte[][] siblings,
                        byte[] globals) {
        if (id < 0 || id >= AppHash.LEAVES || key == null || siblings == null || siblings.length != AppHash.DEPTH
                || globals == null || globals.length != AppHash.HASH_BYTES) {
            throw new IllegalArgumentException("malformed proof");
        }
        byte[][] s = new byte[AppHash.DEPTH][];
        for (int l = 0; l < AppHash.DEPTH; l++) {
            if (siblings[l] == null || siblings[l].length != (AppHash.ARITY - 1) * AppHash.HASH_BYTES) {
                throw new IllegalArgumentException("malformed proof level " + l);
            }
            s[l] = siblings[l].clone();
        }
        this.id = id;
        this.key = key;
        this.collateral = collateral;
        this.position = position;
        this.nonce = nonce;
        this.siblings = s;
        this.globals = globals.clone();
    }

    public int id() {
        return id;
    }

    public AccountKey key() {
        return key;
    }

    public long collateral() {
        return collateral;
    }

    public long position() {
        return position;
    }

    public long nonce() {
        return nonce;
    }

    /** The same proof claiming other account fields (tests: a tampered proof must not verify). */
    public AccountProof withFields(int id, long collateral, long position, long nonce) {
        return new AccountProof(id, key, collateral, position, nonce, siblings, globals);
    }

    /** The three sibling hashes of each level, leaf level first (copies). */
    public byte[][] siblings() {
        byte[][] s = new byte[siblings.length][];
        for (int l = 0; l < s.length; l++) {
            s[l] = siblings[l].clone();
        }
        return s;
    }

    /** The hash of everything in the state but the accounts (a copy). */
    public byte[] globals() {
        return globals.clone();
    }

    /** Does this proof lead to {@code appHash}? */
    public boolean verify(byte[] appHash) {
        if (appHash == null || appHash.length != AppHash.HASH_BYTES) {
            return false;
        }
        return MessageDigest.isEqual(root(), appHash);
    }

    /** The app hash this proof leads to. */
    public byte[] root() {
        MessageDigest md = AppHash.sha256();
        if (Math.abs(collateral) >= 1L << 47 || Math.abs(position) >= 1L << 31) {
            return new byte[AppHash.HASH_BYTES];   // no leaf holds such numbers: leads to no app hash
        }
        byte[] leaf = new byte[AppHash.LEAF_BYTES];
        AppHash.leafBytes(leaf, key, collateral, position, nonce);
        byte[] h = md.digest(leaf);
        int idx = id;
        byte[] node = new byte[AppHash.NODE_BYTES];
        for (int l = 0; l < AppHash.DEPTH; l++) {
            node[0] = AppHash.NODE;
            int pos = idx % AppHash.ARITY;
            int j = 0;
            for (int c = 0; c < AppHash.ARITY; c++) {
                if (c == pos) {
                    System.arraycopy(h, 0, node, 1 + c * AppHash.HASH_BYTES, AppHash.HASH_BYTES);
                } else {
                    System.arraycopy(siblings[l], j * AppHash.HASH_BYTES, node, 1 + c * AppHash.HASH_BYTES,
                            AppHash.HASH_BYTES);
                    j++;
                }
            }
            h = md.digest(node);
            idx = idx / AppHash.ARITY;
        }
        md.update(AppHash.ROOT);
        md.update(h);
        md.update(globals);
        return md.digest();
    }
}
