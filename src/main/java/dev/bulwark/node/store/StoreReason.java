package dev.bulwark.node.store;

/** Why the node's disk store refused something (see {@link StoreException}). */
public enum StoreReason {
    /** The WAL's last sync batch does not pass its length or checksum check: a torn tail, dropped on open. */
    TORN_TAIL,
    /** A WAL record that fails its check and is followed by intact batches, or a stored value that does not decode. */
    CORRUPT,
    /** A block that does not extend the store, a snapshot not above the current one, a height out of range. */
    BAD_HEIGHT,
    /** RocksDB reported an error (I/O, a lock held by another process, ...). */
    IO,
    /** The store is closed. */
    CLOSED
}
