package dev.bulwark.consensus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The contract's formula: Proposer(h, r) == ProposerSeq[((h - 1 + r) % Len(ProposerSeq)) + 1]. */
class ProposerSelectionTest {

    @Property(tries = 500)
    void matchesTheContractFormula(@ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int n,
            @ForAll @LongRange(min = 1, max = ProposerSelection.MAX_HEIGHT) long h,
            @ForAll @IntRange(min = 0, max = ProposerSelection.MAX_ROUND) int r) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] seq = order.stream().mapToInt(Integer::intValue).toArray();
        ProposerSelection ps = new ProposerSelection(seq);
        // the spec's 1-indexed sequence, written out literally
        long oneBased = ((h - 1 + r) % n) + 1;
        assertEquals(order.get((int) oneBased - 1), ps.proposer(h, r));
    }

    @Test
    void roundRobinOverHeightsAndRounds() {
        ProposerSelection ps = new ProposerSelection(new int[] {2, 0, 1});
        assertEquals(2, ps.proposer(1, 0));
        assertEquals(0, ps.proposer(1, 1));
        assertEquals(0, ps.proposer(2, 0));
        assertEquals(1, ps.proposer(2, 1));
        assertEquals(2, ps.proposer(3, 1));
    }

    @Test
    void rejectsOrdersThatAreNotPermutations() {
        for (int[] bad : new int[][] {null, {}, {0, 0}, {1, 2}, {0, -1}, new int[ValidatorSet.MAX_VALIDATORS + 1]}) {
            ConsensusException e = assertThrows(ConsensusException.class, () -> new ProposerSelection(bad));
            assertEquals(Reason.INVALID_CONFIG, e.reason());
        }
    }
}
