package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.net.ConsensusSigner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid frames of every type (flipped bits, overwritten bytes, truncation,
 * extension, a changed type byte) never make a node throw: each is refused with a typed reason
 * and leaves the node unchanged, or is used (a mutation that happens to be a valid frame).
 */
class FrameFuzzTest {
    @Test
    void mutatedFramesAreRefusedWithoutEffectOrUsed() {
        Cluster c = new Cluster(4, 4242L);
        c.bootAll();
        assertNull(c.node(1).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(3) && ClusterTest.allApplied(c, 0, 1), 60_000));
        NodeCore node = c.node(0);
        long h = node.height();
        long chain = Cluster.CHAIN;
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Frames.status(chain, h, node.round(), h - 1));
        seeds.add(Frames.consensus(chain, new ConsensusSigner(2, chain, c.seeds[2]).sign(Message.prevote(2, h, node.round() + 1,
                Value.NIL))));
        byte[] blk = BlockCodec.encode(chain, h, node.appHash(), List.of(TxCodec.decode(c.deposit(1, 3))));
        seeds.add(Frames.proposalBlock(chain, h, 0, blk));
        byte[] next = BlockCodec.encode(chain, h, node.appHash(), List.of());
        Value v = BlockCodec.hash(next).consensusValue();
        byte[][] pcs = new byte[3][];
        for (int i = 1; i <= 3; i++) {
            pcs[i - 1] = new ConsensusSigner(i, chain, c.seeds[i]).sign(Message.precommit(i, h, 0, v));
        }
        seeds.add(Frames.blockResponse(chain, h, pcs, next));
        seeds.add(Frames.tx(chain, c.deposit(2, 77)));
        seeds.add(Frames.txs(chain, java.util.List.of(c.deposit(3, 5), c.deposit(3, 6), c.deposit(1, 9))));
        // state sync frames: requests, and answers nobody asked for
        seeds.add(Frames.snapshotRequest(chain, h - 1));
        byte[] snap = new byte[40];
        seeds.add(Frames.snapshotManifest(chain, h - 1, snap.length, 16, Frames.chunkDigests(snap, 16), pcs, next));
        seeds.add(Frames.chunkRequest(chain, h - 1, 1));
        seeds.add(Frames.chunkResponse(chain, h - 1, 1, snap, 16, 32));
        seeds.add(Frames.snapshotGone(chain, h - 1, 0));
        // the retired types (7: the single-frame snapshot response; 8, 9: COMMITS) are unknown now: the
        // type mutation below reaches them (MALFORMED), and 15, one past the last type
        SplittableRandom rnd = new SplittableRandom(1);
        int refused = 0;
        int used = 0;
        for (int k = 0; k < 3_000; k++) {
            byte[] f = seeds.get(rnd.nextInt(seeds.size())).clone();
            switch (rnd.nextInt(5)) {
                case 0:
                    f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                    break;
                case 1:
                    f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                    break;
                case 2:
                    f = Arrays.copyOf(f, rnd.nextInt(f.length));
                    break;
                case 3:
                    f = Arrays.copyOf(f, f.length + 1 + rnd.nextInt(64));
                    break;
                default:
                    f[0] = (byte) (1 + rnd.nextInt(15));
                    break;
            }
            String before = node.fingerprint();
            Reason r = node.onFrame(1 + rnd.nextInt(3), f);
            if (r == null) {
                used++;
            } else {
                refused++;
                assertEquals(before, node.fingerprint(), "refused (" + r + ") but changed the node");
            }
        }
        assertTrue(refused > 2_500, "refused " + refused + ", used " + used);
        System.out.println("fuzzed frames: " + refused + " refused without effect, " + used + " used; by reason "
                + node.refusals());
    }
}
