package dev.bulwark.ledger;

/**
 * A signer's 32-byte Ed25519 public key, held as four big-endian longs: an immutable value with
 * structural equality and a total order (lexicographic on the bytes), so that hash tables keyed
 * by it fall back to ordered bins when keys collide (no quadratic lookups for chosen keys).
 */
public final class AccountKey implements Comparable<AccountKey> {
    /** Length of a key in bytes. */
    public static final int BYTES = 32;

    //@ spec_public
    private final long w0;
    //@ spec_public
    private final long w1;
    //@ spec_public
    private final long w2;
    //@ spec_public
    private final long w3;
    //@ spec_public
    private final int hash; //-RAC@ in theHashCode;
    //-RAC@ public represents theHashCode = hash;

    /** The key whose 32 bytes are the four words, most significant byte first. */
    //@ public normal_behavior
    //@   ensures this.w0 == w0 && this.w1 == w1 && this.w2 == w2 && this.w3 == w3;
    //@ pure
    public AccountKey(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
        this.hash = mix(w0, w1, w2, w3);
    }

    /** The hash code of the four words: a multiplicative mix whose products wrap (Java arithmetic on purpose). */
    //@ public normal_behavior
    //@   ensures true;
    //@ pure
    //@ code_java_math
    /*@ spec_public @*/ private static int mix(long w0, long w1, long w2, long w3) {
        long h = w0 * 0x9E3779B97F4A7C15L ^ w1 * 0xC2B2AE3D27D4EB4FL ^ w2 * 0x165667B19E3779F9L ^ w3;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * The key of 32 bytes at {@code off} in {@code b}.  Refused with {@link Reason#MALFORMED}
     * if b is null or too short.
     */
    /*@ public normal_behavior
      @   requires b != null && 0 <= off && off <= b.length - BYTES;
      @   ensures \result != null;
      @ also public exceptional_behavior
      @   requires b == null || off < 0 || off > b.length - BYTES;
      @   signals_only LedgerException;
      @ pure
      @*/
    public static AccountKey of(/*@ nullable @*/ byte[] b, int off) throws LedgerException {
        if (b == null || off < 0 || off > b.length - BYTES) {
            throw new LedgerException(Reason.MALFORMED, b == null ? -1 : b.length, off);
        }
        return new AccountKey(word(b, off), word(b, off + 8), word(b, off + 16), word(b, off + 24));
    }

    /** The key of exactly 32 bytes. */
    /*@ public normal_behavior
      @   requires b != null && b.length == BYTES;
      @   ensures \result != null;
      @ also public exceptional_behavior
      @   requires b == null || b.length != BYTES;
      @   signals_only LedgerException;
      @ pure
      @*/
    public static AccountKey of(/*@ nullable @*/ byte[] b) throws LedgerException {
        if (b == null || b.length != BYTES) {
            throw new LedgerException(Reason.MALFORMED, b == null ? -1 : b.length, BYTES);
        }
        return of(b, 0);
    }

    //@ private normal_behavior
    //@   requires b != null && 0 <= off && off <= b.length - 8;
    //@ pure
    private static long word(byte[] b, int off) {
        long w = 0;
        //@ loop_invariant 0 <= i && i <= 8;
        //@ decreases 8 - i;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (b[off + i] & 0xFFL);
        }
        return w;
    }

    /** Word k (0..3) of the key, most significant first. */
    //@ public normal_behavior
    //@   requires 0 <= k && k < 4;
    //@   ensures k == 0 ==> \result == w0;
    //@   ensures k == 1 ==> \result == w1;
    //@   ensures k == 2 ==> \result == w2;
    //@   ensures k == 3 ==> \result == w3;
    //@ pure
    public long word(int k) {
        return k == 0 ? w0 : k == 1 ? w1 : k == 2 ? w2 : w3;
    }

    /** The 32 bytes (a fresh array). */
    /*@ skipesc @*/
    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        writeTo(b, 0);
        return b;
    }

    /**
     * Writes the 32 bytes at {@code off}.  Java's arithmetic ({@code code_java_math}): each byte is
     * a word's low eight bits, a narrowing cast that the runtime checker would otherwise report as
     * out of range.
     */
    /*@ skipesc code_java_math @*/
    public void writeTo(byte[] b, int off) {
        for (int k = 0; k < 4; k++) {
            long w = word(k);
            for (int i = 7; i >= 0; i--) {
                b[off + 8 * k + i] = (byte) w;
                w = w >>> 8;
            }
        }
    }

    //@ public normal_behavior
    //@   ensures \result <==> o != null && w0 == o.w0 && w1 == o.w1 && w2 == o.w2 && w3 == o.w3;
    //@ pure
    public boolean sameKey(AccountKey o) {
        return o != null && w0 == o.w0 && w1 == o.w1 && w2 == o.w2 && w3 == o.w3;
    }

    /**
     * Structural equality: another key with the same four words (what the key index's hash map relies on).
     * Proved; not instrumented for runtime checking ({@code skiprac}), as the value classes' equality
     * (listed glue): at each call the checker evaluates the cases inherited from
     * {@code Object.equals}, one of which makes a type object that OpenJML's runtime interns in a
     * table that never finds an earlier entry (time and memory grow with the calls; the oracle's
     * {@code Evidence.equals}), and none of which is enabled for two distinct objects.
     */
    /*@ also public normal_behavior
      @   ensures \result <==> (o instanceof AccountKey && sameKey((AccountKey) o));
      @ pure
      @*/
    @Override
    public /*@ skiprac @*/ boolean equals(/*@ nullable @*/ Object o) {
        return o instanceof AccountKey && sameKey((AccountKey) o);
    }

    /** The mix of the four words, computed once by the constructor: equal keys have equal hash codes. */
    /*@ also public normal_behavior
      @   ensures \result == hash;
      @ pure
      @*/
    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Lexicographic order of the bytes (unsigned): 0 exactly for the same key (the key index's
     * hash map orders colliding keys by it).
     */
    /*@ also public normal_behavior
      @   requires o != null;
      @   ensures (\result == 0) <==> sameKey(o);
      @   ensures -1 <= \result && \result <= 1;
      @ pure
      @*/
    @Override
    public int compareTo(AccountKey o) {
        int c = cmpU(w0, o.w0);
        if (c == 0) {
            c = cmpU(w1, o.w1);
        }
        if (c == 0) {
            c = cmpU(w2, o.w2);
        }
        if (c == 0) {
            c = cmpU(w3, o.w3);
        }
        return c;
    }

    /** Unsigned comparison of two words: -1, 0 or 1. */
    /*@ public normal_behavior
      @   ensures (\result == 0) == (a == b);
      @   ensures -1 <= \result && \result <= 1;
      @ pure
      @*/
    public static int cmpU(long a, long b) {
        if (a == b) {
            return 0;
        }
        // flipping the sign bit maps unsigned order onto signed order
        return (a ^ Long.MIN_VALUE) < (b ^ Long.MIN_VALUE) ? -1 : 1;
    }

    /** Hex of the first 8 bytes, for diagnostics. */
    /*@ skipesc @*/
    @Override
    public String toString() {
        return String.format("key:%016x..", w0);
    }

    /**
     * A copy of a (the keys themselves are immutable and shared).  A proved loop rather than
     * {@code clone()}: OpenJML's runtime checker cannot compile an array's {@code clone()} in an
     * instrumented method (it resolves it to {@code Object}'s protected one).
     */
    //@ public normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    public static AccountKey[] copyOf(AccountKey[] a) {
        AccountKey[] r = new AccountKey[a.length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }
}
