package dev.bulwark.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class TlaParserTest {

    @Test
    void parsesScalars() {
        assertEquals(TlaValue.of(-3), TlaParser.parseValue("-3"));
        assertEquals(TlaValue.of(true), TlaParser.parseValue("TRUE"));
        assertEquals(TlaValue.str("a \"q\" \\ b"), TlaParser.parseValue("\"a \\\"q\\\" \\\\ b\""));
        assertEquals(TlaValue.model("a1"), TlaParser.parseValue("a1"));
        assertEquals(TlaValue.seq(), TlaParser.parseValue("<<>>"));
        assertEquals(TlaValue.set(), TlaParser.parseValue("{}"));
        assertEquals(TlaValue.of(4), TlaParser.parseValue("((4))"));
    }

    @Test
    void parsesCompoundValuesStructurally() {
        TlaValue r1 = TlaParser.parseValue("[price |-> 17, name |-> \"SetPrice\"]");
        TlaValue r2 = TlaParser.parseValue("[name |-> \"SetPrice\", price |-> 17]");
        assertEquals(r1, r2);
        assertEquals(r1.hashCode(), r2.hashCode());
        assertEquals(TlaParser.parseValue("{a2, a1, a1}"), TlaParser.parseValue("{a1, a2}"));
        assertEquals(TlaParser.parseValue("(a2 :> -1 @@ a1 :> 0)"), TlaParser.parseValue("(a1 :> 0 @@ a2 :> -1)"));
        assertNotEquals(TlaParser.parseValue("[a |-> 1]"), TlaParser.parseValue("(\"a\" :> 1)"));
        TlaValue nested = TlaParser.parseValue("<<[x |-> {1, 2}], (1 :> <<a1, \"s\">>), {}>>");
        assertEquals(nested, TlaParser.parseValue(nested.toTla()));
        assertEquals("{a2, a10}", TlaParser.parseValue("{a10, a2}").toTla());
    }

    @Test
    void parsesMultiLineState() {
        Map<String, TlaValue> st = TlaParser.parseState("/\\ coll = (a1 :> 0 @@ a2 :> 4)\n/\\ lastAction = [ name |-> \"Deposit\",\n"
                + "     account |-> a2,\n     amount |-> 4 ]\n/\\ price = 10\n");
        assertEquals(List.of("coll", "lastAction", "price"), List.copyOf(st.keySet()));
        assertEquals(4, ((TlaValue.Rec) st.get("lastAction")).getInt("amount"));
    }

    @Test
    void errorsNameLineAndColumn() {
        TlaParser.ParseException e = assertThrows(TlaParser.ParseException.class,
                () -> TlaParser.parseState("/\\ x = 1\n/\\ y = [a |-> 1,, b |-> 2]"));
        assertEquals(2, e.line());
        assertEquals(17, e.column());
        assertTrue(e.getMessage().contains("expected a field name"), e.getMessage());
        assertThrows(TlaParser.ParseException.class, () -> TlaParser.parseValue("(1 :> 2"));
        assertThrows(TlaParser.ParseException.class, () -> TlaParser.parseValue("\"open"));
        assertThrows(TlaParser.ParseException.class, () -> TlaParser.parseValue("99999999999999999999"));
        assertThrows(TlaParser.ParseException.class, () -> TlaParser.parseValue("1 2"));
    }

    @Test
    void parsesTraceFile() {
        String text = "---- MODULE /tmp/x/t_0_0 ----\nSTATE_1 == \n/\\ x = 0\n/\\ lastAction = [name |-> \"Init\"]\n\n\n"
                + "STATE_2 == \n/\\ x = 1\n/\\ lastAction = [name |-> \"Inc\",\n  by |-> 1]\n\n====\n";
        List<Map<String, TlaValue>> tr = TlaParser.parseTrace("t", text);
        assertEquals(2, tr.size());
        assertEquals(TlaValue.of(1), tr.get(1).get("x"));
        TlaParser.ParseException e = assertThrows(TlaParser.ParseException.class,
                () -> TlaParser.parseTrace("t", "STATE_1 ==\n/\\ x = 0\n\nSTATE_2 ==\n/\\ x = ]\n"));
        assertEquals(5, e.line());
    }

    @Test
    void parsesCfgConstants() throws Exception {
        Path cfg = TlcRunner.projectRoot().resolve("spec/margin/MC.cfg");
        Map<String, TlaValue> c = TlaParser.parseCfgConstants(cfg);
        assertEquals(TlaParser.parseValue("{a1, a2, a3}"), c.get("Accounts"));
        assertTrue(((TlaValue.SetV) c.get("Accounts")).elems().first() instanceof TlaValue.ModelValue);
        assertEquals(TlaValue.of(2000), c.get("ImBps"));
        assertEquals(15, c.size());
        Map<String, TlaValue> d = TlaParser.parseCfgConstants("x.cfg",
                "(* block\n comment *) CONSTANT N = -2 \\* c\n  S = {\"a\", <<1>>}\n  Op <- Impl\nINIT Init\nCONSTANTS M = m");
        assertEquals(TlaValue.of(-2), d.get("N"));
        assertEquals(TlaValue.str("<-Impl"), d.get("Op"));
        assertEquals(TlaValue.model("m"), d.get("M"));
    }

    @Test
    void itfEncoding() {
        TlaValue v = TlaParser.parseValue("[coll |-> (a1 :> -3), s |-> {1}, q |-> <<TRUE, \"x\">>]");
        assertEquals("{\"coll\":{\"#map\":[[{\"#unserializable\":\"a1\"},{\"#bigint\":\"-3\"}]]},"
                + "\"q\":[true,\"x\"],\"s\":{\"#set\":[{\"#bigint\":\"1\"}]}}", v.toItf());
        assertEquals("{\"#tup\":[{\"#bigint\":\"1\"}]}", ((TlaValue.Seq) TlaParser.parseValue("<<1>>")).toItfTuple());
    }

    // ------------------------------------------------------------ round trip

    @Property(tries = 500)
    void roundTrip(@ForAll("values") TlaValue v) {
        TlaValue back = TlaParser.parseValue(v.toTla());
        assertEquals(v, back);
        assertEquals(v.hashCode(), back.hashCode());
        assertEquals(v.toTla(), back.toTla());
    }

    @Provide
    Arbitrary<TlaValue> values() {
        return value(3);
    }

    private Arbitrary<TlaValue> value(int depth) {
        Arbitrary<TlaValue> leaf = Arbitraries.oneOf(
                Arbitraries.longs().map(TlaValue::of),
                Arbitraries.of(true, false).map(TlaValue::of),
                Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t').ofMaxLength(6).map(TlaValue::str),
                Arbitraries.of("a1", "a2", "a10", "b", "x_1", "Init").map(TlaValue::model));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<TlaValue> sub = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<TlaValue> seq = sub.list().ofMaxSize(3).map(l -> new TlaValue.Seq(l));
        Arbitrary<TlaValue> set = sub.list().ofMaxSize(3).map(l -> new TlaValue.SetV(l));
        Arbitrary<TlaValue> rec = Arbitraries.maps(Arbitraries.of("name", "account", "lots", "x"), sub).ofMaxSize(3)
                .map(m -> new TlaValue.Rec(new TreeMap<>(m)));
        Arbitrary<TlaValue> fn = Arbitraries.maps(sub, sub).ofMinSize(1).ofMaxSize(3).map(TlaValue.Fn::of);
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, seq), Tuple.of(1, set), Tuple.of(1, rec),
                Tuple.of(1, fn));
    }
}
