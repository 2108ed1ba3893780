package dev.bulwark.net;

import dev.bulwark.governance.Governance;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key registry of governance: index k of the core (the spec's key kK = index K - 1) is the
 * Ed25519 public key {@code get(k)}.  Fixed at construction, at most {@link Governance#MAX_KEYS}
 * keys, no duplicates.  Messages name keys by their 32 raw bytes (RFC 8032 encoding); the
 * registry maps them to indices.  Immutable.
 */
public final class GovernanceKeys {
    /** Length of a raw Ed25519 public key. */
    public static final int KEY_BYTES = 32;
    /** The DER prefix of the X.509 encoding of an Ed25519 public key (RFC 8410); the raw key follows. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey[] keys;
    private final byte[][] raw;
    private final Map<ByteBuffer, Integer> index = new HashMap<>();

    public GovernanceKeys(List<PublicKey> keys) {
        if (keys == null || keys.isEmpty() || keys.size() > Governance.MAX_KEYS) {
            throw new IllegalArgumentException("between 1 and " + Governance.MAX_KEYS + " keys are required");
        }
        this.keys = keys.toArray(new PublicKey[0]);
        this.raw = new byte[this.keys.length][];
        for (int k = 0; k < this.keys.length; k++) {
            raw[k] = rawOf(this.keys[k]);
            if (index.put(ByteBuffer.wrap(raw[k]), k) != null) {
                throw new IllegalArgumentException("key " + k + " is registered twice");
            }
        }
    }

    /** The 32 raw bytes of an Ed25519 public key from the JDK. */
    public static byte[] rawOf(PublicKey key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        byte[] enc = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || enc == null || enc.length != X509_PREFIX.length + KEY_BYTES
                || !Arrays.equals(Arrays.copyOf(enc, X509_PREFIX.length), X509_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(enc, X509_PREFIX.length, enc.length);
    }

    public int size() {
        return keys.length;
    }

    public PublicKey get(int k) {
        return keys[k];
    }

    /** The raw bytes of key k (a copy). */
    public byte[] raw(int k) {
        return raw[k].clone();
    }

    /** The index of a raw key, or -1 if it is not registered. */
    public int indexOf(byte[] rawKey, int offset) {
        if (rawKey == null || offset < 0 || offset + KEY_BYTES > rawKey.length) {
            return -1;
        }
        Integer k = index.get(ByteBuffer.wrap(rawKey, offset, KEY_BYTES).slice());
        return k == null ? -1 : k;
    }
}
