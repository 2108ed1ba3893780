package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.*;

import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.Validator;
import dev.bulwark.consensus.ValidatorState;
import dev.bulwark.consensus.Value;
import dev.bulwark.consensus.ValuePolicy;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shell: canonical encoding, Ed25519 signatures, and a typed refusal for each bad input. */
class ConsensusGatewayTest {
    static final long CHAIN = 7;
    static final ValuePolicy POLICY = new ValuePolicy() {
        @Override
        public boolean valid(long id) {
            return id >= 0 && id < 100;
        }

        @Override
        public long getValue(long h, int r) {
            return 10 * h + r + 1;
        }
    };
    static final KeyPair[] KEYS = new KeyPair[5];

    static {
        SecureRandom seeded;
        try {
            seeded = SecureRandom.getInstance("SHA1PRNG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        seeded.setSeed(42);
        for (int i = 0; i < KEYS.length; i++) {
            KEYS[i] = ConsensusSigner.generate(seeded);
        }
    }

    static PublicKey[] publicKeys(int n) {
        PublicKey[] k = new PublicKey[n];
        for (int i = 0; i < n; i++) {
            k[i] = KEYS[i].getPublic();
        }
        return k;
    }

    static ConsensusSigner signer(int i) {
        return new ConsensusSigner(i, CHAIN, KEYS[i].getPrivate());
    }

    private ConsensusConfig config;
    private Validator validator;
    private ConsensusGateway gw;

    @BeforeEach
    void setUp() {
        config = ConsensusConfig.equalPower(4, 100, 40, POLICY);
        validator = new Validator(config, 1);
        gw = new ConsensusGateway(config, publicKeys(4), CHAIN, validator, signer(1));
        gw.local(new Input.Start());
    }

    private void rejected(ConsensusRejectReason reason, byte[] wire) {
        ValidatorState before = validator.state();
        long tally = validator.currentVotes().powerAny(MessageType.PREVOTE, 0);
        int remembered = gw.rememberedCount();
        ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class, () -> gw.accept(wire));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(before, validator.state());
        assertEquals(tally, validator.currentVotes().powerAny(MessageType.PREVOTE, 0));
        assertEquals(remembered, gw.rememberedCount());
    }

    @Test
    void acceptsASignedMessageAndStepsTheValidator() {
        Outputs o = gw.accept(signer(0).sign(Message.proposal(0, 1, 0, new Value(11), -1)));
        assertEquals(java.util.List.of(Message.prevote(1, 1, 0, new Value(11))), o.broadcasts());
        assertEquals(1, gw.rememberedCount());
    }

    @Test
    void oversized() {
        rejected(ConsensusRejectReason.OVERSIZED, new byte[ConsensusCodec.MAX_WIRE_BYTES + 1]);
    }

    @Test
    void malformed() {
        byte[] good = signer(0).sign(Message.prevote(0, 1, 0, new Value(5)));
        rejected(ConsensusRejectReason.MALFORMED, null);
        rejected(ConsensusRejectReason.MALFORMED, Arrays.copyOf(good, good.length - 1));
        rejected(ConsensusRejectReason.MALFORMED, Arrays.copyOf(good, good.length + 1));
        byte[] magic = good.clone();
        magic[0] = 0;
        rejected(ConsensusRejectReason.MALFORMED, magic);
        byte[] version = good.clone();
        version[1] = 2;
        rejected(ConsensusRejectReason.MALFORMED, version);
        byte[] type = good.clone();
        type[2] = 9;
        rejected(ConsensusRejectReason.MALFORMED, type);
        // well-signed but ill-formed bodies
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(new Message(MessageType.PREVOTE, 0, 1, 0, new Value(5), 0)));
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(Message.proposal(0, 1, 0, Value.NIL, -1)));
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(Message.proposal(0, 1, 1, new Value(3), 1)));
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(Message.prevote(0, 0, 0, new Value(3))));
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(Message.prevote(0, 1, -1, new Value(3))));
        rejected(ConsensusRejectReason.MALFORMED, signer(0).sign(Message.prevote(0, 1, 0, new Value(-7))));
    }

    @Test
    void unknownValidator() {
        rejected(ConsensusRejectReason.UNKNOWN_VALIDATOR, signer(4).sign(Message.prevote(4, 1, 0, new Value(5))));
        rejected(ConsensusRejectReason.UNKNOWN_VALIDATOR, signer(0).sign(Message.prevote(-1, 1, 0, new Value(5))));
    }

    @Test
    void badSignature() {
        Message m = Message.prevote(0, 1, 0, new Value(5));
        // signed by validator 2, claiming to be validator 0 (a forgery)
        rejected(ConsensusRejectReason.BAD_SIGNATURE, signer(2).sign(m));
        // a flipped bit
        byte[] flipped = signer(0).sign(m);
        flipped[ConsensusCodec.BODY_BYTES + 5] ^= 1;
        rejected(ConsensusRejectReason.BAD_SIGNATURE, flipped);
        // a body changed after signing
        byte[] changed = signer(0).sign(m);
        changed[22] ^= 1; // a bit of the value (body bytes 19..26)
        rejected(ConsensusRejectReason.BAD_SIGNATURE, changed);
        // no signature at all (zeros)
        byte[] unsigned = ConsensusCodec.wire(ConsensusCodec.encodeBody(m), new byte[ConsensusCodec.SIGNATURE_BYTES]);
        rejected(ConsensusRejectReason.BAD_SIGNATURE, unsigned);
        // signed for another chain
        rejected(ConsensusRejectReason.BAD_SIGNATURE, new ConsensusSigner(0, CHAIN + 1, KEYS[0].getPrivate()).sign(m));
        // the genuine message still goes through afterwards
        gw.accept(signer(0).sign(m));
        assertEquals(1, validator.currentVotes().powerAny(MessageType.PREVOTE, 0));
    }

    @Test
    void oldHeightAndHeightTooFar() {
        // decide height 1 through a certificate so that height 1 is in the past
        gw.local(new Input.Commit(new dev.bulwark.consensus.Certificate(1, 0, new Value(5), java.util.List.of(
                Message.precommit(0, 1, 0, new Value(5)), Message.precommit(2, 1, 0, new Value(5)),
                Message.precommit(3, 1, 0, new Value(5))))));
        assertEquals(2, validator.height());
        rejected(ConsensusRejectReason.OLD_HEIGHT, signer(0).sign(Message.prevote(0, 1, 0, new Value(5))));
        rejected(ConsensusRejectReason.HEIGHT_TOO_FAR,
                signer(0).sign(Message.prevote(0, 2 + ConsensusGateway.MAX_HEIGHTS_AHEAD + 1, 0, new Value(5))));
        rejected(ConsensusRejectReason.HEIGHT_TOO_FAR, signer(0).sign(Message.prevote(0, 101, 0, new Value(5))));
        gw.accept(signer(0).sign(Message.prevote(0, 2 + ConsensusGateway.MAX_HEIGHTS_AHEAD, 0, new Value(5))));
    }

    @Test
    void roundTooFar() {
        rejected(ConsensusRejectReason.ROUND_TOO_FAR,
                signer(0).sign(Message.prevote(0, 1, ConsensusGateway.MAX_ROUNDS_AHEAD + 1, new Value(5))));
        rejected(ConsensusRejectReason.ROUND_TOO_FAR, signer(0).sign(Message.prevote(0, 2, 41, new Value(5))));
        gw.accept(signer(0).sign(Message.prevote(0, 1, ConsensusGateway.MAX_ROUNDS_AHEAD, new Value(5))));
    }

    @Test
    void replayed() {
        byte[] w = signer(0).sign(Message.prevote(0, 1, 0, new Value(5)));
        gw.accept(w);
        rejected(ConsensusRejectReason.REPLAYED, w);
        rejected(ConsensusRejectReason.REPLAYED, w.clone());
    }

    @Property(tries = 300)
    void codecIsCanonical(@ForAll long seed) {
        Random rnd = new Random(seed);
        int type = rnd.nextInt(3);
        int r = rnd.nextInt(1 << 20);
        long h = 1 + (rnd.nextLong() >>> 1) % (1L << 40);
        Message m = type == 0 ? Message.proposal(rnd.nextInt(1024), h, r, new Value(rnd.nextLong() >>> 1), rnd.nextInt(r + 1) - 1)
                : type == 1 ? Message.prevote(rnd.nextInt(1024), h, r, Value.of((rnd.nextLong() >>> 1) - (rnd.nextBoolean() ? 0 : 1)))
                : Message.precommit(rnd.nextInt(1024), h, r, Value.of(rnd.nextInt(3) - 1));
        byte[] body = ConsensusCodec.encodeBody(m);
        assertEquals(ConsensusCodec.BODY_BYTES, body.length);
        assertEquals(m, ConsensusCodec.decodeBody(body));
        assertArrayEquals(body, ConsensusCodec.encodeBody(ConsensusCodec.decodeBody(body)));
        // random bodies: either refused or canonical
        byte[] junk = new byte[ConsensusCodec.BODY_BYTES];
        rnd.nextBytes(junk);
        junk[0] = ConsensusCodec.MAGIC;
        junk[1] = ConsensusCodec.VERSION;
        try {
            Message d = ConsensusCodec.decodeBody(junk);
            assertArrayEquals(junk, ConsensusCodec.encodeBody(d));
        } catch (ConsensusRejectedException e) {
            assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
        }
    }

    /**
     * A Byzantine peer sending mutated, truncated, extended or forged wire messages: each is
     * either refused with a typed reason and no state change, or (only when the bytes are a
     * genuine signed message) accepted.
     */
    @Property(tries = 300)
    void fuzzedWireMessagesAreRefusedWithoutEffect(@ForAll long seed) {
        setUp();
        Random rnd = new Random(seed);
        Message m = switch (rnd.nextInt(3)) {
            case 0 -> Message.proposal(0, 1, 0, new Value(rnd.nextInt(5)), -1);
            case 1 -> Message.prevote(rnd.nextInt(4), 1, rnd.nextInt(3), Value.of(rnd.nextInt(4) - 1));
            default -> Message.precommit(rnd.nextInt(4), 1, rnd.nextInt(3), Value.of(rnd.nextInt(4) - 1));
        };
        byte[] genuine = signer(m.src()).sign(m);
        byte[] w;
        switch (rnd.nextInt(5)) {
            case 0 -> {
                w = genuine.clone();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    w[rnd.nextInt(w.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> w = Arrays.copyOf(genuine, rnd.nextInt(genuine.length));
            case 2 -> {
                w = new byte[genuine.length + 1 + rnd.nextInt(2000)];
                rnd.nextBytes(w);
            }
            case 3 -> w = signer((m.src() + 1 + rnd.nextInt(3)) % 4).sign(m); // forged sender
            default -> {
                w = new byte[ConsensusCodec.WIRE_BYTES];
                rnd.nextBytes(w);
            }
        }
        ValidatorState before = validator.state();
        int remembered = gw.rememberedCount();
        try {
            gw.accept(w);
            assertArrayEquals(genuine, w, "only a genuine signed message is accepted");
        } catch (ConsensusRejectedException e) {
            assertNotNull(e.reason());
            assertEquals(before, validator.state());
            assertEquals(remembered, gw.rememberedCount());
        }
    }

    /** Four validators behind gateways, every message signed and checked: heights get decided. */
    @Test
    void fourSignedValidatorsDecide() {
        ConsensusConfig c = ConsensusConfig.equalPower(4, 3, 3, POLICY);
        ConsensusGateway[] gws = new ConsensusGateway[4];
        for (int i = 0; i < 4; i++) {
            gws[i] = new ConsensusGateway(c, publicKeys(4), CHAIN, new Validator(c, i), signer(i));
        }
        Deque<byte[][]> queue = new ArrayDeque<>(); // {dest, wire}
        for (int i = 0; i < 4; i++) {
            enqueue(queue, gws, i, gws[i].local(new Input.Start()));
        }
        int guard = 0;
        while (!queue.isEmpty() && guard++ < 100_000) {
            byte[][] e = queue.poll();
            int dest = e[0][0];
            try {
                enqueue(queue, gws, dest, gws[dest].accept(e[1]));
            } catch (ConsensusRejectedException ex) {
                // a message for a height the receiver already left: harmless
                assertEquals(ConsensusRejectReason.OLD_HEIGHT, ex.reason());
            }
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(gws[i].validator().isDone(), "validator " + i);
            assertEquals(new Value(31), gws[i].validator().decision(3));
        }
    }

    private static void enqueue(Deque<byte[][]> q, ConsensusGateway[] gws, int from, Outputs o) {
        for (Message m : o.broadcasts()) {
            byte[] w = gws[from].sign(m);
            for (int j = 0; j < gws.length; j++) {
                if (j != from) {
                    q.add(new byte[][] {{(byte) j}, w});
                }
            }
        }
    }
}
