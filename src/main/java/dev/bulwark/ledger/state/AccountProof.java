package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import java.security.MessageDigest;

/**
 * An inclusion proof: account {@code id} with this key has this balance, position and nonce in
 * the state whose app hash a client holds (from a certified block header).  Immutable.
 * {@link #verify} recomputes the key list and the group of the account's four-id group (from the
 * other three ids' keys and fields), the DEPTH nodes above it from the ARITY - 1 = 4 siblings at
 * each level, and the app hash from the accounts root and the globals hash (see {@link AppHash}).
 */
public final class AccountProof {
    private final int id;
    private final AccountKey key;
    private final long collateral;
    private final long position;
    private final long nonce;
    private final int present;
    private final byte[] otherKeys;
    private final byte[] otherFields;
    private final byte[][] siblings;
    private final byte[] globals;

    /**
     * Refused (IllegalArgumentException) unless the id is in the tree, {@code present} (accounts
     * in the group) is 1..4, the other three ids' keys are 3 x 32 bytes and their fields 3 x 18,
     * and there are DEPTH levels of ARITY - 1 32-byte siblings and a 32-byte globals hash.
     */
    public AccountProof(int id, AccountKey key, long collateral, long position, long nonce, int present,
                        byte[] otherKeys, byte[] otherFields, byte[][] siblings, byte[] globals) {
        if (id < 0 || id >= AppHash.LEAVES || key == null || present < 1 || present > AppHash.GROUP
                || otherKeys == null || otherKeys.length != (AppHash.GROUP - 1) * AccountKey.BYTES
                || otherFields == null || otherFields.length != (AppHash.GROUP - 1) * AppHash.FIELD_BYTES
                || siblings == null || siblings.length != AppHash.DEPTH
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
        this.present = present;
        this.otherKeys = otherKeys.clone();
        this.otherFields = otherFields.clone();
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

    /** How many of the group's four ids are accounts. */
    public int present() {
        return present;
    }

    /** The keys of the group's other three ids, in id order, 32 bytes each (zeros for an absent id; a copy). */
    public byte[] otherKeys() {
        return otherKeys.clone();
    }

    /** The fields of the group's other three ids, in id order, 18 bytes each (a copy). */
    public byte[] otherFields() {
        return otherFields.clone();
    }

    /** The same proof claiming other account fields (tests: a tampered proof must not verify). */
    public AccountProof withFields(int id, long collateral, long position, long nonce) {
        return new AccountProof(id, key, collateral, position, nonce, present, otherKeys, otherFields, siblings, globals);
    }

    /** The same proof claiming another key for the account (tests: a tampered proof must not verify). */
    public AccountProof withKey(AccountKey k) {
        return new AccountProof(id, k, collateral, position, nonce, present, otherKeys, otherFields, siblings, globals);
    }

    /** The four sibling hashes of each level, group level first (copies). */
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
        int slot = id % AppHash.GROUP;
        if (Math.abs(collateral) >= 1L << 47 || Math.abs(position) >= 1L << 31 || slot >= present) {
            return new byte[AppHash.HASH_BYTES];   // no group holds such numbers: leads to no app hash
        }
        byte[] k = new byte[AppHash.KEYS_BYTES];
        k[0] = AppHash.KEYS;
        k[1] = (byte) present;
        byte[] g = new byte[AppHash.GROUP_BYTES];
        g[0] = AppHash.GROUP_TAG;
        int j = 0;
        for (int x = 0; x < AppHash.GROUP; x++) {
            int ko = 2 + x * AccountKey.BYTES;
            int fo = 1 + AppHash.HASH_BYTES + x * AppHash.FIELD_BYTES;
            if (x == slot) {
                key.writeTo(k, ko);
                AppHash.putFields(g, fo, collateral, position, nonce);
            } else {
                System.arraycopy(otherKeys, j * AccountKey.BYTES, k, ko, AccountKey.BYTES);
                System.arraycopy(otherFields, j * AppHash.FIELD_BYTES, g, fo, AppHash.FIELD_BYTES);
                j++;
            }
        }
        System.arraycopy(md.digest(k), 0, g, 1, AppHash.HASH_BYTES);
        byte[] h = md.digest(g);
        int idx = id / AppHash.GROUP;
        byte[] node = new byte[AppHash.NODE_BYTES];
        for (int l = 0; l < AppHash.DEPTH; l++) {
            node[0] = AppHash.NODE;
            int pos = idx % AppHash.ARITY;
            int s = 0;
            for (int c = 0; c < AppHash.ARITY; c++) {
                if (c == pos) {
                    System.arraycopy(h, 0, node, 1 + c * AppHash.HASH_BYTES, AppHash.HASH_BYTES);
                } else {
                    System.arraycopy(siblings[l], s * AppHash.HASH_BYTES, node, 1 + c * AppHash.HASH_BYTES,
                            AppHash.HASH_BYTES);
                    s++;
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
