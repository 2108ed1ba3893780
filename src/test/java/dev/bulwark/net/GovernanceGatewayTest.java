package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Value;
import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.Reason;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signed shell of governance: canonical encoding, domain separation (purpose, chain id, nonce,
 * and a prefix no other Bulwark signature uses), Ed25519 checks, and every kind of bad message --
 * forged, tampered, replayed, for another chain, oversized, malformed, by an unknown key, by a
 * non-owner or removed owner -- refused with a typed reason and no change to the core.
 */
class GovernanceGatewayTest {
    static final long CHAIN = 42;
    static final int KEYS = 6;

    List<KeyPair> pairs;
    List<GovernanceSigner> signers;
    GovernanceKeys keys;
    Governance core;
    GovernanceGateway gw;

    @BeforeEach
    void setUp() throws Exception {
        SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
        rnd.setSeed(20261124L);
        pairs = new ArrayList<>();
        signers = new ArrayList<>();
        List<PublicKey> pub = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            KeyPair kp = GovernanceSigner.generate(rnd);
            pairs.add(kp);
            signers.add(new GovernanceSigner(kp));
            pub.add(kp.getPublic());
        }
        keys = new GovernanceKeys(pub);
        GovernanceParams ps = new GovernanceParams(KEYS, 5, CHAIN, 1, 2, 1000, 5000, 500, 2500, 0, 1000, 10, 1000, 2, 100);
        core = new Governance(ps, new int[] {0, 1, 2}, 2, 2000, 1000, 500, 500, new long[] {5, 5});
        gw = new GovernanceGateway(core, keys);
    }

    Proposal p(Payload q, long nonce) {
        return new Proposal(q, CHAIN, nonce);
    }

    String state() {
        StringBuilder b = new StringBuilder(Arrays.toString(core.owners()) + core.threshold() + "/" + core.nonce());
        for (int s = 0; s < KEYS; s++) {
            b.append('|').append(core.proposalOf(s));
            for (int k = 0; k < KEYS; k++) {
                b.append(core.hasApproved(s, k) ? '1' : '0');
            }
        }
        return b.toString();
    }

    void refused(GovernanceGatewayException.Reason r, byte[] message) {
        String before = state();
        GovernanceGatewayException e = assertThrows(GovernanceGatewayException.class, () -> gw.submit(message));
        assertEquals(r, e.reason(), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertEquals(before, state(), "a refused message changed the state");
    }

    void refusedByCore(Reason r, byte[] message) {
        String before = state();
        GovernanceGatewayException e = assertThrows(GovernanceGatewayException.class, () -> gw.submit(message));
        assertEquals(GovernanceGatewayException.Reason.REFUSED_BY_GOVERNANCE, e.reason(), e.getMessage());
        assertEquals(r, e.coreReason());
        assertEquals(before, state());
    }

    @Test
    void everyKindRoundTripsCanonically() {
        Payload[] all = {new ParamsChange(3000, 1000, 100), new FundWithdrawal(7), new StakeChange(1, 9),
            new OwnerAddition(4, 3), new OwnerRemoval(2, 1), new OwnerSwap(1, 5), new ThresholdChange(3),
            new Cancellation()};
        for (Payload q : all) {
            Proposal pr = p(q, 1);
            byte[] enc = GovernanceCodec.encode(pr, keys);
            byte[] msg = signers.get(0).approve(pr, keys);
            GovernanceCodec.Parts parts = GovernanceCodec.split(msg);
            assertArrayEquals(enc, parts.proposal);
            Proposal back = GovernanceCodec.decode(parts, keys);
            assertEquals(pr, back, q.toString());
            assertArrayEquals(enc, GovernanceCodec.encode(back, keys), "not canonical: " + q);
            assertTrue(msg.length <= GovernanceCodec.MAX_MESSAGE_BYTES);
        }
    }

    @Test
    void proposeApproveQueueExecuteThroughSignedMessages() {
        Proposal pr = p(new OwnerAddition(4, 2), 0);
        assertEquals(GovernanceGateway.Outcome.PROPOSED, gw.submit(signers.get(0).approve(pr, keys)).outcome);
        assertEquals(GovernanceGateway.Outcome.APPROVED, gw.submit(signers.get(2).approve(pr, keys)).outcome);
        core.queue(0);
        core.endBlock();
        core.execute(0);
        assertTrue(core.isOwner(4));
        // the new owner signs with its own key
        GovernanceGateway.Accepted a = gw.submit(signers.get(4).approve(p(new ThresholdChange(3), 1), keys));
        assertEquals(GovernanceGateway.Outcome.PROPOSED, a.outcome);
        assertEquals(4, a.signer);
    }

    @Test
    void forgedAndTamperedSignaturesAreRefused() {
        Proposal pr = p(new FundWithdrawal(5), 0);
        byte[] enc = GovernanceCodec.encode(pr, keys);
        // signed by key 3, claiming to be key 0
        byte[] forged = GovernanceCodec.message(enc, keys.raw(0), signers.get(3).sign(GovernanceCodec.signingBytes(enc)));
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, forged);
        // a valid message with one payload byte changed (amount 5 -> 6)
        byte[] ok = signers.get(0).approve(pr, keys);
        byte[] tampered = ok.clone();
        tampered[GovernanceCodec.HEADER_BYTES + 7] ^= 3;
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, tampered);
        // the signature itself altered
        byte[] badSig = ok.clone();
        badSig[badSig.length - 1] ^= 1;
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, badSig);
        // a signature without the domain prefix (over the bare encoding)
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE,
                GovernanceCodec.message(enc, keys.raw(0), signers.get(0).sign(enc)));
        // a consensus signature by the same key over a consensus message of the same chain
        ConsensusSigner cs = new ConsensusSigner(0, CHAIN, pairs.get(0).getPrivate());
        byte[] body = ConsensusCodec.encodeBody(Message.prevote(0, 1, 0, Value.ofWords(5, 0, 0, 0)));
        byte[] consensusSig = cs.signBody(body);
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, GovernanceCodec.message(enc, keys.raw(0), consensusSig));
        gw.submit(ok);
        assertEquals(pr, core.proposalOf(0));
    }

    @Test
    void domainSeparationPurposeChainAndNonce() {
        Proposal pr = p(new ThresholdChange(3), 0);
        byte[] approval = signers.get(0).approve(pr, keys);
        byte[] retraction = signers.get(0).retract(pr, keys);
        // a retraction's signature is no approval's: splice the approval's signature onto the retraction bytes
        byte[] spliced = retraction.clone();
        System.arraycopy(approval, approval.length - 64, spliced, spliced.length - 64, 64);
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, spliced);
        // the same proposal signed for another chain
        refused(GovernanceGatewayException.Reason.WRONG_CHAIN,
                signers.get(0).approve(new Proposal(new ThresholdChange(3), CHAIN + 1, 0), keys));
        // a signature for nonce 0 replayed onto nonce 1
        byte[] n1 = signers.get(0).approve(p(new ThresholdChange(3), 1), keys);
        System.arraycopy(approval, approval.length - 64, n1, n1.length - 64, 64);
        refused(GovernanceGatewayException.Reason.BAD_SIGNATURE, n1);
    }

    @Test
    void malformedAndOversizedMessagesAreRefusedBeforeAnyCheck() {
        byte[] ok = signers.get(0).approve(p(new FundWithdrawal(5), 0), keys);
        refused(GovernanceGatewayException.Reason.MALFORMED, null);
        refused(GovernanceGatewayException.Reason.MALFORMED, new byte[0]);
        refused(GovernanceGatewayException.Reason.MALFORMED, Arrays.copyOf(ok, ok.length - 1));
        refused(GovernanceGatewayException.Reason.MALFORMED, Arrays.copyOf(ok, ok.length + 1));
        refused(GovernanceGatewayException.Reason.OVERSIZED, new byte[GovernanceCodec.MAX_MESSAGE_BYTES + 1]);
        refused(GovernanceGatewayException.Reason.OVERSIZED, new byte[1 << 20]);
        byte[] magic = ok.clone();
        magic[0] ^= 1;
        refused(GovernanceGatewayException.Reason.MALFORMED, magic);
        byte[] version = ok.clone();
        version[4] = 2;
        refused(GovernanceGatewayException.Reason.MALFORMED, version);
        byte[] purpose = ok.clone();
        purpose[5] = 9;
        refused(GovernanceGatewayException.Reason.MALFORMED, purpose);
        byte[] kind = ok.clone();
        kind[GovernanceCodec.HEADER_BYTES - 1] = 99;
        refused(GovernanceGatewayException.Reason.MALFORMED, kind);
        byte[] negativeNonce = signers.get(0).approve(p(new FundWithdrawal(5), 0), keys);
        negativeNonce[14] = (byte) 0x80;
        refused(GovernanceGatewayException.Reason.MALFORMED, negativeNonce);
    }

    @Test
    void unknownKeysAreRefused() throws Exception {
        SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
        rnd.setSeed(7);
        GovernanceSigner stranger = new GovernanceSigner(GovernanceSigner.generate(rnd));
        refused(GovernanceGatewayException.Reason.UNKNOWN_KEY, stranger.approve(p(new FundWithdrawal(5), 0), keys));
        // a payload naming an unregistered key (encoded by hand: the registry cannot encode it)
        byte[] enc = GovernanceCodec.encode(p(new OwnerAddition(4, 2), 0), keys);
        System.arraycopy(stranger.rawKey(), 0, enc, GovernanceCodec.HEADER_BYTES, 32);
        refused(GovernanceGatewayException.Reason.UNKNOWN_KEY, signers.get(0).approve(enc));
    }

    @Test
    void coreRefusalsArePassedOnTyped() {
        Proposal pr = p(new FundWithdrawal(5), 0);
        byte[] m0 = signers.get(0).approve(pr, keys);
        gw.submit(m0);
        refusedByCore(Reason.DUPLICATE_APPROVAL, m0);                                  // replayed message
        refusedByCore(Reason.NOT_AN_OWNER, signers.get(4).approve(pr, keys));           // registered, not an owner
        refusedByCore(Reason.FUTURE_NONCE, signers.get(1).approve(p(new FundWithdrawal(6), 2), keys));
        refusedByCore(Reason.PARAMS_OUT_OF_BOUNDS, signers.get(1).approve(p(new ParamsChange(9000, 1000, 0), 0), keys));
        refusedByCore(Reason.THRESHOLD_OUT_OF_RANGE, signers.get(1).approve(p(new ThresholdChange(0), 0), keys));
        refusedByCore(Reason.THRESHOLD_OUT_OF_RANGE, signers.get(1).approve(p(new ThresholdChange(4), 0), keys));
        refusedByCore(Reason.BELOW_FLOOR, signers.get(1).approve(p(new FundWithdrawal(491), 0), keys));
        refusedByCore(Reason.AMOUNT_OUT_OF_RANGE, signers.get(1).approve(p(new FundWithdrawal(-1), 0), keys));
        // owner 2 is removed (nonce 0); its approval of a later proposal no longer counts, and it cannot approve
        Proposal later = p(new FundWithdrawal(7), 1);
        gw.submit(signers.get(1).approve(later, keys));
        gw.submit(signers.get(2).approve(later, keys));
        core.retract(0);
        Proposal removal = p(new OwnerRemoval(2, 2), 0);
        gw.submit(signers.get(0).approve(removal, keys));
        assertEquals(GovernanceGateway.Outcome.APPROVED, gw.submit(signers.get(1).approve(removal, keys)).outcome);
        core.queue(0);
        core.endBlock();
        core.execute(0);
        assertFalse(core.isOwner(2));
        assertEquals(1, core.approvalCount(1), "the removed owner's approval is void");
        refusedByCore(Reason.NOT_AN_OWNER, signers.get(2).approve(later, keys));
        refusedByCore(Reason.STALE_NONCE, signers.get(0).approve(p(new FundWithdrawal(8), 0), keys));
    }

    @Test
    void retractionOnlyByTheProposer() {
        Proposal pr = p(new FundWithdrawal(5), 0);
        gw.submit(signers.get(0).approve(pr, keys));
        refused(GovernanceGatewayException.Reason.NOT_THE_PROPOSER, signers.get(1).retract(pr, keys));
        refused(GovernanceGatewayException.Reason.NOT_THE_PROPOSER, signers.get(0).retract(p(new FundWithdrawal(6), 0), keys));
        assertEquals(GovernanceGateway.Outcome.RETRACTED, gw.submit(signers.get(0).retract(pr, keys)).outcome);
        assertNull(core.proposalOf(0));
    }
}
