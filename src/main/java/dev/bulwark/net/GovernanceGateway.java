package dev.bulwark.net;

import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceException;
import dev.bulwark.governance.Proposal;

/**
 * The shell in front of {@link Governance#propose}, {@link Governance#approve} and
 * {@link Governance#retract}: every inbound message is size-checked, split, its signer looked up in the key registry, its Ed25519
 * signature verified over the domain-separated proposal bytes, its chain id checked, and its
 * payload keys mapped to the core's indices -- and only then is the proposal submitted (the
 * signer's approval comes with it) or, if a proposal with the same content is open, approved; a
 * retraction (purpose 2) withdraws the signer's own open proposal of that content.
 *
 * <p>Every refusal is a {@link GovernanceGatewayException} with a typed reason and changes no
 * state; the core's own refusals (non-owner, duplicate approval, stale or future nonce,
 * out-of-bounds values, ...) are passed on as {@code REFUSED_BY_GOVERNANCE} with the core's
 * reason.  Order of checks: size and form (cheap, no key), signer, signature (nothing about the
 * state is revealed to an unauthenticated sender), chain, payload keys, the core's guard.
 *
 * <p>Queue, Execute, Cancel and EndBlock carry no signature (anyone may call them once their
 * guard holds); the caller calls the core directly ({@link #governance()}).  Bounded: the
 * gateway keeps no state of its own; the core's storage is bounded by its configuration.
 * Not thread-safe.
 */
public final class GovernanceGateway {
    /** What an accepted message did. */
    public enum Outcome { PROPOSED, APPROVED, RETRACTED }

    /** An accepted message: what it did, by whom, to which slot (the proposer's key). */
    public static final class Accepted {
        public final Outcome outcome;
        public final int signer;
        public final int slot;
        public final Proposal proposal;

        Accepted(Outcome outcome, int signer, int slot, Proposal proposal) {
            this.outcome = outcome;
            this.signer = signer;
            this.slot = slot;
            this.proposal = proposal;
        }
    }

    private final Governance governance;
    private final GovernanceKeys keys;

    /** {@code keys} must register exactly the core's key universe. */
    public GovernanceGateway(Governance governance, GovernanceKeys keys) {
        if (governance == null || keys == null || keys.size() != governance.keys()) {
            throw new IllegalArgumentException("one registered key per governance key index is required");
        }
        this.governance = governance;
        this.keys = keys;
    }

    public Governance governance() {
        return governance;
    }

    public GovernanceKeys keys() {
        return keys;
    }

    /** Checks a message and submits, approves or retracts its proposal. */
    public Accepted submit(byte[] message) {
        GovernanceCodec.Parts parts = GovernanceCodec.split(message);
        int signer = keys.indexOf(parts.signerKey, 0);
        if (signer < 0) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.UNKNOWN_KEY, -1, keys.size());
        }
        if (!verifies(signer, parts)) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.BAD_SIGNATURE, signer, parts.nonce);
        }
        long chain = governance.params().chainId;
        if (parts.chainId != chain) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.WRONG_CHAIN, parts.chainId, chain);
        }
        Proposal p = GovernanceCodec.decode(parts, keys);
        int slot = governance.slotOf(p);
        try {
            if (parts.purpose == GovernanceCodec.PURPOSE_RETRACTION) {
                if (slot != signer) {
                    throw new GovernanceGatewayException(GovernanceGatewayException.Reason.NOT_THE_PROPOSER, signer, slot);
                }
                governance.retract(signer);
                return new Accepted(Outcome.RETRACTED, signer, slot, p);
            }
            if (slot >= 0) {
                governance.approve(signer, slot);
                return new Accepted(Outcome.APPROVED, signer, slot, p);
            }
            governance.propose(signer, p);
            return new Accepted(Outcome.PROPOSED, signer, signer, p);
        } catch (GovernanceException e) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.REFUSED_BY_GOVERNANCE, e.first(),
                    e.second(), e.reason());
        }
    }

    private boolean verifies(int signer, GovernanceCodec.Parts parts) {
        return Ed25519.verify(keys.raw(signer), GovernanceCodec.signingBytes(parts.proposal), parts.signature);
    }
}
