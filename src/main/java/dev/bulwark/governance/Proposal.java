package dev.bulwark.governance;

/**
 * A proposal: a payload, the chain it is for and its nonce.  Its hash -- what owners sign, over
 * the canonical encoding of dev.bulwark.net.GovernanceCodec -- covers all three, so a signature
 * for one chain or nonce is no signature for another.  Immutable; two proposals with the same
 * content are {@link #sameAs the same proposal} (the spec compares records).
 */
public final class Proposal {
    // nullable: a proposal without a payload is representable (kind 0) and refused by propose
    // (INVALID_PAYLOAD); an open slot's proposal has one (Governance's invariant)
    //@ spec_public
    private final /*@ nullable @*/ Payload payload;
    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final long nonce;

    /*@ public normal_behavior
      @   ensures this.payload == payload && this.chainId == chainId && this.nonce == nonce;
      @ pure
      @*/
    public Proposal(/*@ nullable @*/ Payload payload, long chainId, long nonce) {
        this.payload = payload;
        this.chainId = chainId;
        this.nonce = nonce;
    }

    //@ public normal_behavior
    //@   ensures \result == payload;
    //@ pure
    public /*@ nullable @*/ Payload payload() {
        return payload;
    }

    //@ public normal_behavior
    //@   ensures \result == chainId;
    //@ pure
    public long chainId() {
        return chainId;
    }

    //@ public normal_behavior
    //@   ensures \result == nonce;
    //@ pure
    public long nonce() {
        return nonce;
    }

    /** The payload's kind, or 0 for a proposal without a payload. */
    //@ public normal_behavior
    //@   ensures payload != null ==> \result == payload.kind();
    //@   ensures payload == null ==> \result == 0;
    //@ pure
    public int kind() {
        return payload == null ? 0 : payload.kind();
    }

    /** Same chain, nonce and payload content. */
    /*@ public normal_behavior
      @   ensures \result <==> o != null && o.chainId == chainId && o.nonce == nonce
      @        && payload != null && payload.sameAs(o.payload);
      @   reads \nothing;
      @ pure
      @*/
    public boolean sameAs(/*@ nullable @*/ Proposal o) {
        return o != null && o.chainId == chainId && o.nonce == nonce && payload != null && payload.sameAs(o.payload);
    }

    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(Object o) {
        return o instanceof Proposal && sameAs((Proposal) o);
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return (payload == null ? 0 : payload.hashCode()) * 31 * 31 + Long.hashCode(chainId) * 31 + Long.hashCode(nonce);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return payload + "@chain " + chainId + " nonce " + nonce;
    }
}
