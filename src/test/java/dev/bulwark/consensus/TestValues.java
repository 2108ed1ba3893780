package dev.bulwark.consensus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongBinaryOperator;
import java.util.function.LongPredicate;

/**
 * Test values: small integers mapped to block digests, deterministically and one to one.
 * {@code v(i)} is the value whose digest is SHA-256 of the ASCII text {@code "bulwark/test-block/" + i}
 * (a stand-in for the hash of block number i), {@code v(-1)} is nil; {@link #id} maps a digest
 * made here back to its integer. Tests and the conformance adapters use these to write values
 * as numbers while the core sees only 32-byte digests.
 */
public final class TestValues {
    private static final Map<Long, Value> BY_ID = new ConcurrentHashMap<>();
    private static final Map<Value, Long> IDS = new ConcurrentHashMap<>();

    private TestValues() {
    }

    /** SHA-256 of the text's ASCII bytes, as a value. */
    public static Value sha256(String text) {
        try {
            return Value.ofDigest(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of integer i: nil for -1, else the digest of block i. */
    public static Value v(long i) {
        if (i == -1) {
            return Value.NIL;
        }
        return BY_ID.computeIfAbsent(i, k -> {
            Value x = sha256("bulwark/test-block/" + k);
            IDS.put(x, k);
            return x;
        });
    }

    /** The integer of a value made by {@link #v} (-1 for nil); IllegalArgumentException for any other digest. */
    public static long id(Value x) {
        if (x.isNil()) {
            return -1;
        }
        Long k = IDS.get(x);
        if (k == null) {
            throw new IllegalArgumentException("not a test value: " + x);
        }
        return k;
    }

    /** Is x a value made by {@link #v} (or nil)? */
    public static boolean known(Value x) {
        return x.isNil() || IDS.containsKey(x);
    }

    /** A policy over test values: valid(v) iff v is a test value whose integer passes {@code valid}; getValue(h, r) = v(getValue(h, r)). */
    public static ValuePolicy policy(LongPredicate valid, LongBinaryOperator getValue) {
        return new ValuePolicy() {
            @Override
            public boolean valid(Value x) {
                return x != null && !x.isNil() && IDS.containsKey(x) && valid.test(IDS.get(x));
            }

            @Override
            public Value getValue(long h, int r) {
                return v(getValue.applyAsLong(h, r));
            }
        };
    }
}
