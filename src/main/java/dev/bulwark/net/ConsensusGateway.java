package dev.bulwark.net;

import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.ProposerSelection;
import dev.bulwark.consensus.Validator;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shell in front of one validator's state machine: every inbound message is size-checked,
 * decoded, checked against the validator set and the validator's height and round, its replay
 * or flood refused, and its Ed25519 signature verified, before it enters
 * {@link Validator#step(Input)}. A refusal throws {@link ConsensusRejectedException} and changes
 * no state (neither the gateway's nor the validator's). Outbound messages are signed here.
 *
 * <p>Bounds (nothing a Byzantine peer sends grows memory beyond them): inbound messages are at
 * most {@link ConsensusCodec#MAX_WIRE_BYTES}; heights from the validator's height to
 * {@link #MAX_HEIGHTS_AHEAD} beyond it; at the current height rounds up to
 * {@link #MAX_ROUNDS_AHEAD} beyond the validator's round, at a later height rounds
 * 0..{@link #MAX_ROUNDS_AHEAD}; the replay set remembers at most {@link #MAX_BODIES_PER_SLOT}
 * different bodies per (sender, type, height, round) (a correct validator signs one; the
 * first and one conflicting one convict an equivocator) and refuses further ones
 * ({@link ConsensusRejectReason#EQUIVOCATION_LIMIT}); heights below the validator's height are
 * forgotten after every step. Hence at most {@link #rememberedBound()} =
 * n * (MAX_HEIGHTS_AHEAD + 1) * 3 * (MaxRound + 1) * MAX_BODIES_PER_SLOT remembered bodies, that
 * is 3 * (MaxRound + 1) * MAX_BODIES_PER_SLOT per validator per height.
 *
 * <p>A message naming this node's own validator as its sender is refused
 * ({@link ConsensusRejectReason#OWN_MESSAGE}): it is an echo or a forgery, and the core records
 * its own messages when it sends them.
 */
public final class ConsensusGateway {
    /** Messages for heights beyond height + this are refused (a lagging node catches up by certificate). */
    public static final long MAX_HEIGHTS_AHEAD = Validator.WINDOW - 1;
    /** At the current height, rounds beyond round + this are refused; at later heights, rounds beyond this. */
    public static final int MAX_ROUNDS_AHEAD = 16;
    /** Different accepted messages remembered per (sender, type, height, round). */
    public static final int MAX_BODIES_PER_SLOT = 2;

    private final ConsensusConfig config;
    private final PublicKey[] keys;
    private final long chainId;
    private final Validator validator;
    private final ConsensusSigner signer;
    private final boolean verifySignatures;
    /** The validators' raw 32-byte Ed25519 keys (verification goes through {@link Ed25519}). */
    private final byte[][] rawKeys;
    /**
     * Bodies of accepted messages: height -&gt; (sender, type, round) slot -&gt; at most
     * MAX_BODIES_PER_SLOT bodies; heights below the validator's height are dropped.
     */
    private final TreeMap<Long, Map<Long, ByteBuffer[]>> seen = new TreeMap<>();
    /**
     * The wire bytes whose signature verified last (null: none). A message is usually checked
     * and then accepted ({@link #accept} checks again): the second check of the same bytes does
     * not verify the signature again. Validity is a function of the bytes and the sender's key,
     * which the gateway never changes, so reusing the verdict for equal bytes is exact.
     */
    private byte[] lastVerified;
    private long verifications;

    /**
     * @param keys the validators' public keys by index
     * @param signer this validator's signer (may be null for a gateway that only receives)
     */
    public ConsensusGateway(ConsensusConfig config, PublicKey[] keys, long chainId, Validator validator,
            ConsensusSigner signer) {
        this(config, keys, chainId, validator, signer, true);
    }

    /**
     * With {@code verifySignatures = false}: for the benchmark's baseline only. Throws
     * IllegalArgumentException (a wiring mistake of the node, not input from a peer) unless the
     * config and validator are given, the validator runs this config, there is one non-null
     * key per validator, and the signer (if any) signs as the validator.
     */
    public ConsensusGateway(ConsensusConfig config, PublicKey[] keys, long chainId, Validator validator,
            ConsensusSigner signer, boolean verifySignatures) {
        if (config == null || validator == null || validator.config() != config) {
            throw new IllegalArgumentException("a config and a validator running it");
        }
        if (keys == null || keys.length != config.size() || Arrays.asList(keys).contains(null)) {
            throw new IllegalArgumentException("one public key per validator");
        }
        if (signer != null && signer.self() != validator.self()) {
            throw new IllegalArgumentException("the signer signs as validator " + signer.self() + ", not " + validator.self());
        }
        this.config = config;
        this.keys = keys.clone();
        this.chainId = chainId;
        this.validator = validator;
        this.signer = signer;
        this.verifySignatures = verifySignatures;
        this.rawKeys = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            this.rawKeys[i] = Ed25519.rawOf(keys[i]);
            if (this.rawKeys[i] == null) {
                throw new IllegalArgumentException("validator " + i + "'s key is not an Ed25519 key");
            }
        }
    }

    public Validator validator() {
        return validator;
    }

    /** The slot of a message in the replay set: (sender, type, round). */
    private static long slot(Message m) {
        return ((long) m.src() * 3 + m.type().ordinal()) * (ProposerSelection.MAX_ROUND + 1L) + m.r();
    }

    /** Checks an inbound wire message; returns it decoded, or throws. Changes no state. */
    public Message check(byte[] wire) throws ConsensusRejectedException {
        if (wire == null) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, -1, ConsensusCodec.WIRE_BYTES);
        }
        if (wire.length > ConsensusCodec.MAX_WIRE_BYTES) {
            throw new ConsensusRejectedException(ConsensusRejectReason.OVERSIZED, wire.length, ConsensusCodec.MAX_WIRE_BYTES);
        }
        if (wire.length != ConsensusCodec.WIRE_BYTES) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, wire.length, ConsensusCodec.WIRE_BYTES);
        }
        byte[] body = Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES);
        byte[] sig = Arrays.copyOfRange(wire, ConsensusCodec.BODY_BYTES, ConsensusCodec.WIRE_BYTES);
        Message m = ConsensusCodec.decodeBody(body);
        if (m.src() < 0 || m.src() >= config.size()) {
            throw new ConsensusRejectedException(ConsensusRejectReason.UNKNOWN_VALIDATOR, m.src(), config.size());
        }
        if (m.src() == validator.self()) {
            throw new ConsensusRejectedException(ConsensusRejectReason.OWN_MESSAGE, m.src(), m.h());
        }
        long h = validator.height();
        if (m.h() < h) {
            throw new ConsensusRejectedException(ConsensusRejectReason.OLD_HEIGHT, m.h(), h);
        }
        if (m.h() > h + MAX_HEIGHTS_AHEAD || m.h() > config.maxHeight()) {
            throw new ConsensusRejectedException(ConsensusRejectReason.HEIGHT_TOO_FAR, m.h(), h);
        }
        long roundLimit = m.h() == h ? (long) validator.round() + MAX_ROUNDS_AHEAD : MAX_ROUNDS_AHEAD;
        if (m.r() > config.maxRound() || m.r() > roundLimit) {
            throw new ConsensusRejectedException(ConsensusRejectReason.ROUND_TOO_FAR, m.r(), validator.round());
        }
        // replay and flood before the signature: both are refusals of a body already known or
        // of a full slot, whatever the signature, and they cost no verification
        Map<Long, ByteBuffer[]> atHeight = seen.get(m.h());
        ByteBuffer[] bodies = atHeight == null ? null : atHeight.get(slot(m));
        if (bodies != null) {
            ByteBuffer b = ByteBuffer.wrap(body);
            int used = 0;
            for (ByteBuffer x : bodies) {
                if (x != null) {
                    used++;
                    if (x.equals(b)) {
                        throw new ConsensusRejectedException(ConsensusRejectReason.REPLAYED, m.src(), m.h());
                    }
                }
            }
            if (used >= MAX_BODIES_PER_SLOT) {
                throw new ConsensusRejectedException(ConsensusRejectReason.EQUIVOCATION_LIMIT, m.src(), m.r());
            }
        }
        if (verifySignatures && !Arrays.equals(wire, lastVerified)) {
            if (!ConsensusSigner.verify(rawKeys[m.src()], chainId, body, sig)) {
                throw new ConsensusRejectedException(ConsensusRejectReason.BAD_SIGNATURE, m.src(), m.h());
            }
            lastVerified = wire.clone();
            verifications++;
        }
        return m;
    }

    /**
     * Accepts an inbound wire message: checks it, steps the validator, records it for replay.
     * A refusal of the core (none is expected for a message that passed {@link #check}) is a
     * {@link dev.bulwark.consensus.ConsensusException}, thrown before anything is remembered.
     */
    public Outputs accept(byte[] wire) throws ConsensusRejectedException {
        Message m = check(wire);
        Outputs o = validator.step(new Input.Receive(m));
        remember(m, Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES));
        seen.headMap(validator.height()).clear();
        return o;
    }

    private void remember(Message m, byte[] body) {
        if (m.h() < validator.height()) {
            return; // the step decided the message's height: it is forgotten at once
        }
        ByteBuffer[] bodies = seen.computeIfAbsent(m.h(), k -> new HashMap<>())
                .computeIfAbsent(slot(m), k -> new ByteBuffer[MAX_BODIES_PER_SLOT]);
        for (int k = 0; k < bodies.length; k++) {
            if (bodies[k] == null) {
                bodies[k] = ByteBuffer.wrap(body);
                return;
            }
        }
    }

    /** Passes a local input (start, timeout, certificate) to the validator; core refusals are typed ConsensusExceptions. */
    public Outputs local(Input in) {
        Outputs o = validator.step(in);
        seen.headMap(validator.height()).clear();
        return o;
    }

    /** Signs an outbound message of this validator ({@link ConsensusRejectReason#NOT_SELF} for another sender). */
    public byte[] sign(Message m) throws ConsensusRejectedException {
        if (signer == null) {
            throw new IllegalStateException("receive-only gateway");
        }
        if (m != null && m.src() != validator.self()) {
            throw new ConsensusRejectedException(ConsensusRejectReason.NOT_SELF, m.src(), validator.self());
        }
        return signer.sign(m);
    }

    /** Signatures verified so far (a check of the bytes just verified reuses the verdict). */
    public long verifications() {
        return verifications;
    }

    /** Number of accepted messages remembered for replay protection. */
    public int rememberedCount() {
        int c = 0;
        for (Map<Long, ByteBuffer[]> slots : seen.values()) {
            for (ByteBuffer[] bodies : slots.values()) {
                for (ByteBuffer b : bodies) {
                    c += b == null ? 0 : 1;
                }
            }
        }
        return c;
    }

    /**
     * The most bodies the replay set can hold: n senders, MAX_HEIGHTS_AHEAD + 1 heights, three
     * types, MaxRound + 1 rounds, MAX_BODIES_PER_SLOT bodies per slot.
     */
    public long rememberedBound() {
        return (long) config.size() * (MAX_HEIGHTS_AHEAD + 1) * 3 * (config.maxRound() + 1L) * MAX_BODIES_PER_SLOT;
    }
}
