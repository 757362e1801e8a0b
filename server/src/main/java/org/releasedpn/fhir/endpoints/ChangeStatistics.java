package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * n, mean, sample standard deviation (n − 1) and median of per-subject changes, computed in decimal
 * arithmetic and reported to {@value #DECIMALS} decimal places (half-even), trailing zeros removed.
 */
record ChangeStatistics(int n, Optional<BigDecimal> mean, Optional<BigDecimal> standardDeviation,
                        Optional<BigDecimal> median) {
    static final int DECIMALS = 4;
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    static ChangeStatistics of(Collection<BigDecimal> changes) {
        List<BigDecimal> sorted = changes.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return new ChangeStatistics(0, Optional.empty(), Optional.empty(), Optional.empty());
        }
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal mean = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(count, PRECISION);
        BigDecimal median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), PRECISION);
        Optional<BigDecimal> sd = Optional.empty();
        if (n > 1) {
            BigDecimal squares = sorted.stream().map(x -> x.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
            sd = Optional.of(reported(squares.divide(BigDecimal.valueOf(n - 1L), PRECISION).sqrt(PRECISION)));
        }
        return new ChangeStatistics(n, Optional.of(reported(mean)), sd, Optional.of(reported(median)));
    }

    static BigDecimal reported(BigDecimal value) {
        return new BigDecimal(value.setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
    }
}
