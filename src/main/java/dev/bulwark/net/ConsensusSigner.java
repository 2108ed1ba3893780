package dev.bulwark.net;

import dev.bulwark.consensus.Message;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Ed25519 signing and verification of consensus messages, through {@link Ed25519} (Bouncy
 * Castle). The signed bytes name the purpose (the message type) and the chain
 * ({@link ConsensusCodec#signingBytes}).
 */
public final class ConsensusSigner {
    private final int self;
    private final long chainId;
    private final Ed25519.Signer signer;

    /** Signs as validator {@code self} on chain {@code chainId}. */
    public ConsensusSigner(int self, long chainId, PrivateKey key) {
        this.self = self;
        this.chainId = chainId;
        this.signer = Ed25519.signer(key);
    }

    /** Signs as validator {@code self} on chain {@code chainId} with the key of a 32-byte seed. */
    public ConsensusSigner(int self, long chainId, byte[] seed) {
        this.self = self;
        this.chainId = chainId;
        this.signer = Ed25519.signer(seed);
    }

    /** This signer's raw 32-byte public key. */
    public byte[] publicKey() {
        return signer.publicKey();
    }

    public long chainId() {
        return chainId;
    }

    /** A fresh Ed25519 key pair (the random source is the caller's: tests pass a seeded one). */
    public static KeyPair generate(SecureRandom random) {
        return Ed25519.generate(random);
    }

    public int self() {
        return self;
    }

    /**
     * The wire bytes of m signed with this signer's key. Refused (typed, nothing signed):
     * {@link ConsensusRejectReason#NOT_SELF} for a message whose sender is not this signer's
     * validator, {@link ConsensusRejectReason#MALFORMED} for one without a canonical encoding.
     */
    public byte[] sign(Message m) throws ConsensusRejectedException {
        if (m == null) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, -1, 0);
        }
        if (m.src() != self) {
            throw new ConsensusRejectedException(ConsensusRejectReason.NOT_SELF, m.src(), self);
        }
        byte[] body = ConsensusCodec.encodeBody(m);
        return ConsensusCodec.wire(body, signBody(body));
    }

    /**
     * The signature of a body over its signing bytes (purpose tag, chain id, body; see
     * {@link ConsensusCodec}). No sender check: tests use it to forge messages under the wrong
     * key. {@link ConsensusRejectReason#MALFORMED} for a body that is not one.
     */
    public byte[] signBody(byte[] body) throws ConsensusRejectedException {
        return signer.sign(ConsensusCodec.signingBytes(chainId, body));
    }

    /** Does sig verify body under key on chainId? */
    public static boolean verify(PublicKey key, long chainId, byte[] body, byte[] sig) {
        return verify(Ed25519.rawOf(key), chainId, body, sig);
    }

    /**
     * Does sig verify body under the raw 32-byte key on chainId? False for a body that is not a
     * canonical body, a null key or signature, or a signature made for another chain or purpose.
     */
    public static boolean verify(byte[] rawKey, long chainId, byte[] body, byte[] sig) {
        if (rawKey == null || sig == null) {
            return false;
        }
        try {
            return Ed25519.verify(rawKey, ConsensusCodec.signingBytes(chainId, body), sig);
        } catch (ConsensusRejectedException e) {
            return false;
        }
    }
}
