package dev.bulwark.node.real;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: each address may make {@code burst} requests at once and
 * {@code ratePerSecond} per second after that; a request without a token is refused (the API
 * answers 429 {@code RATE_LIMITED}). Bounded: at most {@code maxClients} addresses are tracked;
 * when that many are and a new one arrives, the buckets that have refilled (an idle client is
 * the same as a new one) are dropped, and if none has, the new address is refused until one does
 * (a flood from many addresses cannot grow the table or push out a client mid-burst).
 */
final class ClientRateLimiter {
    private static final class Bucket {
        double tokens;
        long atNanos;

        Bucket(double tokens, long atNanos) {
            this.tokens = tokens;
            this.atNanos = atNanos;
        }
    }

    private final double ratePerSecond;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanos;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    ClientRateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier nanos) {
        if (!(ratePerSecond > 0) || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate > 0, burst >= 1, clients >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanos = nanos;
    }

    private void refill(Bucket b, long now) {
        b.tokens = Math.min(burst, b.tokens + (now - b.atNanos) / 1e9 * ratePerSecond);
        b.atNanos = now;
    }

    /** Takes a token for this address: false when it has none (or the table is full of active clients). */
    synchronized boolean tryAcquire(InetAddress client) {
        long now = nanos.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            if (buckets.size() >= maxClients) {
                for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
                    Bucket x = it.next();
                    refill(x, now);
                    if (x.tokens >= burst) {
                        it.remove();
                    }
                }
                if (buckets.size() >= maxClients) {
                    return false;
                }
            }
            b = new Bucket(burst, now);
            buckets.put(client, b);
        }
        refill(b, now);
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    synchronized int tracked() {
        return buckets.size();
    }
}
