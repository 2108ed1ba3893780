package dev.bulwark.consensus;

/**
 * What the shell feeds a validator's {@link Validator#step(Input)}: exactly the four kinds below
 * (the constructor is private, so no other subclass exists).
 *
 * <p>The driver's rules for each kind (README of this package, "The driver"): {@link Start} is
 * accepted once per Validator object; a {@link Receive} whose message names this validator as
 * its sender is refused; a {@link Timeout} for a height and round the validator has not reached
 * is refused, one for a past round is ignored; a {@link Commit} that {@link Validator#catchup}
 * cannot apply is refused. Every refusal is a {@link ConsensusException} that changes nothing.
 */
/*@ nullable_by_default @*/ public abstract class Input {
    //@ private normal_behavior
    //@ pure
    private Input() {
    }

    /**
     * Start the validator's driver: a new validator begins StartRound(0) at height 1 (line 10's
     * timeout of line 21 is requested); one restored with {@link Validator#fromState} resumes
     * (the timers its state needs are requested again). Start changes no spec variable.
     */
    /*@ nullable_by_default @*/ public static final class Start extends Input {
        //@ public normal_behavior
        //@ pure
        public Start() {
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: value equality
        public boolean equals(Object o) {
            return o instanceof Start;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: hashing
        public int hashCode() {
            return 1;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: formatting
        public String toString() {
            return "Start[]";
        }
    }

    /** A message whose signature the shell has checked. */
    /*@ nullable_by_default @*/ public static final class Receive extends Input {
        //@ spec_public
        private final Message message;

        //@ public normal_behavior
        //@   ensures this.message == message;
        //@ pure
        public Receive(Message message) {
            this.message = message;
        }

        //@ public normal_behavior
        //@   ensures \result == message;
        //@ pure
        public Message message() {
            return message;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: value equality
        public boolean equals(Object o) {
            return o instanceof Receive && java.util.Objects.equals(message, ((Receive) o).message);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: hashing
        public int hashCode() {
            return java.util.Objects.hashCode(message);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: formatting
        public String toString() {
            return "Receive[message=" + message + "]";
        }
    }

    /** A timer scheduled by a {@link TimerRequest} has expired. */
    /*@ nullable_by_default @*/ public static final class Timeout extends Input {
        //@ spec_public
        private final TimeoutKind kind;
        //@ spec_public
        private final long h;
        //@ spec_public
        private final int r;

        //@ public normal_behavior
        //@   ensures this.kind == kind && this.h == h && this.r == r;
        //@ pure
        public Timeout(TimeoutKind kind, long h, int r) {
            this.kind = kind;
            this.h = h;
            this.r = r;
        }

        //@ public normal_behavior
        //@   ensures \result == kind;
        //@ pure
        public TimeoutKind kind() {
            return kind;
        }

        //@ public normal_behavior
        //@   ensures \result == h;
        //@ pure
        public long h() {
            return h;
        }

        //@ public normal_behavior
        //@   ensures \result == r;
        //@ pure
        public int r() {
            return r;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: value equality
        public boolean equals(Object o) {
            if (!(o instanceof Timeout)) {
                return false;
            }
            Timeout t = (Timeout) o;
            return kind == t.kind && h == t.h && r == t.r;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: hashing
        public int hashCode() {
            return java.util.Objects.hash(kind, h, r);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: formatting
        public String toString() {
            return "Timeout[kind=" + kind + ", h=" + h + ", r=" + r + "]";
        }
    }

    /** A commit certificate obtained from a peer (recovery: Catchup). */
    /*@ nullable_by_default @*/ public static final class Commit extends Input {
        //@ spec_public
        private final Certificate certificate;

        //@ public normal_behavior
        //@   ensures this.certificate == certificate;
        //@ pure
        public Commit(Certificate certificate) {
            this.certificate = certificate;
        }

        //@ public normal_behavior
        //@   ensures \result == certificate;
        //@ pure
        public Certificate certificate() {
            return certificate;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: value equality
        public boolean equals(Object o) {
            return o instanceof Commit && java.util.Objects.equals(certificate, ((Commit) o).certificate);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: hashing
        public int hashCode() {
            return java.util.Objects.hashCode(certificate);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: formatting
        public String toString() {
            return "Commit[certificate=" + certificate + "]";
        }
    }
}
