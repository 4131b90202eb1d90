package city.gridcity.cases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readable case numbers: prefix, the city's local date, and a counter of the day
 * ({@code KC-20261123-000123}). The day's counter row is advanced a block of numbers at a time in
 * its own short transaction, and the block is handed out from memory: intake does not queue on one
 * row per report. Numbers are unique but not dense: a block left when the service stops, or a report
 * that fails after taking its number, leaves a gap; with several replicas numbers interleave.
 */
@ApplicationScoped
public class CaseNumbers {

    static final int BLOCK = 100;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** The next free number and the end of the block, per city and day. */
    private static final class Block {
        int next;
        int end;
    }

    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final EntityManager em;

    CaseNumbers(EntityManager em) {
        this.em = em;
    }

    /** The next number of the current city for {@code day}. */
    public String next(String cityCode, String prefix, LocalDate day) {
        Block block = blocks.computeIfAbsent(cityCode + "|" + day, k -> new Block());
        int value;
        synchronized (block) {
            if (block.next >= block.end) {
                int last = reserve(day);
                block.next = last - BLOCK + 1;
                block.end = last + 1;
            }
            value = block.next++;
        }
        // Yesterday's blocks are no longer asked for.
        if (blocks.size() > 1000) {
            blocks.keySet().removeIf(k -> !k.endsWith("|" + day));
        }
        // Built by hand: String.format showed up in the intake profile.
        StringBuilder number = new StringBuilder(prefix.length() + 16).append(prefix).append('-').append(DAY.format(day))
                .append('-');
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < 6; i++) {
            number.append('0');
        }
        return number.append(digits).toString();
    }

    private int reserve(LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "INSERT INTO case_counter (tenant_id, day, last_value) VALUES (gridcity_current_tenant(), ?1, ?2) "
                                + "ON CONFLICT (tenant_id, day) DO UPDATE SET last_value = case_counter.last_value + ?2 "
                                + "RETURNING last_value")
                .setParameter(1, day).setParameter(2, BLOCK).getSingleResult()).intValue());
    }
}
