package dev.bulwark.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The key's equality, hash code and order, which the key index's hash map relies on (its
 * colliding bins are ordered by compareTo): equal exactly for equal bytes, equal keys hash alike,
 * and the order is the unsigned lexicographic order of the 32 bytes.
 */
class AccountKeyTest {

    @Test
    void equalityHashAndOrderFollowTheBytes() throws LedgerException {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 5_000; t++) {
            byte[] a = new byte[AccountKey.BYTES];
            rnd.nextBytes(a);
            byte[] b = a.clone();
            if (rnd.nextBoolean()) {
                // differ in one byte, often in the sign bit of a word or only in a late word
                int i = rnd.nextInt(AccountKey.BYTES);
                b[i] ^= (byte) (rnd.nextBoolean() ? 0x80 : 1 << rnd.nextInt(8));
            }
            AccountKey ka = AccountKey.of(a);
            AccountKey kb = AccountKey.of(b);
            int expected = Integer.signum(Arrays.compareUnsigned(a, b));
            assertEquals(expected, ka.compareTo(kb), "order of " + Arrays.toString(a) + " and " + Arrays.toString(b));
            assertEquals(-expected, kb.compareTo(ka));
            assertEquals(expected == 0, ka.equals(kb));
            assertEquals(expected == 0, kb.equals(ka));
            if (expected == 0) {
                assertEquals(ka.hashCode(), kb.hashCode());
            }
            assertEquals(ka, AccountKey.of(ka.toBytes()));
        }
        AccountKey k = AccountKey.of(new byte[AccountKey.BYTES]);
        assertNotEquals(k, null);
        assertNotEquals(k, (Object) "key");
        assertEquals(0, AccountKey.cmpU(-1L, -1L));
        assertEquals(1, AccountKey.cmpU(-1L, 0L), "unsigned: 0xff..ff is the largest word");
        assertEquals(-1, AccountKey.cmpU(Long.MAX_VALUE, Long.MIN_VALUE));
    }
}
