package dev.bulwark.net;

import dev.bulwark.governance.Proposal;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * An owner's signing side: Ed25519 (Bouncy Castle, through {@link Ed25519}) over {@link GovernanceCodec#signingBytes} of a
 * proposal's canonical encoding (domain, purpose, chain id and nonce included).  Not thread-safe.
 */
public final class GovernanceSigner {
    private final PublicKey publicKey;
    private final byte[] rawKey;
    private final Ed25519.Signer signer;

    public GovernanceSigner(KeyPair keys) {
        this.publicKey = keys.getPublic();
        this.rawKey = GovernanceKeys.rawOf(publicKey);
        this.signer = Ed25519.signer(keys.getPrivate());
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

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The approval message of p (p's keys encoded through the registry). */
    public byte[] approve(Proposal p, GovernanceKeys keys) {
        return approve(GovernanceCodec.encode(p, keys));
    }

    /** The retraction message of p (the proposer withdraws it). */
    public byte[] retract(Proposal p, GovernanceKeys keys) {
        return approve(GovernanceCodec.encode(p, keys, GovernanceCodec.PURPOSE_RETRACTION));
    }

    /** The signed message of an encoded proposal (its purpose tag is part of the encoding). */
    public byte[] approve(byte[] proposal) {
        return GovernanceCodec.message(proposal, rawKey, sign(GovernanceCodec.signingBytes(proposal)));
    }

    /** A raw signature over arbitrary bytes (tests use it to sign non-canonical or foreign messages). */
    public byte[] sign(byte[] bytes) {
        return signer.sign(bytes);
    }

    /** The raw public key (32 bytes, a copy). */
    public byte[] rawKey() {
        return rawKey.clone();
    }
}
