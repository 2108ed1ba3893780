package dev.bulwark.node.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.net.Ed25519;
import dev.bulwark.node.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's refusals, from a raw TCP client against one real {@link NettyTransport}
 * (validator 0 of 3; the client plays validator 1 or an impostor): every bad handshake closes the
 * connection and is counted under its reason, and the peer is not connected; a good handshake
 * connects; an oversized frame closes even an authenticated connection. And the event loop's
 * queue is bounded: what does not fit is dropped and counted.
 */
class TransportRefusalTest {
    static final long CHAIN = 5;
    private final byte[][] seeds = new byte[3][32];
    private final byte[][] keys = new byte[3][];
    private EventLoop loop;
    private NettyTransport t;
    private InetSocketAddress addr;

    @BeforeEach
    void up() throws IOException {
        for (int i = 0; i < 3; i++) {
            Arrays.fill(seeds[i], (byte) (i + 1));
            keys[i] = Ed25519.signer(seeds[i]).publicKey();
        }
        // validator 0 dials 1 and 2 at unused addresses (it keeps re-dialing with backoff; harmless)
        InetSocketAddress[] a = {new InetSocketAddress("127.0.0.1", RealClusterTest.freePort()),
            new InetSocketAddress("127.0.0.1", RealClusterTest.freePort()), new InetSocketAddress("127.0.0.1", RealClusterTest.freePort())};
        loop = new EventLoop("test-loop");
        t = new NettyTransport(CHAIN, 0, keys, seeds[0], a, loop);
        addr = t.localAddress();
    }

    @AfterEach
    void down() {
        t.close();
        loop.close();
    }

    /** A raw client: reads the server's HELLO first. */
    private final class Client implements AutoCloseable {
        final Socket s;
        final DataInputStream in;
        final DataOutputStream out;
        final byte[] serverHello;

        Client() throws IOException {
            s = new Socket(addr.getAddress(), addr.getPort());
            s.setSoTimeout(10_000);
            in = new DataInputStream(s.getInputStream());
            out = new DataOutputStream(s.getOutputStream());
            serverHello = read();
            assertEquals(Handshake.HELLO_BYTES, serverHello.length);
        }

        byte[] read() throws IOException {
            int len = in.readInt();
            byte[] f = new byte[len];
            in.readFully(f);
            return f;
        }

        void send(byte[] f) throws IOException {
            out.writeInt(f.length);
            out.write(f);
            out.flush();
        }

        /** The server closed the connection (EOF on the next read). */
        boolean closedByServer() {
            try {
                while (true) {
                    read();
                }
            } catch (java.io.EOFException | java.net.SocketException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    private static byte[] nonce(int b) {
        byte[] n = new byte[32];
        Arrays.fill(n, (byte) b);
        return n;
    }

    private long count(TransportReason r) {
        return t.counter(r);
    }

    private void awaitCount(TransportReason r, long n) throws InterruptedException {
        RealClusterTest.await(r + " counted " + n, () -> count(r) >= n);
        assertEquals(n, count(r));
    }

    @Test
    void aKeyThatIsNotTheValidatorsIsAnUnknownPeer() throws Exception {
        byte[] impostor = Ed25519.signer(new byte[32]).publicKey();
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, impostor, nonce(9)));
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.UNKNOWN_PEER, 1);
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 0, keys[0], nonce(9))); // claims to be the server itself
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.UNKNOWN_PEER, 2);
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 7, keys[1], nonce(9))); // no such validator
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.UNKNOWN_PEER, 3);
        assertFalse(t.connected(1));
    }

    @Test
    void anotherChainIsRefused() throws Exception {
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN + 1, 1, keys[1], nonce(9)));
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.WRONG_CHAIN, 1);
    }

    @Test
    void aBadOrReplayedSignatureIsRefusedAndAGoodOneConnects() throws Exception {
        Ed25519.Signer v1 = Ed25519.signer(seeds[1]);
        byte[] recorded;
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            assertEquals(Handshake.AUTH_BYTES, c.read().length);
            // signed over a nonce other than the server's (as a replay from another connection would be)
            Handshake.Hello fake = new Handshake.Hello(0, nonce(3));
            c.send(Handshake.auth(CHAIN, true, 1, v1, nonce(9), fake));
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.BAD_SIGNATURE, 1);
        assertFalse(t.connected(1));
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            Handshake.Hello server = Handshake.checkHello(c.serverHello, CHAIN, 1, keys, 0);
            recorded = Handshake.auth(CHAIN, true, 1, v1, nonce(9), server);
            c.send(recorded);
            RealClusterTest.await("validator 1 connected", () -> t.connected(1));
            // authenticated: a node frame now reaches the event loop; a frame above the maximum closes
            c.out.writeInt(Frames.MAX_FRAME_BYTES + 1);
            c.out.flush();
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.OVERSIZE, 1);
        RealClusterTest.await("validator 1 disconnected", () -> !t.connected(1));
        // a relayed AUTH: validator 1's signature over the server's nonce, but made as the
        // accepting side (what a third party posing to validator 1 as validator 0 would obtain)
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            c.send(Handshake.auth(CHAIN, false, 1, v1, nonce(9), Handshake.checkHello(c.serverHello, CHAIN, 1, keys, 0)));
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.BAD_SIGNATURE, 2);
        // the recorded AUTH replayed on a new connection: the server's nonce is fresh, it fails
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            c.send(recorded);
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.BAD_SIGNATURE, 3);
    }

    @Test
    void aHandshakeUnderWayWhenTheNodeIsCutOffDoesNotConnectAndTheHealAcceptsAgain() throws Exception {
        Ed25519.Signer v1 = Ed25519.signer(seeds[1]);
        try (Client c = new Client()) {
            // HELLOs exchanged (the connection was accepted before the cut), then the cable is pulled
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            t.setCutOff(true);
            c.send(Handshake.auth(CHAIN, true, 1, v1, nonce(9), Handshake.checkHello(c.serverHello, CHAIN, 1, keys, 0)));
            assertTrue(c.closedByServer(), "a handshake completed after the cut is closed, not connected");
        }
        assertFalse(t.connected(1));
        try (Socket s = new Socket(addr.getAddress(), addr.getPort())) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "while cut off, a new connection is closed before any HELLO");
        }
        t.setCutOff(false);
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            c.send(Handshake.auth(CHAIN, true, 1, v1, nonce(9), Handshake.checkHello(c.serverHello, CHAIN, 1, keys, 0)));
            RealClusterTest.await("validator 1 connected after the heal", () -> t.connected(1));
            // and an authenticated connection is dropped by the next cut
            t.setCutOff(true);
            assertTrue(c.closedByServer());
        }
        assertFalse(t.connected(1));
    }

    @Test
    void framesBeforeTheHandshakeAreRefused() throws Exception {
        try (Client c = new Client()) {
            c.send(Frames.status(CHAIN, 1, 0, 0)); // a node frame instead of HELLO
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.HANDSHAKE_MALFORMED, 1);
        try (Client c = new Client()) {
            c.out.writeInt(1 << 20); // a length above the handshake frame: refused before it is read
            c.out.flush();
            assertTrue(c.closedByServer());
        }
        awaitCount(TransportReason.OVERSIZE, 1);
    }

    @Test
    void silentConnectionsAreBoundedAndTimedOut() throws Exception {
        Socket[] silent = new Socket[NettyTransport.MAX_PENDING];
        try {
            for (int k = 0; k < silent.length; k++) {
                silent[k] = new Socket(addr.getAddress(), addr.getPort());
                silent[k].setSoTimeout(30_000);
                new DataInputStream(silent[k].getInputStream()).readInt(); // the server's HELLO arrives: it is pending
            }
            try (Socket extra = new Socket(addr.getAddress(), addr.getPort())) {
                extra.setSoTimeout(30_000);
                assertEquals(-1, extra.getInputStream().read(), "one pending connection too many: closed at once");
            }
            awaitCount(TransportReason.TOO_MANY_PENDING, 1);
            // none of the 16 ever sends its HELLO: each is closed after the handshake timeout
            awaitCount(TransportReason.HANDSHAKE_TIMEOUT, NettyTransport.MAX_PENDING);
            for (Socket x : silent) {
                DataInputStream in = new DataInputStream(x.getInputStream());
                in.readFully(new byte[Handshake.HELLO_BYTES]);
                assertEquals(-1, in.read(), "closed by the server");
            }
        } finally {
            for (Socket x : silent) {
                if (x != null) {
                    x.close();
                }
            }
        }
        // and a real peer can still connect afterwards (the pending count went back down)
        try (Client c = new Client()) {
            c.send(Handshake.hello(CHAIN, 1, keys[1], nonce(9)));
            c.read();
            c.send(Handshake.auth(CHAIN, true, 1, Ed25519.signer(seeds[1]), nonce(9), Handshake.checkHello(c.serverHello, CHAIN, 1, keys, 0)));
            RealClusterTest.await("validator 1 connected", () -> t.connected(1));
        }
    }

    @Test
    void theEventQueueIsBoundedAndDropsWhatDoesNotFit() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        loop.executor().execute(() -> {
            try {
                hold.await(); // the event thread is busy: nothing is drained
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int accepted = 0;
        for (int k = 0; k < EventLoop.MAX_QUEUED_EVENTS + 100; k++) {
            if (loop.offerFrame(1, new byte[] {3})) {
                accepted++;
            }
        }
        assertEquals(EventLoop.MAX_QUEUED_EVENTS, accepted);
        assertEquals(100, loop.dropped());
        // the byte bound: one 64 MiB frame does not fit beside the queued ones
        assertFalse(loop.offerFrame(1, new byte[(int) EventLoop.MAX_QUEUED_BYTES]));
        assertEquals(101, loop.dropped());
        hold.countDown();
        RealClusterTest.await("drained", () -> loop.offerFrame(1, new byte[] {3}));
        assertThrows(IllegalStateException.class, () -> loop.call(() -> {
            throw new IllegalStateException("a task's failure reaches its caller");
        }, 1_000));
        assertTrue(loop.call(() -> loop.onLoop(), 1_000));
    }
}
