package dev.bulwark.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The key index (chained hash table in int arrays) against a HashMap, and the liquidation pass's
 * id set against a TreeSet: the same answers through growth, copies, colliding slots and the
 * pass's pattern of adds above the visited id.
 */
class KeyIndexTest {

    private static AccountKey key(SplittableRandom rnd, int distinctWords) {
        // few distinct words: many keys share words, and slots collide often
        return new AccountKey(rnd.nextInt(distinctWords), rnd.nextInt(distinctWords), rnd.nextInt(distinctWords * 70),
                rnd.nextInt(distinctWords));
    }

    @Test
    void leastRoomIsAboveGovernanceKeyBound() {
        // the proofs tell a key index's tables and the per-account arrays from governance's
        // approval rows (one entry per key) by their length
        assertTrue(KeyIndex.MIN_CAPACITY > dev.bulwark.governance.Governance.MAX_KEYS);
        assertTrue(Ledger.MIN_CAPACITY > dev.bulwark.governance.Governance.MAX_KEYS);
        KeyIndex ix = new KeyIndex(1);
        for (int i = 0; i < KeyIndex.MIN_CAPACITY + 1; i++) {
            assertEquals(i, ix.add(new AccountKey(i, 0, 0, i)));
        }
        assertEquals(KeyIndex.MIN_CAPACITY + 1, ix.size());
        for (int i = 0; i < KeyIndex.MIN_CAPACITY + 1; i++) {
            assertEquals(i, ix.indexOf(new AccountKey(i, 0, 0, i)));
        }
        assertEquals(-1, ix.indexOf(new AccountKey(-1, 0, 0, -1)));
    }

    @Test
    void indexAnswersAsAMap() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 20; round++) {
            KeyIndex ix = new KeyIndex(1 + rnd.nextInt(4));
            Map<AccountKey, Integer> model = new HashMap<>();
            List<AccountKey> order = new ArrayList<>();
            int n = 1 + rnd.nextInt(3_000);
            for (int t = 0; t < n; t++) {
                // an equal key built anew: lookups must be structural, not by identity
                AccountKey k = key(rnd, 3);
                AccountKey probe = new AccountKey(k.word(0), k.word(1), k.word(2), k.word(3));
                Integer expected = model.get(probe);
                assertEquals(expected == null ? -1 : expected, ix.indexOf(probe));
                if (expected == null) {
                    int i = ix.add(k);
                    assertEquals(order.size(), i);
                    model.put(k, i);
                    order.add(k);
                }
                if (rnd.nextInt(500) == 0) {
                    KeyIndex c = ix.copy();
                    AccountKey extra = key(rnd, 1_000_000);
                    if (!model.containsKey(extra)) {
                        c.add(extra);
                        assertEquals(-1, ix.indexOf(extra), "a copy is independent");
                        assertEquals(order.size(), c.indexOf(extra));
                    }
                }
            }
            assertEquals(order.size(), ix.size());
            for (int i = 0; i < order.size(); i++) {
                assertSame(order.get(i), ix.key(i));
                assertEquals(i, ix.indexOf(order.get(i)));
            }
            assertEquals(-1, ix.indexOf(null));
        }
    }

    @Test
    void idSetGivesIdsLeastFirstOnce() {
        SplittableRandom rnd = new SplittableRandom(5);
        IdQueue q = new IdQueue();
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(2_000);
            q.reset(n);
            assertTrue(q.isEmpty());
            TreeSet<Integer> model = new TreeSet<>();
            int cursor = -1;
            for (int t = 0; t < 4 * n; t++) {
                if (rnd.nextBoolean() && cursor + 1 < n) {
                    int id = cursor + 1 + rnd.nextInt(n - cursor - 1);   // the pass adds above the visited id
                    q.add(id);
                    model.add(id);
                } else if (!model.isEmpty()) {
                    assertEquals((int) model.first(), q.peek());
                    cursor = q.poll();
                    assertEquals((int) model.pollFirst(), cursor);
                }
                assertEquals(model.isEmpty(), q.isEmpty());
            }
            if (rnd.nextBoolean()) {
                // left non-empty: reset clears it
                q.reset(n);
                model.clear();
                assertTrue(q.isEmpty());
                q.add(n - 1);
                assertFalse(q.isEmpty());
                assertEquals(n - 1, q.poll());
            }
            while (!model.isEmpty()) {
                assertEquals((int) model.pollFirst(), q.poll());
            }
            assertTrue(q.isEmpty());
        }
    }
}
