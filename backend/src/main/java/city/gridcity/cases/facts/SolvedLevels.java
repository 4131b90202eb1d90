package city.gridcity.cases.facts;

import city.gridcity.cases.CityCase;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where problems were solved (五级闭环): of the cases closed in a period, the share solved at grid, community,
 * street, district and city level, per district or street, with the hours each level took from report to close (mean
 * and median), and how many of them began in a street's or community's own loop (二级闭环) and how many of those
 * were escalated to the district/city loop.
 * The documents' goal is 60 % solved inside the grid and 30 % at community level ({@link #GRID_GOAL},
 * {@link #COMMUNITY_GOAL}). Read from the case facts; works on the current city.
 */
@ApplicationScoped
public class SolvedLevels {

    public static final int GRID_GOAL = 60;
    public static final int COMMUNITY_GOAL = 30;

    /** How an area's cases were grouped. */
    public enum By {
        DISTRICT("district_code", GridLevel.DISTRICT), STREET("street_code", GridLevel.STREET);

        final String column;
        final GridLevel level;

        By(String column, GridLevel level) {
            this.column = column;
            this.level = level;
        }
    }

    /**
     * One level's part of an area's closed cases: how many, their share in percent, the mean and median hours to
     * close, and how many of them were local-loop cases.
     */
    public record Level(long cases, BigDecimal percent, BigDecimal meanHours, BigDecimal medianHours, long localCases) {
    }

    /**
     * One district or street: its closed cases by the level that solved them, and of them the local-loop cases and
     * the escalated ones.
     */
    public record Area(String code, String name, long closed, Map<CityCase.Level, Level> levels, long localCases,
                       long escalated) {

        /** Whether the grid's and the community's shares reach the goals. */
        public boolean gridGoalMet() {
            Level grid = levels.get(CityCase.Level.GRID);
            return grid.percent() != null && grid.percent().compareTo(BigDecimal.valueOf(GRID_GOAL)) >= 0;
        }

        public boolean communityGoalMet() {
            Level community = levels.get(CityCase.Level.COMMUNITY);
            return community.percent() != null && community.percent().compareTo(BigDecimal.valueOf(COMMUNITY_GOAL)) >= 0;
        }
    }

    private final EntityManager em;
    private final GridQueries grid;

    SolvedLevels(EntityManager em, GridQueries grid) {
        this.em = em;
        this.grid = grid;
    }

    /** Cases closed from {@code first} to {@code last} (the city's days, both inclusive), per area of {@code by}. */
    @Transactional
    public List<Area> of(LocalDate first, LocalDate last, ZoneId zone, By by) {
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant until = last.plusDays(1).atStartOfDay(zone).toInstant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + by.column + ", solved_level, count(*), "
                        + "avg(extract(epoch FROM closed_at - reported_at)) / 3600, "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at)) / 3600, "
                        + "count(*) FILTER (WHERE local_loop), count(*) FILTER (WHERE local_loop AND escalation IS NOT NULL) "
                        + "FROM case_facts "
                        + "WHERE closed_at >= ?1 AND closed_at < ?2 AND solved_level IS NOT NULL "
                        + "GROUP BY " + by.column + ", solved_level ORDER BY " + by.column)
                .setParameter(1, from).setParameter(2, until).getResultList();
        Map<String, Map<CityCase.Level, long[]>> counts = new LinkedHashMap<>();
        Map<String, Map<CityCase.Level, Double>> hours = new LinkedHashMap<>();
        Map<String, Map<CityCase.Level, Double>> medians = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String code = (String) r[0];
            CityCase.Level level = CityCase.Level.valueOf((String) r[1]);
            counts.computeIfAbsent(code, k -> new EnumMap<>(CityCase.Level.class)).put(level,
                    new long[] {((Number) r[2]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue()});
            hours.computeIfAbsent(code, k -> new EnumMap<>(CityCase.Level.class)).put(level,
                    r[3] == null ? null : ((Number) r[3]).doubleValue());
            medians.computeIfAbsent(code, k -> new EnumMap<>(CityCase.Level.class)).put(level,
                    r[4] == null ? null : ((Number) r[4]).doubleValue());
        }
        Map<String, String> names = grid.names(by.level, counts.keySet());
        List<Area> areas = new ArrayList<>();
        counts.forEach((code, byLevel) -> {
            long closed = byLevel.values().stream().mapToLong(c -> c[0]).sum();
            Map<CityCase.Level, Level> levels = new EnumMap<>(CityCase.Level.class);
            for (CityCase.Level level : CityCase.Level.values()) {
                long[] n = byLevel.getOrDefault(level, new long[3]);
                levels.put(level, new Level(n[0], CaseFactsQueries.percent(n[0], closed), hours(hours.get(code).get(level)),
                        hours(medians.get(code).get(level)), n[1]));
            }
            areas.add(new Area(code, names.get(code), closed, levels, byLevel.values().stream().mapToLong(c -> c[1]).sum(),
                    byLevel.values().stream().mapToLong(c -> c[2]).sum()));
        });
        return areas;
    }

    private static BigDecimal hours(Double h) {
        return h == null ? null : BigDecimal.valueOf(h).setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
