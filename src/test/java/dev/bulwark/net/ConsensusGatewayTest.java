package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.*;

import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.TestValues;
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
    static final ValuePolicy POLICY = TestValues.policy(id -> id >= 0 && id < 100, (h, r) -> 10 * h + r + 1);
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

    /** m's body signed with validator i's key, whoever m names as its sender (a forgery unless i = m.src()). */
    static byte[] forged(int i, Message m) {
        byte[] body = ConsensusCodec.encodeBody(m);
        return ConsensusCodec.wire(body, signer(i).signBody(body));
    }

    /**
     * A body with any fields (type byte 1..3, value kind byte and 32 digest bytes), signed with
     * validator i's key: a well-signed body the codec would not encode.
     */
    static byte[] signedRaw(int i, int type, int src, long h, int r, int kind, byte[] digest, int vr) {
        byte[] body = java.nio.ByteBuffer.allocate(ConsensusCodec.BODY_BYTES).put(ConsensusCodec.MAGIC).put(ConsensusCodec.VERSION)
                .put((byte) type).putInt(src).putLong(h).putInt(r).put((byte) kind).put(digest).putInt(vr).array();
        return ConsensusCodec.wire(body, signer(i).signBody(body));
    }

    /** The same with value v (kind 1 and zero bytes for nil, kind 0 and its digest otherwise). */
    static byte[] signedRaw(int i, int type, int src, long h, int r, Value v, int vr) {
        return signedRaw(i, type, src, h, r, v.isNil() ? 1 : 0, v.digest(), vr);
    }

    private void rejected(ConsensusRejectReason reason, byte[] wire) {
        ValidatorState before = validator.state();
        long tally = validator.currentVotes().powerAny(validator.height(), MessageType.PREVOTE, 0);
        int remembered = gw.rememberedCount();
        ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class, () -> gw.accept(wire));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(before, validator.state());
        assertEquals(tally, validator.currentVotes().powerAny(validator.height(), MessageType.PREVOTE, 0));
        assertEquals(remembered, gw.rememberedCount());
    }

    @Test
    void acceptsASignedMessageAndStepsTheValidator() {
        Outputs o = gw.accept(signer(0).sign(Message.proposal(0, 1, 0, TestValues.v(11), -1)));
        assertEquals(java.util.List.of(Message.prevote(1, 1, 0, TestValues.v(11))), o.broadcasts());
        assertEquals(1, gw.rememberedCount());
    }

    @Test
    void aMessageCheckedThenAcceptedIsVerifiedOnceAndOnlyTheSameBytesReuseTheVerdict() {
        byte[] good = signer(0).sign(Message.proposal(0, 1, 0, TestValues.v(11), -1));
        gw.check(good);
        assertEquals(1, gw.verifications());
        gw.accept(good); // the node's path: check, then accept the same bytes
        assertEquals(1, gw.verifications(), "the same bytes: not verified again");
        assertEquals(1, gw.rememberedCount());
        // a different message after it: verified
        byte[] vote = signer(2).sign(Message.prevote(2, 1, 0, TestValues.v(11)));
        gw.check(vote);
        assertEquals(2, gw.verifications());
        // the same body with a bad signature right after its good twin: refused, every time (failures are not remembered)
        byte[] badVote = vote.clone();
        badVote[badVote.length - 1] ^= 1;
        for (int k = 0; k < 2; k++) {
            ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class, () -> gw.check(badVote));
            assertEquals(ConsensusRejectReason.BAD_SIGNATURE, e.reason());
        }
        assertEquals(2, gw.verifications());
        assertEquals(1, gw.rememberedCount(), "nothing remembered of the refusals");
    }

    @Test
    void oversized() {
        rejected(ConsensusRejectReason.OVERSIZED, new byte[ConsensusCodec.MAX_WIRE_BYTES + 1]);
    }

    @Test
    void malformed() {
        byte[] good = signer(0).sign(Message.prevote(0, 1, 0, TestValues.v(5)));
        rejected(ConsensusRejectReason.MALFORMED, null);
        rejected(ConsensusRejectReason.MALFORMED, Arrays.copyOf(good, good.length - 1));
        rejected(ConsensusRejectReason.MALFORMED, Arrays.copyOf(good, good.length + 1));
        byte[] magic = good.clone();
        magic[0] = 0;
        rejected(ConsensusRejectReason.MALFORMED, magic);
        byte[] version = good.clone();
        version[1] = 1; // the former format, with a 64-bit value id
        rejected(ConsensusRejectReason.MALFORMED, version);
        version[1] = 3;
        rejected(ConsensusRejectReason.MALFORMED, version);
        byte[] type = good.clone();
        type[2] = 9;
        rejected(ConsensusRejectReason.MALFORMED, type);
        // well-signed but ill-formed bodies (the codec refuses to encode them: built byte by byte)
        Value five = TestValues.v(5);
        Value three = TestValues.v(3);
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, 0, five, 0));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 1, 0, 1, 0, Value.NIL, -1));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 1, 0, 1, 1, three, 1));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 0, 0, three, -1));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, -1, three, -1));
        // value kinds other than digest (0) and nil (1), and a nil with digest bytes
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, 0, 2, five.digest(), -1));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, 0, -1, five.digest(), -1));
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, 0, 1, five.digest(), -1));
        byte[] oneBit = new byte[Value.DIGEST_BYTES];
        oneBit[31] = 1;
        rejected(ConsensusRejectReason.MALFORMED, signedRaw(0, 2, 0, 1, 0, 1, oneBit, -1));
        // a wire message of the former 95-byte format (a 64-bit value): the wrong length
        byte[] former = java.nio.ByteBuffer.allocate(31 + 64).put(ConsensusCodec.MAGIC).put((byte) 1).put((byte) 2)
                .putInt(0).putLong(1).putInt(0).putLong(5).putInt(-1).array();
        rejected(ConsensusRejectReason.MALFORMED, former);
    }

    /** The value bytes of a body: a digest of the wrong length is a typed refusal, never a value. */
    @Test
    void valueBytesOfTheWrongLengthAreRefused() {
        for (byte[] d : new byte[][] {null, new byte[0], new byte[8], new byte[31], new byte[33]}) {
            ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.decodeValue((byte) 0, d));
            assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
            e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.decodeValue((byte) 1, d));
            assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
        }
        assertEquals(TestValues.v(9), ConsensusCodec.decodeValue((byte) 0, TestValues.v(9).digest()));
        assertEquals(Value.NIL, ConsensusCodec.decodeValue((byte) 1, new byte[Value.DIGEST_BYTES]));
    }

    /**
     * Two blocks whose hashes share their first 64 bits are two values on the wire: distinct
     * bodies, each decoded to its own digest, distinct signatures; a validator counts them apart.
     */
    @Test
    void digestsSharingA64BitPrefixStayDistinctOnTheWire() {
        Value a = Value.ofWords(0x0123456789ABCDEFL, 1, 2, 3);
        Value b = Value.ofWords(0x0123456789ABCDEFL, 1, 2, 4);
        byte[] ba = ConsensusCodec.encodeBody(Message.prevote(0, 1, 0, a));
        byte[] bb = ConsensusCodec.encodeBody(Message.prevote(0, 1, 0, b));
        assertFalse(Arrays.equals(ba, bb));
        assertEquals(a, ConsensusCodec.decodeBody(ba).v());
        assertEquals(b, ConsensusCodec.decodeBody(bb).v());
        assertNotEquals(ConsensusCodec.decodeBody(ba).v(), ConsensusCodec.decodeBody(bb).v());
        // through the gateway: prevotes for a from 0 and 2, for b from 3 (and 0 equivocating)
        gw.accept(signer(0).sign(Message.prevote(0, 1, 0, a)));
        gw.accept(signer(2).sign(Message.prevote(2, 1, 0, a)));
        gw.accept(signer(3).sign(Message.prevote(3, 1, 0, b)));
        gw.accept(signer(0).sign(Message.prevote(0, 1, 0, b)));
        dev.bulwark.consensus.VoteKeeper k = validator.currentVotes();
        assertEquals(2, k.powerFor(1, MessageType.PREVOTE, 0, a));
        assertEquals(2, k.powerFor(1, MessageType.PREVOTE, 0, b));
        assertEquals(3, k.powerAny(1, MessageType.PREVOTE, 0));
        assertEquals(1, validator.evidence().size(), "validator 0 signed both: equivocation");
    }

    @Test
    void unknownValidator() {
        rejected(ConsensusRejectReason.UNKNOWN_VALIDATOR, signer(4).sign(Message.prevote(4, 1, 0, TestValues.v(5))));
        rejected(ConsensusRejectReason.UNKNOWN_VALIDATOR, forged(0, Message.prevote(-1, 1, 0, TestValues.v(5))));
    }

    @Test
    void badSignature() {
        Message m = Message.prevote(0, 1, 0, TestValues.v(5));
        // signed by validator 2, claiming to be validator 0 (a forgery)
        rejected(ConsensusRejectReason.BAD_SIGNATURE, forged(2, m));
        // a flipped bit
        byte[] flipped = signer(0).sign(m);
        flipped[ConsensusCodec.BODY_BYTES + 5] ^= 1;
        rejected(ConsensusRejectReason.BAD_SIGNATURE, flipped);
        // a body changed after signing
        byte[] changed = signer(0).sign(m);
        changed[ConsensusCodec.VALUE_OFFSET + 10] ^= 1; // a bit of the value's digest
        rejected(ConsensusRejectReason.BAD_SIGNATURE, changed);
        // no signature at all (zeros)
        byte[] unsigned = ConsensusCodec.wire(ConsensusCodec.encodeBody(m), new byte[ConsensusCodec.SIGNATURE_BYTES]);
        rejected(ConsensusRejectReason.BAD_SIGNATURE, unsigned);
        // signed for another chain
        rejected(ConsensusRejectReason.BAD_SIGNATURE, new ConsensusSigner(0, CHAIN + 1, KEYS[0].getPrivate()).sign(m));
        // the genuine message still goes through afterwards
        gw.accept(signer(0).sign(m));
        assertEquals(1, validator.currentVotes().powerAny(validator.height(), MessageType.PREVOTE, 0));
    }

    @Test
    void oldHeightAndHeightTooFar() {
        // decide height 1 through a certificate so that height 1 is in the past
        gw.local(new Input.Commit(new dev.bulwark.consensus.Certificate(1, 0, TestValues.v(5), java.util.List.of(
                Message.precommit(0, 1, 0, TestValues.v(5)), Message.precommit(2, 1, 0, TestValues.v(5)),
                Message.precommit(3, 1, 0, TestValues.v(5))))));
        assertEquals(2, validator.height());
        rejected(ConsensusRejectReason.OLD_HEIGHT, signer(0).sign(Message.prevote(0, 1, 0, TestValues.v(5))));
        rejected(ConsensusRejectReason.HEIGHT_TOO_FAR,
                signer(0).sign(Message.prevote(0, 2 + ConsensusGateway.MAX_HEIGHTS_AHEAD + 1, 0, TestValues.v(5))));
        rejected(ConsensusRejectReason.HEIGHT_TOO_FAR, signer(0).sign(Message.prevote(0, 101, 0, TestValues.v(5))));
        gw.accept(signer(0).sign(Message.prevote(0, 2 + ConsensusGateway.MAX_HEIGHTS_AHEAD, 0, TestValues.v(5))));
    }

    @Test
    void roundTooFar() {
        rejected(ConsensusRejectReason.ROUND_TOO_FAR,
                signer(0).sign(Message.prevote(0, 1, ConsensusGateway.MAX_ROUNDS_AHEAD + 1, TestValues.v(5))));
        rejected(ConsensusRejectReason.ROUND_TOO_FAR, signer(0).sign(Message.prevote(0, 2, 41, TestValues.v(5))));
        gw.accept(signer(0).sign(Message.prevote(0, 1, ConsensusGateway.MAX_ROUNDS_AHEAD, TestValues.v(5))));
    }

    @Test
    void replayed() {
        byte[] w = signer(0).sign(Message.prevote(0, 1, 0, TestValues.v(5)));
        gw.accept(w);
        rejected(ConsensusRejectReason.REPLAYED, w);
        rejected(ConsensusRejectReason.REPLAYED, w.clone());
    }

    /** Our own index from the network: an echo of our message or a forgery; never accepted. */
    @Test
    void ownIndexIsRefused() {
        // validator 1 is this node; its own key signed it (an echo), or someone forged it
        rejected(ConsensusRejectReason.OWN_MESSAGE, signer(1).sign(Message.prevote(1, 1, 0, TestValues.v(7))));
        rejected(ConsensusRejectReason.OWN_MESSAGE, signer(1).sign(Message.precommit(1, 1, 0, TestValues.v(7))));
        rejected(ConsensusRejectReason.OWN_MESSAGE, forged(0, Message.prevote(1, 1, 0, TestValues.v(7))));
        assertEquals(0, validator.currentVotes().voteCount(validator.height(), MessageType.PREVOTE, 0, 1));
    }

    /**
     * A Byzantine validator signing ever new prevotes and precommits for one height and round
     * (each a valid signature, each different): the gateway remembers at most
     * MAX_BODIES_PER_SLOT per slot and refuses the rest; the core keeps one evidence pair.
     */
    @Test
    void equivocationFloodKeepsTheReplaySetBounded() {
        ConsensusSigner byz = signer(0);
        int refused = 0;
        for (int k = 0; k < 600; k++) {
            Message m = k % 2 == 0 ? Message.prevote(0, 1, 0, TestValues.v(1_000 + k)) : Message.precommit(0, 1, 0, TestValues.v(1_000 + k));
            try {
                gw.accept(byz.sign(m));
            } catch (ConsensusRejectedException e) {
                assertEquals(ConsensusRejectReason.EQUIVOCATION_LIMIT, e.reason(), e.getMessage());
                refused++;
            }
            assertTrue(gw.rememberedCount() <= 2 * ConsensusGateway.MAX_BODIES_PER_SLOT, "remembered " + gw.rememberedCount());
        }
        assertEquals(600 - 2 * ConsensusGateway.MAX_BODIES_PER_SLOT, refused);
        assertEquals(1, validator.evidence().size());
        // the same flood spread over every round and height the gateway accepts
        for (long h = 1; h <= 1 + ConsensusGateway.MAX_HEIGHTS_AHEAD; h++) {
            for (int r = 0; r <= ConsensusGateway.MAX_ROUNDS_AHEAD; r++) {
                for (int k = 0; k < 4; k++) {
                    try {
                        gw.accept(byz.sign(Message.prevote(0, h, r, TestValues.v(k))));
                    } catch (ConsensusRejectedException e) {
                        assertEquals(ConsensusRejectReason.EQUIVOCATION_LIMIT, e.reason(), e.getMessage());
                    }
                }
            }
        }
        assertTrue(gw.rememberedCount() <= gw.rememberedBound(), gw.rememberedCount() + " > " + gw.rememberedBound());
        assertTrue(validator.evidence().size() <= dev.bulwark.consensus.Validator.WINDOW);
        // a future height only accepts the rounds a lagging node could use (0..MAX_ROUNDS_AHEAD)
        rejected(ConsensusRejectReason.ROUND_TOO_FAR,
                byz.sign(Message.prevote(0, 2, ConsensusGateway.MAX_ROUNDS_AHEAD + 1, TestValues.v(5))));
    }

    /**
     * Domain separation: the signed bytes begin with a purpose tag naming the message type and
     * then the chain id; a signature made for one chain or one purpose verifies for no other.
     */
    @Test
    void signaturesNameTheirChainAndPurpose() {
        Message pv = Message.prevote(0, 3, 1, TestValues.v(5));
        Message pc = Message.precommit(0, 3, 1, TestValues.v(5));
        Message pr = Message.proposal(0, 3, 1, TestValues.v(5), -1);
        java.util.List<byte[]> tags = new java.util.ArrayList<>();
        for (Message m : java.util.List.of(pr, pv, pc)) {
            byte[] body = ConsensusCodec.encodeBody(m);
            byte[] signed = ConsensusCodec.signingBytes(CHAIN, body);
            String tag = "bulwark/consensus/" + m.type().name().toLowerCase(java.util.Locale.ROOT) + "/v2";
            byte[] t = (tag + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertArrayEquals(t, Arrays.copyOf(signed, t.length), "starts with the purpose tag");
            assertArrayEquals(t, ConsensusCodec.purposeTag(m.type()));
            assertEquals(CHAIN, java.nio.ByteBuffer.wrap(signed, t.length, 8).getLong(), "then the chain id");
            assertArrayEquals(body, Arrays.copyOfRange(signed, t.length + 8, signed.length), "then the body");
            tags.add(t);
            byte[] sig = signer(0).signBody(body);
            assertTrue(ConsensusSigner.verify(KEYS[0].getPublic(), CHAIN, body, sig));
            assertFalse(ConsensusSigner.verify(KEYS[0].getPublic(), CHAIN + 1, body, sig), "another chain");
            assertFalse(ConsensusSigner.verify(KEYS[0].getPublic(), -CHAIN, body, sig), "another chain");
        }
        // no tag is a prefix of another (the NUL terminator), so no signed string is ambiguous
        for (byte[] a : tags) {
            for (byte[] b : tags) {
                if (a != b) {
                    assertFalse(Arrays.equals(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length)));
                }
            }
        }
        // a prevote signature does not sign the precommit with the same fields
        byte[] pvBody = ConsensusCodec.encodeBody(pv);
        byte[] pcBody = ConsensusCodec.encodeBody(pc);
        assertFalse(ConsensusSigner.verify(KEYS[0].getPublic(), CHAIN, pcBody, signer(0).signBody(pvBody)));
        // a gateway of another chain refuses a message signed for this one
        Validator other = new Validator(config, 1);
        ConsensusGateway gw8 = new ConsensusGateway(config, publicKeys(4), CHAIN + 1, other, null);
        ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class,
                () -> gw8.accept(signer(0).sign(Message.prevote(0, 1, 0, TestValues.v(5)))));
        assertEquals(ConsensusRejectReason.BAD_SIGNATURE, e.reason());
        // the signing bytes of a body that is not a canonical message are refused (typed)
        e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.signingBytes(CHAIN, new byte[3]));
        assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
        e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.signingBytes(CHAIN, null));
        assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
    }

    /** Outbound: the signer signs only well-formed messages of its own validator. */
    @Test
    void signerRefusesMessagesItMustNotSign() {
        ConsensusSigner s1 = signer(1);
        ConsensusRejectedException e = assertThrows(ConsensusRejectedException.class,
                () -> s1.sign(Message.prevote(2, 1, 0, TestValues.v(5))));
        assertEquals(ConsensusRejectReason.NOT_SELF, e.reason());
        e = assertThrows(ConsensusRejectedException.class, () -> gw.sign(Message.prevote(2, 1, 0, TestValues.v(5))));
        assertEquals(ConsensusRejectReason.NOT_SELF, e.reason());
        for (Message bad : java.util.Arrays.asList(null, new Message(null, 1, 1, 0, TestValues.v(5), -1),
                new Message(MessageType.PREVOTE, 1, 1, 0, null, -1), new Message(MessageType.PREVOTE, 1, 1, 0, TestValues.v(5), 0),
                Message.proposal(1, 1, 0, Value.NIL, -1), Message.prevote(1, 0, 0, TestValues.v(5)))) {
            e = assertThrows(ConsensusRejectedException.class, () -> s1.sign(bad), String.valueOf(bad));
            assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
            e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.encodeBody(bad), String.valueOf(bad));
            assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
        }
        e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.wire(null, new byte[64]));
        assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
        e = assertThrows(ConsensusRejectedException.class, () -> ConsensusCodec.wire(new byte[ConsensusCodec.BODY_BYTES], new byte[3]));
        assertEquals(ConsensusRejectReason.MALFORMED, e.reason());
    }

    @Property(tries = 300)
    void codecIsCanonical(@ForAll long seed) {
        Random rnd = new Random(seed);
        int type = rnd.nextInt(3);
        int r = rnd.nextInt(1 << 20);
        long h = 1 + (rnd.nextLong() >>> 1) % (1L << 40);
        Value random = Value.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
        Message m = type == 0 ? Message.proposal(rnd.nextInt(1024), h, r, random, rnd.nextInt(r + 1) - 1)
                : type == 1 ? Message.prevote(rnd.nextInt(1024), h, r, rnd.nextBoolean() ? random : Value.NIL)
                : Message.precommit(rnd.nextInt(1024), h, r, TestValues.v(rnd.nextInt(3) - 1));
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
            case 0 -> Message.proposal(0, 1, 0, TestValues.v(rnd.nextInt(5)), -1);
            case 1 -> Message.prevote(rnd.nextInt(4), 1, rnd.nextInt(3), TestValues.v(rnd.nextInt(4) - 1));
            default -> Message.precommit(rnd.nextInt(4), 1, rnd.nextInt(3), TestValues.v(rnd.nextInt(4) - 1));
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
            case 3 -> w = forged((m.src() + 1 + rnd.nextInt(3)) % 4, m); // forged sender
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
            assertEquals(TestValues.v(31), gws[i].validator().decision(3));
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
