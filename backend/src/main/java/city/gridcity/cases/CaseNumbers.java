package city.gridcity.cases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Readable case numbers: prefix, the city's local date, and a counter of the day
 * ({@code KC-20261123-000123}). The counter row is bumped in its own short transaction, so
 * concurrent reports do not queue behind each other's whole intake; a report that then fails
 * leaves a gap in the day's numbers, which is harmless (numbers are unique, not dense).
 */
@ApplicationScoped
public class CaseNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntityManager em;

    CaseNumbers(EntityManager em) {
        this.em = em;
    }

    public String next(String prefix, LocalDate day) {
        int value = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "INSERT INTO case_counter (tenant_id, day, last_value) VALUES (gridcity_current_tenant(), ?1, 1) "
                                + "ON CONFLICT (tenant_id, day) DO UPDATE SET last_value = case_counter.last_value + 1 "
                                + "RETURNING last_value")
                .setParameter(1, day).getSingleResult()).intValue());
        return String.format("%s-%s-%06d", prefix, DAY.format(day), value);
    }
}
