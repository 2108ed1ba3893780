package dev.bulwark.consensus;

import java.util.Map;

/**
 * A step the driver took, as the spec's {@code lastAction} record without {@code p}: the spec
 * action's name and its parameters under the spec's field names ({@code v}, {@code vr}, {@code r},
 * {@code h}). For trace validation of Java runs against the spec. The Java-only timer steps are
 * logged as "UponQuorumOfPrevotesAny" and "UponQuorumOfPrecommitsAny" (no spec variable changes:
 * stuttering steps for the spec).
 */
public record ActionRecord(String name, Map<String, Object> params) {
    public ActionRecord {
        params = Map.copyOf(params);
    }
}
