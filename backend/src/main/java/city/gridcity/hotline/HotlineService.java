package city.gridcity.hotline;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseIntake;
import city.gridcity.cases.ReportCommand;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseDirectory;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.HotlineMatches;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.Subclass;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Complaints from the city hotline platform (12345 / 12319): each becomes a case of the hotline
 * source, once per ticket however often the platform retries; the result goes back to the platform
 * through the outbox ({@code hotline.result}) when the case ends. Each day the complaints are
 * matched with grid findings of the same problem, for the discovery and 未诉先办 rates: the match is kept here (what
 * this service's own rates count) and recorded on both cases' history ({@link HotlineMatches}), whose case facts the
 * assessment indicators read.
 */
@ApplicationScoped
public class HotlineService {

    private final CaseIntake intake;
    private final CaseDirectory directory;
    private final CatalogService catalog;
    private final GridLocator grid;
    private final DuplicateFinder finder;
    private final EntityManager em;
    private final Clock clock;
    private final HotlineMatches matches;

    HotlineService(CaseIntake intake, CaseDirectory directory, CatalogService catalog, GridLocator grid,
                   DuplicateFinder finder, EntityManager em, Clock clock, HotlineMatches matches) {
        this.matches = matches;
        this.intake = intake;
        this.directory = directory;
        this.catalog = catalog;
        this.grid = grid;
        this.finder = finder;
        this.em = em;
        this.clock = clock;
    }

    /**
     * A complaint: the hotline's ticket number, where (a point, or the unit grid the operator chose),
     * what (text and the subclass the platform's category maps to), and which hotline.
     */
    public record Complaint(String ticket, String source, CatalogClass.Kind kind, String classCode, Double lon, Double lat,
                            CoordinateSystem crs, String unitCode, String address, String text) {
    }

    /** The case of a complaint, and whether this call created it or found it from an earlier call. */
    public record Submitted(CaseDirectory.CaseSummary theCase, boolean created) {
    }

    /**
     * Files a complaint once per ticket: a repeated ticket returns the case made the first time.
     *
     * @throws ProblemException 400 naming the field, 422 when the place is outside the city
     */
    @Transactional
    public Submitted submit(Complaint c, Actor actor) {
        if (c.ticket() == null || !c.ticket().matches("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")) {
            throw ProblemException.invalid("ticket", "give the hotline's ticket number: 1-64 letters, digits, '_', '.', ':' or '-'");
        }
        // Retries of one ticket arrive concurrently too: serialise them on the ticket, then look.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(gridcity_current_tenant() || '/hotline/' || ?1))")
                .setParameter(1, c.ticket()).getSingleResult();
        Optional<CaseDirectory.CaseSummary> existing = directory.byHotlineTicket(c.ticket());
        if (existing.isPresent()) {
            return new Submitted(existing.get(), false);
        }
        if (c.source() != null && !c.source().isBlank()) {
            // Only hotline sources; the intake checks it exists and is active.
            if (directory.channelOf(c.source()).filter(ch -> ch == CaseSource.Channel.HOTLINE).isEmpty()) {
                throw ProblemException.invalid("source", "give a hotline source of this city, e.g. hotline-12345; "
                        + "see /api/v1/workflow/sources");
            }
        }
        Double lon = c.lon();
        Double lat = c.lat();
        CoordinateSystem crs = c.crs();
        if ((lon == null || lat == null) && c.unitCode() != null) {
            double[] p = grid.pointInUnit("unitCode", c.unitCode());
            lon = p[0];
            lat = p[1];
            crs = CoordinateSystem.WGS84;
        } else if (lon == null || lat == null) {
            throw ProblemException.invalid("location", "give the caller's location as lon and lat, or the 17-digit unit "
                    + "grid code the operator chose (address text alone cannot be placed in the grid)");
        }
        CaseDirectory.CaseSummary made = intake.report(new ReportCommand(c.source(), c.kind(), c.classCode(), lon, lat, crs,
                c.address(), c.text(), null, false, c.ticket()), actor).summary();
        return new Submitted(made, true);
    }

    @Transactional
    public CaseDirectory.CaseSummary byTicket(String ticket) {
        return directory.byHotlineTicket(ticket).orElseThrow(() -> ProblemException.notFound("Hotline ticket " + ticket));
    }

    /**
     * Matches the complaints reported on {@code day} (city time) with grid findings of the same
     * problem: same subclass, within the subclass's radius, reported within its window before or
     * after the call. Already matched complaints are left as they are, so a re-run is harmless.
     *
     * @return how many complaints were matched now
     */
    @Transactional
    public int matchDay(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<CaseDirectory.CaseSummary> reported = directory.reportedThrough(CaseSource.Channel.HOTLINE, from, to);
        Set<Long> matched = reported.isEmpty() ? Set.of() : Set.copyOf(HotlineMatch.<HotlineMatch>list("hotlineCaseId in ?1",
                reported.stream().map(CaseDirectory.CaseSummary::id).toList()).stream().map(m -> m.hotlineCaseId).toList());
        List<CaseDirectory.CaseSummary> complaints = reported.stream().filter(c -> !matched.contains(c.id())).toList();
        Instant now = clock.instant();
        for (CaseDirectory.CaseSummary complaint : complaints) {
            Subclass cls = catalog.subclass(complaint.kind(), complaint.classCode());
            Duration window = Duration.ofHours(Math.max(cls.duplicateWindowHours(), 1));
            Optional<DuplicateFinder.Nearby> found = finder.gridFindingNear(complaint.kind(), complaint.classCode(),
                    complaint.lon(), complaint.lat(), cls.duplicateRadiusM(), complaint.reportedAt().minus(window),
                    complaint.reportedAt().plus(window));
            HotlineMatch m = new HotlineMatch();
            m.day = day;
            m.hotlineCaseId = complaint.id();
            m.matchedAt = now;
            Optional<CaseDirectory.CaseSummary> finding = found.flatMap(f -> directory.byId(f.id()));
            if (finding.isPresent()) {
                m.gridCaseId = finding.get().id();
                m.foundFirst = finding.get().reportedAt().isBefore(complaint.reportedAt());
                m.solvedFirst = finding.get().closedAt() != null && finding.get().closedAt().isBefore(complaint.reportedAt());
            }
            m.persist();
            // The outcome goes into both cases' history too: the case facts (and so assessment) read it from there.
            matches.record(complaint.id(), m.gridCaseId, now);
        }
        return complaints.size();
    }

    /** The rates over a period of days (city time), from the matches. */
    public record Rates(LocalDate from, LocalDate to, long complaints, long foundByGrid, long foundFirst, long solvedFirst,
                        Double discoveryRate, Double solvedBeforeComplaintRate) {
    }

    @Transactional
    public Rates rates(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw ProblemException.invalid("from", "give from and to (YYYY-MM-DD), to not before from, at most a year");
        }
        Object[] r = (Object[]) em.createQuery("select count(m), count(m.gridCaseId), "
                        + "coalesce(sum(case when m.foundFirst then 1 else 0 end), 0), "
                        + "coalesce(sum(case when m.solvedFirst then 1 else 0 end), 0) "
                        + "from HotlineMatch m where m.day between :from and :to")
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        long total = ((Number) r[0]).longValue();
        long found = ((Number) r[1]).longValue();
        long first = ((Number) r[2]).longValue();
        long solved = ((Number) r[3]).longValue();
        return new Rates(from, to, total, found, first, solved, total == 0 ? null : (double) found / total,
                total == 0 ? null : (double) solved / total);
    }
}
