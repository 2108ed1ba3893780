package dev.bulwark.governance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every action of spec/governance/Governance.tla has a public method of the same name on
 * {@link Governance}, with a canXxx guard and an xxxRefusal of the same parameters, declared to
 * throw GovernanceException; and the spec README's action-to-method table names each of them.
 */
class ActionTableTest {
    static final List<String> ACTIONS = List.of("Propose", "Approve", "Retract", "Queue", "Execute", "Cancel",
            "EndBlock", "FundFlow");

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
            assertTrue(Arrays.asList(m.getExceptionTypes()).contains(GovernanceException.class), a);
        }
    }

    @Test
    void everyActionIsInTheSpecAndTheReadmeTable() throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        String spec = Files.readString(root.resolve("spec/governance/Governance.tla"));
        String readme = Files.readString(root.resolve("spec/governance/README.md"));
        for (String a : ACTIONS) {
            assertTrue(spec.contains("\n" + a + "(") || spec.contains("\n" + a + " =="), "no action " + a + " in the spec");
            assertTrue(readme.contains("`" + lower(a) + "("), "README table lacks " + lower(a));
        }
    }

    private static Method only(String name) {
        List<Method> ms = Arrays.stream(Governance.class.getMethods()).filter(x -> x.getName().equals(name))
                .collect(Collectors.toList());
        assertEquals(1, ms.size(), name);
        return ms.get(0);
    }
}
