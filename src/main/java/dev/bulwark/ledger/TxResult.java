package dev.bulwark.ledger;

/**
 * The outcome of one transaction: its {@link TxCode} and, for REFUSED, the margin engine's or
 * the oracle's reason.  Immutable; the results without a reason, and one per refusal reason, are
 * shared constants (applying a transaction allocates nothing).
 */
public final class TxResult {
    //@ spec_public
    private final TxCode code;
    //@ spec_public nullable
    private final dev.bulwark.margin.Reason marginReason;
    //@ spec_public nullable
    private final dev.bulwark.oracle.Reason oracleReason;
    //@ spec_public nullable
    private final dev.bulwark.governance.Reason govReason;

    public static final TxResult APPLIED = new TxResult(TxCode.APPLIED);
    public static final TxResult WRONG_CHAIN = new TxResult(TxCode.WRONG_CHAIN);
    public static final TxResult UNKNOWN_SIGNER = new TxResult(TxCode.UNKNOWN_SIGNER);
    public static final TxResult BAD_NONCE = new TxResult(TxCode.BAD_NONCE);
    public static final TxResult MALFORMED = new TxResult(TxCode.MALFORMED);
    public static final TxResult ACCOUNT_LIMIT = new TxResult(TxCode.ACCOUNT_LIMIT);

    private static final TxResult[] MARGIN_REFUSALS = marginRefusals();
    private static final TxResult[] ORACLE_REFUSALS = oracleRefusals();
    private static final TxResult[] GOV_REFUSALS = govRefusals();

    /*
     * The constructors are helpers: TxResult has no invariant but its fields' non-nullness, which
     * the runtime checker would otherwise check, static fields included, at the end of each
     * construction of the constants above, while the later constants are still null.
     */
    /*@ private normal_behavior
      @   ensures this.code == code && this.marginReason == null && this.oracleReason == null && this.govReason == null;
      @ pure helper
      @*/
    private TxResult(TxCode code) {
        this.code = code;
        this.marginReason = null;
        this.oracleReason = null;
        this.govReason = null;
    }

    /*@ private normal_behavior
      @   ensures this.code == TxCode.REFUSED && this.marginReason == m && this.oracleReason == null && this.govReason == null;
      @ pure helper
      @*/
    private TxResult(dev.bulwark.margin.Reason m) {
        this.code = TxCode.REFUSED;
        this.marginReason = m;
        this.oracleReason = null;
        this.govReason = null;
    }

    /*@ private normal_behavior
      @   ensures this.code == TxCode.REFUSED && this.marginReason == null && this.oracleReason == o && this.govReason == null;
      @ pure helper
      @*/
    private TxResult(dev.bulwark.oracle.Reason o) {
        this.code = TxCode.REFUSED;
        this.marginReason = null;
        this.oracleReason = o;
        this.govReason = null;
    }

    /*@ private normal_behavior
      @   ensures this.code == TxCode.REFUSED && this.marginReason == null && this.oracleReason == null && this.govReason == g;
      @ pure helper
      @*/
    private TxResult(dev.bulwark.governance.Reason g) {
        this.code = TxCode.REFUSED;
        this.marginReason = null;
        this.oracleReason = null;
        this.govReason = g;
    }

    /**
     * The shared REFUSED results, one per reason (at the reason's ordinal).  Not instrumented for
     * runtime checking ({@code skiprac}): the checker's translation of the enum's {@code values()}
     * fails inside OpenJML (a null operand in the synthetic specification), and the one
     * postcondition, {@code \fresh}, is not checkable at run time anyway.
     */
    /*@ private normal_behavior
      @   ensures \fresh(\result);
      @*/
    private static /*@ skiprac @*/ TxResult[] govRefusals() {
        dev.bulwark.governance.Reason[] rs = dev.bulwark.governance.Reason.values();
        TxResult[] out = new TxResult[rs.length];
        //@ loop_invariant 0 <= i <= rs.length && out.length == rs.length;
        //@ decreases rs.length - i;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != null) {
                out[i] = new TxResult(rs[i]);
            }
        }
        return out;
    }

    /**
     * The shared REFUSED results, one per reason (at the reason's ordinal).  Not instrumented for
     * runtime checking ({@code skiprac}): the checker's translation of the enum's {@code values()}
     * fails inside OpenJML (a null operand in the synthetic specification), and the one
     * postcondition, {@code \fresh}, is not checkable at run time anyway.
     */
    /*@ private normal_behavior
      @   ensures \fresh(\result);
      @*/
    private static /*@ skiprac @*/ TxResult[] marginRefusals() {
        dev.bulwark.margin.Reason[] rs = dev.bulwark.margin.Reason.values();
        TxResult[] out = new TxResult[rs.length];
        //@ loop_invariant 0 <= i <= rs.length && out.length == rs.length;
        //@ decreases rs.length - i;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != null) {
                out[i] = new TxResult(rs[i]);
            }
        }
        return out;
    }

    /**
     * The shared REFUSED results, one per reason (at the reason's ordinal).  Not instrumented for
     * runtime checking ({@code skiprac}): the checker's translation of the enum's {@code values()}
     * fails inside OpenJML (a null operand in the synthetic specification), and the one
     * postcondition, {@code \fresh}, is not checkable at run time anyway.
     */
    /*@ private normal_behavior
      @   ensures \fresh(\result);
      @*/
    private static /*@ skiprac @*/ TxResult[] oracleRefusals() {
        dev.bulwark.oracle.Reason[] rs = dev.bulwark.oracle.Reason.values();
        TxResult[] out = new TxResult[rs.length];
        //@ loop_invariant 0 <= i <= rs.length && out.length == rs.length;
        //@ decreases rs.length - i;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != null) {
                out[i] = new TxResult(rs[i]);
            }
        }
        return out;
    }

    /** REFUSED by the margin engine for {@code r}. */
    /*@ public normal_behavior
      @   requires r != null;
      @   ensures \result != null && \result.code == TxCode.REFUSED && \result.marginReason == r;
      @   ensures \result.oracleReason == null && \result.govReason == null;
      @ pure
      @*/
    public static TxResult refused(dev.bulwark.margin.Reason r) {
        TxResult[] t = MARGIN_REFUSALS;
        int i = r.ordinal();
        if (0 <= i && i < t.length) {
            TxResult x = t[i];
            if (x != null && x.code == TxCode.REFUSED && x.marginReason == r && x.oracleReason == null && x.govReason == null) {
                return x;   // always: the table holds every reason at its ordinal (shared, no allocation)
            }
        }
        return new TxResult(r);
    }

    /** REFUSED by the oracle for {@code r}. */
    /*@ public normal_behavior
      @   requires r != null;
      @   ensures \result != null && \result.code == TxCode.REFUSED && \result.oracleReason == r;
      @   ensures \result.marginReason == null && \result.govReason == null;
      @ pure
      @*/
    public static TxResult refused(dev.bulwark.oracle.Reason r) {
        TxResult[] t = ORACLE_REFUSALS;
        int i = r.ordinal();
        if (0 <= i && i < t.length) {
            TxResult x = t[i];
            if (x != null && x.code == TxCode.REFUSED && x.oracleReason == r && x.marginReason == null && x.govReason == null) {
                return x;   // always: the table holds every reason at its ordinal (shared, no allocation)
            }
        }
        return new TxResult(r);
    }

    /** REFUSED by governance for {@code r} (its rule, or the ledger's own condition on a proposal). */
    /*@ public normal_behavior
      @   requires r != null;
      @   ensures \result != null && \result.code == TxCode.REFUSED && \result.govReason == r;
      @   ensures \result.marginReason == null && \result.oracleReason == null;
      @ pure
      @*/
    public static TxResult refused(dev.bulwark.governance.Reason r) {
        TxResult[] t = GOV_REFUSALS;
        int i = r.ordinal();
        if (0 <= i && i < t.length) {
            TxResult x = t[i];
            if (x != null && x.code == TxCode.REFUSED && x.govReason == r && x.marginReason == null && x.oracleReason == null) {
                return x;   // always: the table holds every reason at its ordinal (shared, no allocation)
            }
        }
        return new TxResult(r);
    }

    /** Governance's reason for a REFUSED governance transaction, else null. */
    //@ public normal_behavior
    //@   ensures \result == govReason;
    //@ pure
    public /*@ nullable @*/ dev.bulwark.governance.Reason govReason() {
        return govReason;
    }

    //@ public normal_behavior
    //@   ensures \result == code;
    //@ pure
    public TxCode code() {
        return code;
    }

    /** The margin engine's reason for a REFUSED transaction, else null. */
    //@ public normal_behavior
    //@   ensures \result == marginReason;
    //@ pure
    public /*@ nullable @*/ dev.bulwark.margin.Reason marginReason() {
        return marginReason;
    }

    /** The oracle's reason for a REFUSED report, else null. */
    //@ public normal_behavior
    //@   ensures \result == oracleReason;
    //@ pure
    public /*@ nullable @*/ dev.bulwark.oracle.Reason oracleReason() {
        return oracleReason;
    }

    /**
     * A compact number for encodings: the code's ordinal in the low byte; for a refusal, the
     * reason's ordinal + 1 in the next byte, bit 16 set for an oracle reason, bit 17 for a
     * governance reason.
     */
    /*@ skipesc @*/
    public int toInt() {
        int r = marginReason != null ? marginReason.ordinal() + 1 : oracleReason != null ? oracleReason.ordinal() + 1
                : govReason != null ? govReason.ordinal() + 1 : 0;
        return code.ordinal() | (r << 8) | (oracleReason != null ? 1 << 16 : 0) | (govReason != null ? 1 << 17 : 0);
    }

    /**
     * The inverse of {@link #toInt()}; null for a number that is no result.  Encoding glue, outside
     * the proofs, and not instrumented for runtime checking ({@code skiprac}: the checker's
     * translation of {@code TxCode.values()} fails inside OpenJML).
     */
    /*@ skipesc @*/
    public static /*@ nullable skiprac @*/ TxResult fromInt(int v) {
        int c = v & 0xFF;
        int r = (v >>> 8) & 0xFF;
        boolean oracle = (v & (1 << 16)) != 0;
        boolean gov = (v & (1 << 17)) != 0;
        if ((v >>> 18) != 0 || c >= TxCode.values().length || (oracle && gov)) {
            return null;
        }
        TxCode code = TxCode.values()[c];
        if (code == TxCode.REFUSED) {
            if (r == 0) {
                return null;
            }
            if (gov) {
                return r - 1 < GOV_REFUSALS.length ? GOV_REFUSALS[r - 1] : null;
            }
            if (oracle) {
                return r - 1 < ORACLE_REFUSALS.length ? ORACLE_REFUSALS[r - 1] : null;
            }
            return r - 1 < MARGIN_REFUSALS.length ? MARGIN_REFUSALS[r - 1] : null;
        }
        if (r != 0 || oracle || gov) {
            return null;
        }
        switch (code) {
            case APPLIED: return APPLIED;
            case WRONG_CHAIN: return WRONG_CHAIN;
            case UNKNOWN_SIGNER: return UNKNOWN_SIGNER;
            case BAD_NONCE: return BAD_NONCE;
            case MALFORMED: return MALFORMED;
            default: return ACCOUNT_LIMIT;
        }
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return marginReason != null ? code + "(" + marginReason + ")"
                : oracleReason != null ? code + "(oracle " + oracleReason + ")"
                : govReason != null ? code + "(governance " + govReason + ")" : code.toString();
    }
}
