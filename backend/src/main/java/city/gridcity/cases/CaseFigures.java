package city.gridcity.cases;

import city.gridcity.platform.CityFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** The current city's cases for the operator's list of cities: how many, how many lately, how many open, the last. */
@ApplicationScoped
class CaseFigures implements CityFigures {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final EntityManager em;

    CaseFigures(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<Figure> figures(Instant now) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE reported_at >= ?1), "
                        + "count(*) FILTER (WHERE state IN (?2)), max(reported_at) FROM city_case")
                .setParameter(1, now.minus(Duration.ofDays(30)))
                .setParameter(2, Arrays.stream(CaseState.values()).filter(CaseState::open).map(Enum::name).toList())
                .getSingleResult();
        Object last = row[3];
        Instant lastAt = last instanceof Instant i ? i : last instanceof java.time.OffsetDateTime o ? o.toInstant()
                : last instanceof java.sql.Timestamp t ? t.toInstant() : null;
        return List.of(new Figure("cases", String.valueOf(row[0])), new Figure("cases30", String.valueOf(row[1])),
                new Figure("open", String.valueOf(row[2])), new Figure("lastReport", lastAt == null ? "—" : MOMENT.format(lastAt)));
    }
}
