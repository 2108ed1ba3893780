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
        // hold a port and mark every other port of the range chosen: the only draw left is the held one
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Set<Integer> chosen = new HashSet<>();
            for (int p = FreePorts.LOW; p <= FreePorts.HIGH; p++) {
                chosen.add(p);
            }
            int p = FreePorts.choose("127.0.0.1", chosen);
            assertFalse(p >= FreePorts.LOW && p <= FreePorts.HIGH, "all of the range was taken: a kernel-assigned port");
            assertTrue(p != held.getLocalPort(), "a port in use");
            assertTrue(chosen.contains(p));
        }
    }
}
