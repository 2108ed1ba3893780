package dev.bulwark.net;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The one Ed25519 facade of the shell: every signer and every gateway (consensus messages,
 * oracle reports, ledger transactions, the node's handshake) signs and verifies through it.
 * The arithmetic is Bouncy Castle's lightweight RFC 8032 implementation
 * ({@code org.bouncycastle.math.ec.rfc8032.Ed25519}), not the JDK's provider: side by side in one
 * JMH run ({@code Ed25519ProviderBenchmark}) Bouncy Castle verifies several times as many
 * signatures per second.
 *
 * <p>Keys are interoperable with the JDK's: a public key is its raw 32-byte RFC 8032 encoding
 * (what {@code AccountKey} and the validator set hold), a private key its 32-byte seed; JDK
 * {@link PublicKey}/{@link PrivateKey} objects of algorithm Ed25519 (X.509 / PKCS#8) are accepted
 * and converted, and {@link #keyPair(byte[])} makes JDK key objects from a seed, so existing
 * callers keep their types. Signatures are RFC 8032 pure Ed25519 (deterministic), the same bytes
 * either library produces; the domain separation (purpose tag, chain id) is in the signed bytes,
 * which each codec builds.
 *
 * <p>Verification never throws: a key, signature or message of the wrong form verifies false.
 */
public final class Ed25519 {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SEED_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    /** X.509 SubjectPublicKeyInfo prefix of a raw Ed25519 public key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** PKCS#8 (version 0) prefix of an Ed25519 private key seed (RFC 8410). */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    static {
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
    }

    private Ed25519() {
    }

    /** A signing key: the seed expanded once (sign is then one scalar multiplication). */
    public static final class Signer {
        private final byte[] seed;
        private final byte[] publicKey;

        private Signer(byte[] seed) {
            this.seed = seed.clone();
            this.publicKey = new byte[PUBLIC_KEY_BYTES];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(this.seed, 0, this.publicKey, 0);
        }

        /** The raw 32-byte public key (a copy). */
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The 64-byte signature of msg. */
        public byte[] sign(byte[] msg) {
            return sign(msg, 0, msg.length);
        }

        /** The 64-byte signature of msg[off, off+len). */
        public byte[] sign(byte[] msg, int off, int len) {
            byte[] sig = new byte[SIGNATURE_BYTES];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, msg, off, len, sig, 0);
            return sig;
        }
    }

    /** A signer from a 32-byte seed (IllegalArgumentException for another length). */
    public static Signer signer(byte[] seed) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        return new Signer(seed);
    }

    /** A signer from a JDK Ed25519 private key (IllegalArgumentException for any other key). */
    public static Signer signer(PrivateKey key) {
        return new Signer(seedOf(key));
    }

    /** The 32-byte seed of a JDK Ed25519 private key. */
    public static byte[] seedOf(PrivateKey key) {
        if (key instanceof EdECPrivateKey) {
            Optional<byte[]> b = ((EdECPrivateKey) key).getBytes();
            if (b.isPresent() && b.get().length == SEED_BYTES) {
                return b.get();
            }
        }
        byte[] enc = key == null ? null : key.getEncoded();
        if (enc != null && enc.length == PKCS8_PREFIX.length + SEED_BYTES && startsWith(enc, PKCS8_PREFIX)) {
            return java.util.Arrays.copyOfRange(enc, PKCS8_PREFIX.length, enc.length);
        }
        throw new IllegalArgumentException("not an Ed25519 private key");
    }

    /** The raw 32-byte key of a JDK Ed25519 public key, or null if it is not one. */
    public static byte[] rawOf(PublicKey key) {
        byte[] enc = key == null ? null : key.getEncoded();
        if (enc == null || enc.length != X509_PREFIX.length + PUBLIC_KEY_BYTES || !startsWith(enc, X509_PREFIX)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(enc, X509_PREFIX.length, enc.length);
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The JDK public-key object of a raw 32-byte key (for callers that hold {@link PublicKey}s). */
    public static PublicKey publicKey(byte[] raw) {
        if (raw == null || raw.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] enc = new byte[X509_PREFIX.length + PUBLIC_KEY_BYTES];
        System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, enc, X509_PREFIX.length, PUBLIC_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** A JDK key pair whose private key is the given seed (deterministic keys for tests and testnets). */
    public static KeyPair keyPair(byte[] seed) {
        Signer s = signer(seed);
        byte[] enc = new byte[PKCS8_PREFIX.length + SEED_BYTES];
        System.arraycopy(PKCS8_PREFIX, 0, enc, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, enc, PKCS8_PREFIX.length, SEED_BYTES);
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(enc));
            return new KeyPair(publicKey(s.publicKey), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 key encoding", e);
        }
    }

    /** A fresh key pair from the caller's random source (tests pass a seeded one). */
    public static KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return keyPair(seed);
    }

    /** Does sig verify msg under the raw 32-byte public key? */
    public static boolean verify(byte[] publicKey, byte[] msg, byte[] sig) {
        if (publicKey == null || msg == null || sig == null || publicKey.length != PUBLIC_KEY_BYTES
                || sig.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, publicKey, 0, msg, 0, msg.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Does sig verify msg under a JDK Ed25519 public key? */
    public static boolean verify(PublicKey publicKey, byte[] msg, byte[] sig) {
        return verify(rawOf(publicKey), msg, sig);
    }

    /** Batch verification, in order on the calling thread: result[i] says whether item i verifies. */
    public static boolean[] verifyBatch(byte[][] publicKeys, byte[][] msgs, byte[][] sigs) {
        int n = checkBatch(publicKeys, msgs, sigs);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = verify(publicKeys[i], msgs[i], sigs[i]);
        }
        return out;
    }

    /**
     * Batch verification split over an executor (one task per {@code chunk} items; the result is
     * the same as the sequential one, in the same order).
     */
    public static boolean[] verifyBatch(byte[][] publicKeys, byte[][] msgs, byte[][] sigs, ExecutorService pool, int chunk) {
        int n = checkBatch(publicKeys, msgs, sigs);
        if (pool == null || chunk < 1 || n <= chunk) {
            return verifyBatch(publicKeys, msgs, sigs);
        }
        boolean[] out = new boolean[n];
        List<Future<?>> fs = new ArrayList<>();
        for (int start = 0; start < n; start += chunk) {
            final int a = start;
            final int b = Math.min(n, start + chunk);
            fs.add(pool.submit(() -> {
                for (int i = a; i < b; i++) {
                    out[i] = verify(publicKeys[i], msgs[i], sigs[i]);
                }
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static int checkBatch(byte[][] k, byte[][] m, byte[][] s) {
        if (k == null || m == null || s == null || k.length != m.length || m.length != s.length) {
            throw new IllegalArgumentException("one key, message and signature per item");
        }
        return k.length;
    }
}
