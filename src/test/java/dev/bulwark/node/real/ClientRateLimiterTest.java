package dev.bulwark.node.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The per-address token bucket of the HTTP API, on a test clock. */
class ClientRateLimiterTest {
    static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void burstThenRateAndAddressesAreIndependent() throws Exception {
        long[] now = {0};
        ClientRateLimiter l = new ClientRateLimiter(10, 5, 16, () -> now[0]);
        for (int i = 0; i < 5; i++) {
            assertTrue(l.tryAcquire(ip(1)));
        }
        assertFalse(l.tryAcquire(ip(1)), "burst spent");
        assertTrue(l.tryAcquire(ip(2)), "another address has its own bucket");
        now[0] += 100_000_000L; // 0.1 s at 10/s: one token
        assertTrue(l.tryAcquire(ip(1)));
        assertFalse(l.tryAcquire(ip(1)));
        now[0] += 60_000_000_000L; // a minute: the burst, not more
        int granted = 0;
        while (l.tryAcquire(ip(1))) {
            granted++;
        }
        assertEquals(5, granted);
    }

    @Test
    void theTableIsBoundedIdleClientsMakeRoomActiveOnesDoNot() throws Exception {
        long[] now = {0};
        ClientRateLimiter l = new ClientRateLimiter(1, 2, 3, () -> now[0]);
        for (int a = 1; a <= 3; a++) {
            assertTrue(l.tryAcquire(ip(a)));
        }
        assertEquals(3, l.tracked());
        assertFalse(l.tryAcquire(ip(4)), "three clients mid-burst: a fourth address is refused, none pushed out");
        assertEquals(3, l.tracked());
        now[0] += 2_000_000_000L; // all three refilled: idle, the same as new
        assertTrue(l.tryAcquire(ip(4)));
        assertEquals(1, l.tracked(), "the refilled buckets were dropped");
        assertThrows(IllegalArgumentException.class, () -> new ClientRateLimiter(0, 1, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new ClientRateLimiter(1, 0, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new ClientRateLimiter(1, 1, 0, () -> 0));
    }
}
