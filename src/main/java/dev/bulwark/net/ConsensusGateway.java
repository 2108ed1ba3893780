package dev.bulwark.net;

import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.Validator;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shell in front of one validator's state machine: every inbound message is size-checked,
 * decoded, checked against the validator set and the validator's height and round, its Ed25519
 * signature verified and its replay refused, before it enters {@link Validator#step(Input)}.
 * A refusal throws {@link ConsensusRejectedException} and changes no state (neither the
 * gateway's nor the validator's). Outbound messages are signed here.
 */
public final class ConsensusGateway {
    /** Messages for heights beyond height + this are refused (a lagging node catches up by certificate). */
    public static final long MAX_HEIGHTS_AHEAD = Validator.WINDOW - 1;
    /** At the current height, rounds beyond round + this are refused. */
    public static final int MAX_ROUNDS_AHEAD = 16;

    private final ConsensusConfig config;
    private final PublicKey[] keys;
    private final long chainId;
    private final Validator validator;
    private final ConsensusSigner signer;
    private final boolean verifySignatures;
    private final java.security.Signature verifier;
    /** Bodies of accepted messages per height (for replay: the same content again, whatever its signature), pruned below the validator's height. */
    private final TreeMap<Long, Set<ByteBuffer>> seen = new TreeMap<>();

    /**
     * @param keys the validators' public keys by index
     * @param signer this validator's signer (may be null for a gateway that only receives)
     */
    public ConsensusGateway(ConsensusConfig config, PublicKey[] keys, long chainId, Validator validator,
            ConsensusSigner signer) {
        this(config, keys, chainId, validator, signer, true);
    }

    /** With {@code verifySignatures = false}: for the benchmark's baseline only. */
    public ConsensusGateway(ConsensusConfig config, PublicKey[] keys, long chainId, Validator validator,
            ConsensusSigner signer, boolean verifySignatures) {
        if (keys == null || keys.length != config.size()) {
            throw new IllegalArgumentException("one public key per validator");
        }
        this.config = config;
        this.keys = keys.clone();
        this.chainId = chainId;
        this.validator = validator;
        this.signer = signer;
        this.verifySignatures = verifySignatures;
        try {
            this.verifier = java.security.Signature.getInstance("Ed25519");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    public Validator validator() {
        return validator;
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
        long h = validator.height();
        if (m.h() < h) {
            throw new ConsensusRejectedException(ConsensusRejectReason.OLD_HEIGHT, m.h(), h);
        }
        if (m.h() > h + MAX_HEIGHTS_AHEAD || m.h() > config.maxHeight()) {
            throw new ConsensusRejectedException(ConsensusRejectReason.HEIGHT_TOO_FAR, m.h(), h);
        }
        if (m.r() > config.maxRound() || (m.h() == h && m.r() > (long) validator.round() + MAX_ROUNDS_AHEAD)) {
            throw new ConsensusRejectedException(ConsensusRejectReason.ROUND_TOO_FAR, m.r(), validator.round());
        }
        if (verifySignatures && !ConsensusSigner.verify(verifier, keys[m.src()], chainId, body, sig)) {
            throw new ConsensusRejectedException(ConsensusRejectReason.BAD_SIGNATURE, m.src(), m.h());
        }
        Set<ByteBuffer> s = seen.get(m.h());
        if (s != null && s.contains(ByteBuffer.wrap(body))) {
            throw new ConsensusRejectedException(ConsensusRejectReason.REPLAYED, m.src(), m.h());
        }
        return m;
    }

    /** Accepts an inbound wire message: checks it, records it for replay, steps the validator. */
    public Outputs accept(byte[] wire) throws ConsensusRejectedException {
        Message m = check(wire);
        seen.computeIfAbsent(m.h(), k -> new HashSet<>()).add(ByteBuffer.wrap(Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES)));
        Outputs o = validator.step(new Input.Receive(m));
        seen.headMap(validator.height()).clear();
        return o;
    }

    /** Passes a local input (start, timeout, certificate) to the validator. */
    public Outputs local(Input in) {
        Outputs o = validator.step(in);
        seen.headMap(validator.height()).clear();
        return o;
    }

    /** Signs an outbound message of this validator. */
    public byte[] sign(Message m) {
        if (signer == null) {
            throw new IllegalStateException("receive-only gateway");
        }
        return signer.sign(m);
    }

    /** Number of accepted messages remembered for replay protection. */
    public int rememberedCount() {
        int c = 0;
        for (Set<ByteBuffer> s : seen.values()) {
            c += s.size();
        }
        return c;
    }
}
