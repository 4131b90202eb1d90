package city.gridcity.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an indicator is computed from: the period, the target, every case row of the city the period may
 * count ({@code rows}; each indicator picks the target's own), the rows of the comparison period (change
 * rates), the other targets of the same kind (contribution rates), the city's shape, the scheme's parameters,
 * the judged samples of district supervisors' reports of the period (duplicate and false-case rates) and the
 * entries of the non-system sources (明察, 暗访, 社会监督, 公众评议) the run read.
 */
public record IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                             List<Target> peers, CityShape shape, Parameters params, List<Judgement> judgements,
                             List<Entry> entries, Shared shared) {

    public IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                          List<Target> peers, CityShape shape, Parameters params) {
        this(period, target, rows, comparisonRows, peers, shape, params, List.of(), List.of(), new Shared());
    }

    public IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                          List<Target> peers, CityShape shape, Parameters params, List<Judgement> judgements) {
        this(period, target, rows, comparisonRows, peers, shape, params, judgements, List.of(), new Shared());
    }

    public IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                          List<Target> peers, CityShape shape, Parameters params, List<Judgement> judgements,
                          List<Entry> entries) {
        this(period, target, rows, comparisonRows, peers, shape, params, judgements, entries, new Shared());
    }

    public IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                          List<Target> peers, CityShape shape, Parameters params, List<Judgement> judgements,
                          Shared shared) {
        this(period, target, rows, comparisonRows, peers, shape, params, judgements, List.of(), shared);
    }

    /**
     * What the inputs of every target of one run may share: the peers' reductions of the contribution rate, summed
     * over the whole city's rows once per run instead of once per target. Kept for the very rows, comparison rows and
     * peers it was summed over (the same lists, not equal ones): an input with other rows (an appeal's exclusion) sums
     * its own.
     */
    public static final class Shared {
        private List<CaseRow> rows;
        private List<CaseRow> comparisonRows;
        private List<Target> peers;
        private Object key;
        private Map<String, Long> reductions;

        synchronized Map<String, Long> reductions(IndicatorInput in, Object key, Supplier<Map<String, Long>> sum) {
            if (reductions == null || rows != in.rows() || comparisonRows != in.comparisonRows() || peers != in.peers()
                    || !this.key.equals(key)) {
                reductions = sum.get();
                rows = in.rows();
                comparisonRows = in.comparisonRows();
                peers = in.peers();
                this.key = key;
            }
            return reductions;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shared;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** A city reviewer's judgement of a sampled report of {@code day}: VALID, DUPLICATE or FALSE. */
    public record Judgement(String caseNumber, LocalDate day, String verdict) {
    }

    /**
     * A source entry as a run reads it: its id, source, target, day, score (inspections and surveys, 0 to 100),
     * kind (social supervision: RESIDENT or MEDIA) and respondents (surveys, may be null).
     */
    public record Entry(long id, SourceEntry.Source source, String target, LocalDate day, BigDecimal score,
                        SourceEntry.Kind kind, Integer respondents) {
    }
}
