package dev.bulwark.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a spec provides to the generic conformance harness: the link between one TLA+ spec
 * (bound to the constants of one .cfg) and its Java implementation {@code I}.
 *
 * <p>An adapter is made for one set of constants (see {@link Factory}); the spec's abstraction
 * function is {@link #toSpec}, its inverse {@link #fromSpec}.
 */
public interface SpecAdapter<I> {

    /** Makes an adapter for the constants of a .cfg file. */
    @FunctionalInterface
    interface Factory<I> {
        SpecAdapter<I> forConstants(Map<String, TlaValue> constants);
    }

    /** Short spec name, used for report files (e.g. "margin"). */
    String specName();

    /** The .tla module, e.g. spec/margin/Margin.tla. */
    Path module();

    /** Names of the spec's actions (the {@code name} field of the action variable), without "Init". */
    List<String> actions();

    /** The variable holding the action record (name and parameters) of the last step. */
    default String actionVariable() {
        return "lastAction";
    }

    /**
     * Spec variables the implementation does not track: left out of every state comparison
     * ({@link #toSpec} need not produce them). Default: none.
     */
    default Set<String> uncheckedVariables() {
        return Set.of();
    }

    /** The action name of initial states. */
    default String initActionName() {
        return "Init";
    }

    /** The implementation in the spec's initial state. */
    I init();

    /**
     * The implementation in the given initial state of the spec, for specs with several initial
     * states (e.g. an environment's nondeterministic choice in Init). The harness compares
     * {@code toSpec} of the result with that state. Default: {@link #init()}.
     */
    default I init(Map<String, TlaValue> specInitialState) {
        return init();
    }

    /** Loads a spec state into a fresh implementation object. */
    I fromSpec(Map<String, TlaValue> state);

    /** The abstraction function: all spec variables except the action variable. */
    Map<String, TlaValue> toSpec(I impl);

    /**
     * Applies the action described by the record (dispatch on its {@code name}); throws the
     * implementation's typed exception when the implementation rejects it.
     */
    void apply(I impl, TlaValue.Rec action);

    /** Is {@code t} the implementation's typed rejection (state left unchanged)? */
    boolean isRejection(Throwable t);

    /** Every action instance of the spec's Next-domains for these constants, as action records. */
    List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants);

    /** An independent copy. The default goes through the spec state; override with a cheaper one. */
    default I copy(I impl) {
        return fromSpec(toSpec(impl));
    }
}
