package dev.bulwark.node;

/**
 * Node-to-node frames. Peers are validator indices, authenticated by the transport (the real
 * one by a signed handshake against the validator set's keys; the in-memory one by
 * construction); inbound frames come back as {@link NodeCore#onFrame(int, byte[])} from that
 * authenticated index. Delivery is best effort: frames may be lost, delayed, reordered; the
 * node's periodic gossip makes up for losses. A frame longer than {@link Frames#MAX_FRAME_BYTES}
 * is never sent (and refused on receipt).
 */
public interface Transport {
    /** Sends a frame to one peer (dropped if it is not connected). */
    void send(int peer, byte[] frame);

    /** Sends a frame to every connected peer. */
    void broadcast(byte[] frame);

    /** Is the peer connected now? */
    boolean connected(int peer);
}
