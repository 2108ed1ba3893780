package dev.bulwark.consensus;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every action of the contract's table has a public method of the same name on
 * {@link Validator}, with a canXxx guard and an xxxRefusal of the same parameters; every line
 * group of Algorithm 1 has a test named after it.
 */
class ActionTableTest {
    static final List<String> ACTIONS = List.of("InsertProposal", "UponProposalInPropose",
            "UponProposalInProposeAndPrevote", "UponQuorumOfPrevotesAny", "UponProposalInPrevoteOrCommitAndPrevote",
            "UponQuorumOfPrevotesNil", "UponQuorumOfPrecommitsAny", "UponProposalInPrecommitNoDecision",
            "OnRoundCatchup", "OnTimeoutPropose", "OnTimeoutPrevote", "OnTimeoutPrecommit", "Catchup");

    static String lower(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    @Test
    void everyActionHasAMethodGuardAndRefusal() {
        for (String a : ACTIONS) {
            Method m = only(lower(a));
            Method can = only("can" + a);
            Method why = only(lower(a) + "Refusal");
            assertArrayEquals(m.getParameterTypes(), can.getParameterTypes(), a);
            assertArrayEquals(m.getParameterTypes(), why.getParameterTypes(), a);
            assertEquals(boolean.class, can.getReturnType());
            assertEquals(Reason.class, why.getReturnType());
            assertTrue(Arrays.asList(m.getExceptionTypes()).contains(ConsensusException.class), a);
        }
    }

    private static Method only(String name) {
        List<Method> ms = Arrays.stream(Validator.class.getMethods()).filter(x -> x.getName().equals(name))
                .collect(Collectors.toList());
        assertEquals(1, ms.size(), name);
        return ms.get(0);
    }

    @Test
    void everyLineGroupHasATest() {
        Set<String> names = Arrays.stream(ValidatorRulesTest.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toSet());
        for (int line : new int[] {14, 16, 18, 21, 22, 24, 28, 30, 34, 36, 42, 44, 47, 49, 55, 57, 61, 65}) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith("line" + line + "_")), "no test for line " + line);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("catchup_")));
    }
}
