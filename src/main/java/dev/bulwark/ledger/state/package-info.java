/**
 * The ledger's byte layouts and hashes (pure, deterministic; not in the verified set): the
 * canonical encodings of signed transactions ({@link dev.bulwark.ledger.state.TxCodec}) and blocks
 * ({@link dev.bulwark.ledger.state.BlockCodec}, the 32-byte {@link dev.bulwark.ledger.state.BlockHash}
 * and its one mapping to a consensus value), Ed25519 signatures of transactions for the shell
 * ({@link dev.bulwark.ledger.state.TxSignatures}), the app hash -- a 5-ary Merkle tree over the
 * accounts updated incrementally, with inclusion proofs ({@link dev.bulwark.ledger.state.AppHash},
 * {@link dev.bulwark.ledger.state.AccountProof}) -- and snapshots of the whole state
 * ({@link dev.bulwark.ledger.state.Snapshot}).  Every decoder checks its bounds before it allocates
 * and refuses anything that is not exactly one canonical encoding with
 * {@link dev.bulwark.ledger.state.StateException} and a {@link dev.bulwark.ledger.state.Reason}.
 */
package dev.bulwark.ledger.state;
