package dev.bulwark.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Proposal;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.GovPropose;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.net.GovernanceCodec;
import dev.bulwark.oracle.OracleParams;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Approvals carried by a GovPropose are Ed25519 signatures over dev.bulwark.net.GovernanceCodec's
 * approval encoding (domain "bulwark/governance/v1", purpose, chain, nonce): a forged one, one for
 * another chain, another nonce, another proposal or with the retraction purpose is refused by
 * {@link TxSignatures#check} (BAD_SIGNATURE, naming the signature) before the core sees it.
 */
class GovernanceSignaturesTest {
    static final long CHAIN = 7;
    final KeyPair[] keys = new KeyPair[3];
    final LedgerConfig config;

    GovernanceSignaturesTest() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42);
        g.initialize(255, r);
        AccountKey[] gk = new AccountKey[3];
        for (int i = 0; i < 3; i++) {
            keys[i] = g.generateKeyPair();
            gk[i] = TxSignatures.keyOf(keys[i].getPublic());
        }
        MarginParams m = new MarginParams(2, 2, 40, 40, 7, 12, 5, 2000, 1000, 500, 1000, 1);
        OracleParams o = new OracleParams(new long[] {1}, 3, 1, 7, 12, 0, 2, 0, 5, 5, 1_000_000);
        dev.bulwark.governance.GovernanceParams gp = new dev.bulwark.governance.GovernanceParams(3, 3, CHAIN, 1, 2,
                1000, 5000, 500, 5000, 0, 1000, 1, 40, 1, 2);
        config = new LedgerConfig(CHAIN, m, 10, o, new AccountKey[] {new AccountKey(1, 2, 3, 4)}, 0,
                new AccountKey[] {new AccountKey(5, 6, 7, 8)}, 8, gp, gk, new int[] {0, 1}, 2);
    }

    AccountKey key(int i) {
        return config.governanceKey(i);
    }

    SignedTx signed(Proposal p, byte[]... approvals) {
        AccountKey[] approvers = new AccountKey[approvals.length];
        for (int i = 0; i < approvers.length; i++) {
            approvers[i] = key(1);
        }
        return TxSignatures.signPropose(new GovPropose(CHAIN, key(0), 1, p, approvers), keys[0].getPrivate(),
                approvals);
    }

    @Test
    void genuineApprovalsVerifyAndRoundTrip() {
        Proposal p = new Proposal(new ParamsChange(3000, 3000, 100), CHAIN, 0);
        SignedTx s = signed(p, TxSignatures.approve(p, config, keys[1].getPrivate()));
        TxSignatures.check(s, config);
        assertTrue(TxSignatures.verify(s, config));
        SignedTx back = TxCodec.decode(TxCodec.encode(s));
        assertTrue(TxSignatures.verify(back, config));
        // the block that carries it verifies as a whole
        DecodedBlock b = BlockCodec.decode(BlockCodec.encode(CHAIN, 1, new byte[BlockCodec.APP_HASH_BYTES], List.of(s)));
        assertTrue(TxSignatures.verifyAll(b, config));
        // an owner-management proposal names keys: its approval needs the registry
        Proposal swap = new Proposal(new OwnerSwap(1, 2), CHAIN, 0);
        SignedTx sw = signed(swap, TxSignatures.approve(swap, config, keys[1].getPrivate()));
        assertTrue(TxSignatures.verify(sw, config));
        assertFalse(TxSignatures.verify(sw), "without the registry, owner keys cannot be encoded");
    }

    @Test
    void forgedAndMisdirectedApprovalsAreRefused() {
        Proposal p = new Proposal(new ParamsChange(3000, 3000, 100), CHAIN, 0);
        byte[] forged = TxSignatures.approve(p, config, keys[2].getPrivate());          // key 2 signs for key 1
        byte[] otherChain = TxSignatures.approve(new Proposal(p.payload(), CHAIN + 1, 0), config, keys[1].getPrivate());
        byte[] otherNonce = TxSignatures.approve(new Proposal(p.payload(), CHAIN, 1), config, keys[1].getPrivate());
        byte[] otherProposal = TxSignatures.approve(new Proposal(new ParamsChange(3000, 3000, 101), CHAIN, 0), config,
                keys[1].getPrivate());
        byte[] retraction;
        try {
            java.security.Signature sig = java.security.Signature.getInstance("Ed25519");
            sig.initSign(keys[1].getPrivate());
            sig.update(GovernanceCodec.signingBytes(GovernanceCodec.encode(p, new byte[0][],
                    GovernanceCodec.PURPOSE_RETRACTION)));
            retraction = sig.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        byte[] txSignatureAsApproval = TxSignatures.signPropose(new GovPropose(CHAIN, key(0), 1, p,
                new AccountKey[0]), keys[1].getPrivate()).signature(0);
        for (byte[] bad : new byte[][] {forged, otherChain, otherNonce, otherProposal, retraction, txSignatureAsApproval}) {
            SignedTx s = signed(p, bad);
            assertFalse(TxSignatures.verify(s, config));
            StateException e = assertThrows(StateException.class, () -> TxSignatures.check(s, config));
            assertEquals(Reason.BAD_SIGNATURE, e.reason());
            assertEquals(1, e.first(), "the first approval is the bad one");
        }
        // the submitter's own signature forged
        SignedTx good = signed(p, TxSignatures.approve(p, config, keys[1].getPrivate()));
        byte[] s0 = good.signature(0);
        s0[3] ^= 1;
        SignedTx badSubmitter = new SignedTx(good.tx(), s0, good.signature(1));
        StateException e = assertThrows(StateException.class, () -> TxSignatures.check(badSubmitter, config));
        assertEquals(0, e.first());
    }

    @Test
    void encodingBoundsAreEnforced() {
        Proposal p = new Proposal(new ParamsChange(3000, 3000, 100), CHAIN, 0);
        byte[] enc = TxCodec.encode(signed(p, TxSignatures.approve(p, config, keys[1].getPrivate())));
        // a truncated or extended encoding is malformed
        assertEquals(Reason.MALFORMED, assertThrows(StateException.class,
                () -> TxCodec.decode(java.util.Arrays.copyOf(enc, enc.length - 1))).reason());
        assertEquals(Reason.MALFORMED, assertThrows(StateException.class,
                () -> TxCodec.decode(java.util.Arrays.copyOf(enc, enc.length + 1))).reason());
        // anything above the governance bound is refused before parsing
        assertEquals(Reason.OVERSIZED, assertThrows(StateException.class,
                () -> TxCodec.decode(new byte[TxCodec.MAX_GOV_TX_BYTES + 1])).reason());
        // an approver count above the bound
        byte[] many = enc.clone();
        int countAt = 10 + 32 + 8 + 17 + 24;
        many[countAt] = (byte) (dev.bulwark.ledger.GovPropose.MAX_APPROVERS + 1);
        assertEquals(Reason.OVERSIZED, assertThrows(StateException.class, () -> TxCodec.decode(many)).reason());
        // a block with more than MAX_GOV_PROPOSALS large governance transactions is oversized
        byte[][] approvals = new byte[20][];
        AccountKey[] approvers = new AccountKey[20];
        for (int i = 0; i < 20; i++) {
            approvals[i] = new byte[64];
            approvers[i] = key(1);
        }
        SignedTx big = new SignedTx(new GovPropose(CHAIN, key(0), 1, p, approvers), concat(new byte[64], approvals));
        java.util.List<SignedTx> txs = new java.util.ArrayList<>();
        for (int i = 0; i <= BlockCodec.MAX_GOV_PROPOSALS; i++) {
            txs.add(big);
        }
        assertEquals(Reason.OVERSIZED, assertThrows(StateException.class, () -> BlockCodec.encode(CHAIN, 1, new byte[BlockCodec.APP_HASH_BYTES], txs))
                .reason());
        assertTrue(txs.size() <= Block.MAX_TXS);
    }

    private static byte[][] concat(byte[] first, byte[][] rest) {
        byte[][] out = new byte[rest.length + 1][];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
