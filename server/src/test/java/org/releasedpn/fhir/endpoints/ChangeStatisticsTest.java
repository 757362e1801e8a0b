package org.releasedpn.fhir.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** n, mean, SD (n − 1) and median, worked out by hand. */
class ChangeStatisticsTest {

    @Test
    void anOddCountHasTheMiddleValueAsMedian() {
        ChangeStatistics statistics = ChangeStatistics.of(values("-4", "-5", "-1", "-3", "-3"));

        assertEquals(5, statistics.n());
        assertEquals(Optional.of(new BigDecimal("-3.2")), statistics.mean());
        assertEquals(Optional.of(new BigDecimal("-3")), statistics.median());
        assertEquals(Optional.of(new BigDecimal("1.4832")), statistics.standardDeviation()); // √(8.8 / 4)
    }

    @Test
    void anEvenCountHasTheMeanOfTheMiddleTwo() {
        ChangeStatistics statistics = ChangeStatistics.of(values("0", "1", "-2", "-1"));

        assertEquals(Optional.of(new BigDecimal("-0.5")), statistics.median());
        assertEquals(Optional.of(new BigDecimal("1.291")), statistics.standardDeviation()); // √(5 / 3)
    }

    @Test
    void oneValueHasNoStandardDeviationAndNoneHasNothing() {
        assertTrue(ChangeStatistics.of(values("2.5")).standardDeviation().isEmpty());
        assertEquals(Optional.of(new BigDecimal("2.5")), ChangeStatistics.of(values("2.5")).mean());
        ChangeStatistics none = ChangeStatistics.of(List.of());
        assertEquals(0, none.n());
        assertTrue(none.mean().isEmpty() && none.median().isEmpty() && none.standardDeviation().isEmpty());
    }

    @Test
    void aRepeatingMeanIsRoundedHalfEvenToFourDecimals() {
        assertEquals(Optional.of(new BigDecimal("-0.3333")), ChangeStatistics.of(values("0", "1", "-2")).mean());
        assertEquals(new BigDecimal("0.1234"), ChangeStatistics.reported(new BigDecimal("0.12345")));
        assertEquals(new BigDecimal("10"), ChangeStatistics.reported(new BigDecimal("10.00000")));
    }

    private static List<BigDecimal> values(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
