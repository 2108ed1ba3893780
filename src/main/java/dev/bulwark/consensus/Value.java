package dev.bulwark.consensus;

/**
 * A proposed value: the 32-byte SHA-256 digest of a block (the block's identity), or
 * {@link #NIL}, the spec's NilValue. Validity is the application's {@link ValuePolicy}, not a
 * property of the digest.
 *
 * <p>The digest is kept as four big-endian 64-bit words {@code w0..w3} (bytes 0-7, 8-15, 16-23,
 * 24-31), so that comparing two values is four long comparisons, which the verifier reasons
 * about directly. Two values are the same ({@link #sameAs}, {@link #equals}) exactly when both
 * are nil or both are digests with equal words: blocks whose hashes share a prefix are
 * different values (a proposer that finds two blocks with one 64-bit prefix gains nothing).
 * NIL has no digest (its words are zero, and a digest of 32 zero bytes is a different value).
 *
 * <p>An immutable value object; the constructor is private: {@link #ofWords},
 * {@link #ofDigest} and {@link #NIL}.
 */
/*@ nullable_by_default @*/ public final class Value {
    /** The length of a digest in bytes. */
    public static final int DIGEST_BYTES = 32;
    /** The spec's NilValue. */
    public static final /*@ non_null @*/ Value NIL = new Value(true, 0, 0, 0, 0);

    //@ spec_public
    private final boolean nil;
    //@ spec_public
    private final long w0;
    //@ spec_public
    private final long w1;
    //@ spec_public
    private final long w2;
    //@ spec_public
    private final long w3;

    /*
     * The constructor is a helper: Value has no invariant but the non-nullness of NIL, which the
     * runtime checker would otherwise check at the end of NIL's own construction, while NIL is
     * still null.
     */
    /*@ private normal_behavior
      @   ensures this.nil == nil && this.w0 == w0 && this.w1 == w1 && this.w2 == w2 && this.w3 == w3;
      @ pure helper
      @*/
    private Value(boolean nil, long w0, long w1, long w2, long w3) {
        this.nil = nil;
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** The (non-nil) value whose digest has the big-endian words w0..w3. */
    /*@ public normal_behavior
      @   ensures \result != null && !\result.nil && \result.w0 == w0 && \result.w1 == w1 && \result.w2 == w2
      @       && \result.w3 == w3;
      @ pure
      @*/
    public static Value ofWords(long w0, long w1, long w2, long w3) {
        return new Value(false, w0, w1, w2, w3);
    }

    /**
     * The value whose digest is the 32 bytes {@code d} (copied). {@link Reason#BAD_DIGEST} for a
     * null array or one of another length.
     */
    /*@ public normal_behavior
      @   requires d != null && d.length == DIGEST_BYTES;
      @   ensures \result != null && !\result.nil;
      @ also public exceptional_behavior
      @   requires d == null || d.length != DIGEST_BYTES;
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public static Value ofDigest(byte[] d) throws ConsensusException {
        if (d == null || d.length != DIGEST_BYTES) {
            throw new ConsensusException(Reason.BAD_DIGEST, d == null ? -1 : d.length, DIGEST_BYTES);
        }
        return new Value(false, wordAt(d, 0), wordAt(d, 8), wordAt(d, 16), wordAt(d, 24));
    }

    /** The big-endian 64-bit word of bytes d[k..k+7]. */
    /*@ public normal_behavior
      @   requires d != null && 0 <= k && k <= d.length - 8;
      @ pure
      @*/
    public static long wordAt(byte[] d, int k) {
        long w = 0;
        //@ loop_invariant 0 <= j && j <= 8;
        //@ decreases 8 - j;
        for (int j = 0; j < 8; j++) {
            w = (w << 8) | (d[k + j] & 0xFFL);
        }
        return w;
    }

    /** The 32 bytes of the digest (a new array); 32 zero bytes for {@link #NIL}, which has none. */
    /*@ public normal_behavior
      @   ensures \result != null && \result.length == DIGEST_BYTES;
      @*/
    //-RAC@   ensures \fresh(\result);
    //@ pure
    public byte[] digest() {
        byte[] d = new byte[DIGEST_BYTES];
        putWord(d, 0, w0);
        putWord(d, 8, w1);
        putWord(d, 16, w2);
        putWord(d, 24, w3);
        return d;
    }

    /**
     * Writes w big-endian at d[k..k+7]. Java's arithmetic ({@code code_java_math}): each byte is
     * eight bits of the word, a narrowing cast the runtime checker would otherwise report as out
     * of range.
     */
    /*@ private normal_behavior
      @   requires d != null && 0 <= k && k <= d.length - 8;
      @*/
    //-RAC@   assignable d[k .. k + 7];
    //@ code_java_math
    private static void putWord(byte[] d, int k, long w) {
        //@ loop_invariant 0 <= j && j <= 8;
        //@ decreases 8 - j;
        for (int j = 0; j < 8; j++) {
            d[k + j] = (byte) (w >>> (56 - 8 * j));
        }
    }

    /** Is this nil? */
    //@ public normal_behavior
    //@   ensures \result == nil;
    //@ pure
    public boolean isNil() {
        return nil;
    }

    //@ public normal_behavior
    //@   ensures \result == w0;
    //@ pure
    public long w0() {
        return w0;
    }

    //@ public normal_behavior
    //@   ensures \result == w1;
    //@ pure
    public long w1() {
        return w1;
    }

    //@ public normal_behavior
    //@   ensures \result == w2;
    //@ pure
    public long w2() {
        return w2;
    }

    //@ public normal_behavior
    //@   ensures \result == w3;
    //@ pure
    public long w3() {
        return w3;
    }

    /** Do this and {@code other} name the same value (both nil, or equal digests)? */
    /*@ public normal_behavior
      @   requires other != null;
      @   ensures \result == (nil == other.nil && w0 == other.w0 && w1 == other.w1 && w2 == other.w2
      @       && w3 == other.w3);
      @ pure
      @*/
    public boolean sameAs(Value other) {
        return nil == other.nil && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for collections and tests; the proofs use sameAs
    public boolean equals(Object o) {
        return o instanceof Value && sameAs((Value) o);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing for collections
    public int hashCode() {
        return nil ? -1 : Long.hashCode(w0) * 31 + Long.hashCode(w1 ^ w2 ^ w3);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting (nil, or the digest in hex)
    public String toString() {
        return nil ? "Value[nil]" : String.format("Value[%016x%016x%016x%016x]", w0, w1, w2, w3);
    }
}
