package dev.bulwark.node;

import java.util.List;

/**
 * The consensus write-ahead log: per height, the validator's state after each step, every
 * message it signed, the messages it received and acted on, and the proposal blocks it holds
 * (see {@link WalRecord}). The rule the node keeps: a signed message is appended and
 * {@link #sync() synced} before it is handed to the transport, so after a crash the replayed
 * log contains everything the validator ever let out, and it restores into the same height,
 * round and step ({@code Validator.fromState}) and signs nothing conflicting.
 *
 * <p>Durability: {@link #sync()} makes every record appended so far durable, in order (a crash
 * loses at most an unsynced suffix). {@link #truncateBelow} drops the records of heights that
 * are committed (their block and certificate are in the block store).
 */
public interface ConsensusWal {
    /** Appends a record of a height (not yet durable). */
    void append(long height, byte[] record);

    /** Makes every appended record durable. */
    void sync();

    /** The durable records of heights at or above {@code fromHeight}, in append order (copies). */
    List<byte[]> replay(long fromHeight);

    /** Drops the records of heights below {@code height}. */
    void truncateBelow(long height);
}
