package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.identity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cases of the current city as other features look them up one by one (the hotline by its ticket,
 * for instance): summaries, never the case rows themselves. Counting and comparing cases over a
 * period is the case facts' job.
 */
@ApplicationScoped
public class CaseDirectory {

    /** What another feature may know of a case without reading the case tables. */
    public record CaseSummary(long id, String number, CaseState state, CatalogClass.Kind kind, String classCode,
                              double lon, double lat, CaseSource.Channel channel, String hotlineTicket,
                              Instant reportedAt, Instant closedAt, Long reporterId, java.math.BigDecimal baseCaseWeight) {

        static CaseSummary of(CityCase c) {
            return new CaseSummary(c.id, c.number, c.state, c.kind, c.classCode, c.lon, c.lat, c.sourceChannel,
                    c.hotlineTicket, c.reportedAt, c.closedAt, c.reporterId, c.baseCaseWeight);
        }
    }

    /** A resident's "me too" on a case: who and when. */
    public record MeToo(long userId, Instant at) {
    }

    private final WorkflowConfigService config;

    CaseDirectory(WorkflowConfigService config) {
        this.config = config;
    }

    @Transactional
    public Optional<CaseSummary> byHotlineTicket(String ticket) {
        return CityCase.<CityCase>find("hotlineTicket", ticket).firstResultOptional().map(CaseSummary::of);
    }

    @Transactional
    public Optional<CaseSummary> byId(long id) {
        return CityCase.<CityCase>findByIdOptional(id).map(CaseSummary::of);
    }

    /** Cases reported through a channel in [from, to), oldest first. */
    @Transactional
    public List<CaseSummary> reportedThrough(CaseSource.Channel channel, Instant from, Instant to) {
        return CityCase.<CityCase>list("sourceChannel = ?1 and reportedAt >= ?2 and reportedAt < ?3 order by reportedAt, id",
                channel, from, to).stream().map(CaseSummary::of).toList();
    }

    /**
     * The users who worked the case: everyone who recorded an event on it other than by reporting it or
     * saying "me too", and other than as a resident (a rating, a reopen request): acceptors, dispatchers,
     * handlers, verifiers... Points go to nobody among them.
     */
    @Transactional
    public java.util.Set<Long> workedBy(long caseId) {
        return new java.util.HashSet<>(CaseEvent.<CaseEvent>list("caseId = ?1 and actorId is not null and action not in ?2 "
                        + "and (actorRole is null or actorRole <> ?3)",
                caseId, List.of(CaseAction.REPORT.wireName(), CaseAction.SELF_REPORT.wireName(), CaseAction.ME_TOO.wireName()),
                Role.RESIDENT.wireName())
                .stream().map(e -> e.actorId).toList());
    }

    /** Who said "me too" on the case, first time each, oldest first. */
    @Transactional
    public List<MeToo> meToos(long caseId) {
        return CaseEvent.<CaseEvent>list("caseId = ?1 and action = ?2 and actorId is not null order by seq", caseId,
                CaseAction.ME_TOO.wireName()).stream().map(e -> new MeToo(e.actorId, e.at)).distinct().toList();
    }

    /** The channel of one of the city's sources, active or not; empty when the city has no such source. */
    public Optional<CaseSource.Channel> channelOf(String sourceCode) {
        return config.source(sourceCode).map(s -> s.channel);
    }
}
