package dev.bulwark.node.real;

import dev.bulwark.net.Ed25519;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signed handshake that authenticates a connection's validator index (first frames each
 * way, before any node frame):
 *
 * <pre>
 * HELLO  0x70 | chain id (8) | validator index (4) | Ed25519 public key (32) | fresh nonce (32)   77 bytes
 * AUTH   0x71 | signature (64)                                                                   65 bytes
 * </pre>
 *
 * Each side sends HELLO when the connection opens, and AUTH once it holds the peer's HELLO. The
 * AUTH signature is over {@code "bulwark/handshake/v1" | chain id | signer's role (1: it dialed,
 * 0: it accepted) | signer index | signer key | signer nonce | peer index | peer nonce}:
 * domain-separated (purpose tag and chain), bound to both fresh nonces (no replay from another
 * connection), to both ends' indices, and to the direction of the connection. The role stops a
 * relay: a third party that connects to validators A and X, posing to A as X and to X as A, could
 * otherwise forward A's AUTH (signed over X's nonce, which it passed on) to X; but A signs that
 * AUTH as the accepting side, while X, accepting the third party's connection, requires the
 * dialer's role, and A dials only the configured address of X. A peer is accepted
 * when its HELLO names this chain, a validator index other than ours whose configured key is the
 * key it sent (and, on a connection we dialed, the index we dialed), and its AUTH verifies under
 * that key. Anything else closes the connection and is counted ({@link TransportReason}).
 */
public final class Handshake {
    public static final byte HELLO = 0x70;
    public static final byte AUTH = 0x71;
    public static final int HELLO_BYTES = 1 + 8 + 4 + 32 + 32;
    public static final int AUTH_BYTES = 1 + 64;
    /** The largest frame accepted before the handshake completes. */
    public static final int MAX_HANDSHAKE_FRAME = HELLO_BYTES;
    static final byte[] TAG = "bulwark/handshake/v1".getBytes(StandardCharsets.US_ASCII);

    private Handshake() {
    }

    /** A failed handshake step. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        public final TransportReason reason;

        Failure(TransportReason reason, String what) {
            super(reason + ": " + what, null, false, false);
            this.reason = reason;
        }
    }

    /** The peer's HELLO, checked. */
    public static final class Hello {
        public final int index;
        public final byte[] nonce;

        Hello(int index, byte[] nonce) {
            this.index = index;
            this.nonce = nonce;
        }
    }

    public static byte[] hello(long chainId, int index, byte[] publicKey, byte[] nonce) {
        return ByteBuffer.allocate(HELLO_BYTES).put(HELLO).putLong(chainId).putInt(index).put(publicKey).put(nonce).array();
    }

    /**
     * Checks a peer's HELLO against the chain and the validator keys; {@code expected} is the index
     * we dialed (or -1 on an accepted connection).
     */
    public static Hello checkHello(byte[] f, long chainId, int self, byte[][] keys, int expected) throws Failure {
        if (f.length != HELLO_BYTES || f[0] != HELLO) {
            throw new Failure(TransportReason.HANDSHAKE_MALFORMED, "hello of " + f.length + " bytes, type " + (f.length > 0 ? f[0] : -1));
        }
        ByteBuffer b = ByteBuffer.wrap(f, 1, f.length - 1);
        long chain = b.getLong();
        int index = b.getInt();
        byte[] key = new byte[32];
        b.get(key);
        byte[] nonce = new byte[32];
        b.get(nonce);
        if (chain != chainId) {
            throw new Failure(TransportReason.WRONG_CHAIN, "chain " + chain);
        }
        if (index < 0 || index >= keys.length || index == self || (expected >= 0 && index != expected)
                || !Arrays.equals(keys[index], key)) {
            throw new Failure(TransportReason.UNKNOWN_PEER, "index " + index);
        }
        return new Hello(index, nonce);
    }

    static byte[] payload(long chainId, boolean signerDialed, int signer, byte[] signerKey, byte[] signerNonce, int peer,
            byte[] peerNonce) {
        return ByteBuffer.allocate(TAG.length + 8 + 1 + 4 + 32 + 32 + 4 + 32).put(TAG).putLong(chainId)
                .put(signerDialed ? (byte) 1 : (byte) 0).putInt(signer).put(signerKey).put(signerNonce).putInt(peer).put(peerNonce)
                .array();
    }

    /** Our AUTH for a peer whose HELLO we hold ({@code weDialed}: we opened the connection). */
    public static byte[] auth(long chainId, boolean weDialed, int self, Ed25519.Signer signer, byte[] ourNonce, Hello peer) {
        byte[] sig = signer.sign(payload(chainId, weDialed, self, signer.publicKey(), ourNonce, peer.index, peer.nonce));
        return ByteBuffer.allocate(AUTH_BYTES).put(AUTH).put(sig).array();
    }

    /** Checks the peer's AUTH: its signature over its nonce and ours, made in the other role than ours. */
    public static void checkAuth(byte[] f, long chainId, boolean weDialed, int self, byte[] ourNonce, Hello peer, byte[][] keys)
            throws Failure {
        if (f.length != AUTH_BYTES || f[0] != AUTH) {
            throw new Failure(TransportReason.HANDSHAKE_MALFORMED, "auth of " + f.length + " bytes");
        }
        byte[] sig = Arrays.copyOfRange(f, 1, f.length);
        if (!Ed25519.verify(keys[peer.index], payload(chainId, !weDialed, peer.index, keys[peer.index], peer.nonce, self, ourNonce),
                sig)) {
            throw new Failure(TransportReason.BAD_SIGNATURE, "validator " + peer.index);
        }
    }
}
