package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle facade: interoperable with the JDK's keys and signatures, and total on bad input. */
class Ed25519Test {
    static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void jdkAndBouncyCastleSignTheSameBytesAndVerifyEachOther() throws Exception {
        KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] msg = "bulwark/test\0payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(jdkPair.getPrivate());
        s.update(msg);
        byte[] jdkSig = s.sign();
        Ed25519.Signer bc = Ed25519.signer(jdkPair.getPrivate());
        assertArrayEquals(jdkSig, bc.sign(msg), "RFC 8032 signatures are deterministic: same bytes");
        assertArrayEquals(Ed25519.rawOf(jdkPair.getPublic()), bc.publicKey(), "raw 32-byte keys agree");
        assertTrue(Ed25519.verify(jdkPair.getPublic(), msg, jdkSig));
        // and the other way: a key pair made by the facade from a seed is a JDK key pair
        KeyPair fromSeed = Ed25519.keyPair(bytes(new SplittableRandom(1), 32));
        byte[] sig = Ed25519.signer(fromSeed.getPrivate()).sign(msg);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(fromSeed.getPublic());
        v.update(msg);
        assertTrue(v.verify(sig), "the JDK verifies Bouncy Castle's signature");
        assertTrue(Ed25519.verify(Ed25519.publicKey(Ed25519.rawOf(fromSeed.getPublic())), msg, sig));
    }

    @Test
    void badInputVerifiesFalseAndNeverThrows() {
        SplittableRandom rnd = new SplittableRandom(2);
        Ed25519.Signer s = Ed25519.signer(bytes(rnd, 32));
        byte[] msg = bytes(rnd, 40);
        byte[] sig = s.sign(msg);
        byte[] pk = s.publicKey();
        assertTrue(Ed25519.verify(pk, msg, sig));
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        assertFalse(Ed25519.verify(pk, msg, flipped), "flipped signature bit");
        byte[] other = msg.clone();
        other[0] ^= 1;
        assertFalse(Ed25519.verify(pk, other, sig), "other message");
        assertFalse(Ed25519.verify(new byte[31], msg, sig), "short key");
        assertFalse(Ed25519.verify(pk, msg, new byte[63]), "short signature");
        assertFalse(Ed25519.verify((byte[]) null, msg, sig));
        assertFalse(Ed25519.verify(pk, null, sig));
        byte[] notAPoint = new byte[32];
        java.util.Arrays.fill(notAPoint, (byte) 0xFF);
        assertFalse(Ed25519.verify(notAPoint, msg, sig), "a key that is no curve point");
        byte[] bigS = sig.clone();
        java.util.Arrays.fill(bigS, 32, 64, (byte) 0xFF);
        assertFalse(Ed25519.verify(pk, msg, bigS), "non-canonical S");
        assertThrows(IllegalArgumentException.class, () -> Ed25519.signer(new byte[31]));
    }

    @Test
    void batchEqualsOneByOneSequentialAndOnAPool() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 40;
        byte[][] k = new byte[n][];
        byte[][] m = new byte[n][];
        byte[][] g = new byte[n][];
        for (int i = 0; i < n; i++) {
            Ed25519.Signer s = Ed25519.signer(bytes(rnd, 32));
            k[i] = s.publicKey();
            m[i] = bytes(rnd, 50);
            g[i] = s.sign(m[i]);
            if (i % 7 == 3) {
                g[i][5] ^= 1; // some bad ones
            }
        }
        boolean[] seq = Ed25519.verifyBatch(k, m, g);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            boolean[] par = Ed25519.verifyBatch(k, m, g, pool, 8);
            assertArrayEquals(seq, par);
        } finally {
            pool.shutdownNow();
        }
        int bad = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(i % 7 != 3, seq[i]);
            bad += seq[i] ? 0 : 1;
        }
        assertEquals(6, bad);
        assertThrows(IllegalArgumentException.class, () -> Ed25519.verifyBatch(k, m, new byte[3][]));
    }
}
