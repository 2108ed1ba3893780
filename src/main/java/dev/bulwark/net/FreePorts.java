package dev.bulwark.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Ports for nodes that are told their peers' addresses before they start ({@code bulwark
 * testnet init --base-port 0}, and the tests that start clusters in one JVM).
 *
 * <p>A port is drawn from 20000..32767, below Linux's default range for the local ports of
 * outgoing connections (32768..60999), and checked free by binding it once. A kernel-assigned
 * port ({@code new ServerSocket(0)}) comes from that outgoing range: between choosing it and a
 * node binding it, a connection already made by an earlier node may be handed the same port,
 * and the node fails to start with "Address already in use". None is chosen twice from one set.
 */
public final class FreePorts {
    static final int LOW = 20000;
    static final int HIGH = 32767;
    static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /**
     * A port on {@code host} that is free now and not in {@code chosen}; added to {@code chosen}.
     * A kernel-assigned port if {@value #ATTEMPTS} draws find none free.
     */
    public static int choose(String host, Set<Integer> chosen) throws IOException {
        return choose(host, chosen, () -> LOW + ThreadLocalRandom.current().nextInt(HIGH - LOW + 1));
    }

    /** As {@link #choose(String, Set)}, with the draws given (tests name the ports drawn). */
    static int choose(String host, Set<Integer> chosen, IntSupplier draw) throws IOException {
        InetAddress addr = InetAddress.getByName(host);
        synchronized (chosen) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = draw.getAsInt();
                if (chosen.contains(port)) {
                    continue;
                }
                try (ServerSocket free = new ServerSocket(port, 1, addr)) {
                    chosen.add(port);
                    return port;
                } catch (IOException inUse) {
                    // taken: draw again
                }
            }
            try (ServerSocket free = new ServerSocket(0, 1, addr)) {
                chosen.add(free.getLocalPort());
                return free.getLocalPort();
            }
        }
    }
}
