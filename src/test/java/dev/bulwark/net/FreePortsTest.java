package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Chosen ports: outside the outgoing-connection range, never twice from one set, bindable. */
class FreePortsTest {

    @Test
    void portsAreBelowTheOutgoingRangeDistinctAndBindable() throws Exception {
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int before = chosen.size();
            int p = FreePorts.choose("127.0.0.1", chosen);
            assertTrue(p >= FreePorts.LOW && p <= FreePorts.HIGH, "port " + p + " is outside 20000..32767");
            assertEquals(before + 1, chosen.size(), "port " + p + " was chosen twice");
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(p, s.getLocalPort());
            }
        }
    }

    @Test
    void aPortInUseIsNotChosen() throws Exception {
        // hold a port of the range; the first draws name it, then a free one
        Set<Integer> chosen = new HashSet<>();
        int heldPort = FreePorts.choose("127.0.0.1", chosen);
        int freePort = FreePorts.choose("127.0.0.1", chosen);
        chosen.clear();
        try (ServerSocket held = new ServerSocket(heldPort, 1, InetAddress.getByName("127.0.0.1"))) {
            int[] draws = {heldPort, heldPort, heldPort, freePort};
            int[] next = {0};
            int p = FreePorts.choose("127.0.0.1", chosen, () -> draws[Math.min(next[0]++, draws.length - 1)]);
            assertEquals(freePort, p, "the held port was drawn three times and refused; the fourth draw is free");
            assertEquals(4, next[0]);
            assertEquals(Set.of(freePort), chosen);
        }
    }

    @Test
    void aPortOnlyEverDrawnInUseFallsBackToAKernelPort() throws Exception {
        // every draw names a held port of the range: after the attempts, a kernel-assigned port
        Set<Integer> chosen = new HashSet<>();
        int heldPort = FreePorts.choose("127.0.0.1", chosen);
        chosen.clear();
        try (ServerSocket held = new ServerSocket(heldPort, 1, InetAddress.getByName("127.0.0.1"))) {
            int[] draws = {0};
            int p = FreePorts.choose("127.0.0.1", chosen, () -> {
                draws[0]++;
                return heldPort;
            });
            assertEquals(FreePorts.ATTEMPTS, draws[0]);
            assertTrue(p != heldPort, "a port in use");
            assertFalse(p >= FreePorts.LOW && p <= FreePorts.HIGH, "a kernel-assigned port lies above the range");
            assertEquals(Set.of(p), chosen);
        }
    }

    @Test
    void aFullRangeFallsBackToAKernelPort() throws Exception {
        // every port of the range already chosen: no draw is tried, a kernel-assigned port is returned
        Set<Integer> chosen = new HashSet<>();
        for (int p = FreePorts.LOW; p <= FreePorts.HIGH; p++) {
            chosen.add(p);
        }
        int p = FreePorts.choose("127.0.0.1", chosen);
        assertFalse(p >= FreePorts.LOW && p <= FreePorts.HIGH, "all of the range was taken: a kernel-assigned port");
        assertTrue(chosen.contains(p));
        assertEquals(FreePorts.HIGH - FreePorts.LOW + 2, chosen.size());
    }
}
