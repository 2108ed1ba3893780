package dev.bulwark.margin;

import java.util.Arrays;

/** The full spec-visible state of an engine (coll, pos, price, insurance, netDeposits, halted), by value. */
record EngineSnapshot(long[] collateral, long[] position, long price, long insurance, long netDeposits,
                      boolean halted) {

    static EngineSnapshot of(MarginEngine e) {
        int n = e.accounts();
        long[] c = new long[n];
        long[] p = new long[n];
        for (int k = 0; k < n; k++) {
            c[k] = e.collateral(k);
            p[k] = e.position(k);
        }
        return new EngineSnapshot(c, p, e.price(), e.insurance(), e.netDeposits(), e.isHalted());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineSnapshot s && Arrays.equals(collateral, s.collateral)
            && Arrays.equals(position, s.position) && price == s.price && insurance == s.insurance
            && netDeposits == s.netDeposits && halted == s.halted;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(collateral) * 31 + Arrays.hashCode(position);
    }

    @Override
    public String toString() {
        return "coll=" + Arrays.toString(collateral) + " pos=" + Arrays.toString(position)
            + " price=" + price + " insurance=" + insurance + " netDeposits=" + netDeposits + " halted=" + halted;
    }
}
