package dev.bulwark.net;

import dev.bulwark.consensus.Message;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/**
 * Ed25519 signing and verification of consensus messages, from the JDK's providers. The signed
 * bytes name the purpose (the message type) and the chain ({@link ConsensusCodec#signingBytes}).
 */
public final class ConsensusSigner {
    private final int self;
    private final long chainId;
    private final Signature signer;

    /** Signs as validator {@code self} on chain {@code chainId}. */
    public ConsensusSigner(int self, long chainId, PrivateKey key) {
        this.self = self;
        this.chainId = chainId;
        try {
            this.signer = Signature.getInstance("Ed25519");
            this.signer.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** A fresh Ed25519 key pair (the random source is the caller's: tests pass a seeded one). */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
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
        byte[] signing = ConsensusCodec.signingBytes(chainId, body);
        try {
            signer.update(signing);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Does sig verify body under key on chainId? */
    public static boolean verify(PublicKey key, long chainId, byte[] body, byte[] sig) {
        try {
            return verify(Signature.getInstance("Ed25519"), key, chainId, body, sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * As above, reusing a verifier (an Ed25519 {@link Signature}; not thread-safe). False for a
     * body that is not a canonical body, a null key or signature, or a signature made for another
     * chain or purpose.
     */
    public static boolean verify(Signature s, PublicKey key, long chainId, byte[] body, byte[] sig) {
        if (key == null || sig == null) {
            return false;
        }
        try {
            s.initVerify(key);
            s.update(ConsensusCodec.signingBytes(chainId, body));
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException | ConsensusRejectedException e) {
            return false;
        }
    }
}
