package dev.bulwark.consensus;

/**
 * Proof of equivocation: two messages of the same type from the same validator for the same
 * (h, r) that differ (in value, or valid round for proposals). With signatures (kept by the
 * shell) the pair convicts {@link #offender()}.
 */
public record Evidence(Message first, Message second) {
    /** The validator that signed both messages. */
    public int offender() {
        return first.src();
    }
}
