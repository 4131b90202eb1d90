package city.gridcity.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** A volunteer's service time, as their page and the administrator read it. Works on the current city. */
@ApplicationScoped
public class VolunteerRecords {

    /** Minutes served in all and in the month of {@code today}, and the latest records. */
    public record Summary(long totalMinutes, long monthMinutes, List<ServiceRecord> latest) {
    }

    @Transactional
    public Summary of(long volunteerId, LocalDate today, ZoneId zone, int latest) {
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Number total = ServiceRecord.getEntityManager().createQuery("select coalesce(sum(r.minutes), 0) from ServiceRecord r "
                + "where r.volunteerId = ?1", Number.class).setParameter(1, volunteerId).getSingleResult();
        Number month = ServiceRecord.getEntityManager().createQuery("select coalesce(sum(r.minutes), 0) from ServiceRecord r "
                        + "where r.volunteerId = ?1 and r.at >= ?2", Number.class).setParameter(1, volunteerId)
                .setParameter(2, monthStart).getSingleResult();
        List<ServiceRecord> rows = ServiceRecord.<ServiceRecord>find("volunteerId = ?1 order by at desc, id desc", volunteerId)
                .page(0, latest).list();
        return new Summary(total.longValue(), month.longValue(), rows);
    }
}
