package dev.bulwark.node;

/**
 * The signed precommits that certify each stored block (the replica's {@code BlockStore} keeps
 * the certificate's messages, not their signatures; a peer that catches up from us must be able
 * to check every signature). Written and synced before the block itself is stored, so every
 * stored block has its signed commit.
 */
public interface CommitStore {
    /** Stores the encoded signed commit of height h ({@link Frames#encodeCommit}); durable on return. */
    void put(long height, byte[] signedCommit);

    /** The signed commit of height h, or null. */
    byte[] get(long height);
}
