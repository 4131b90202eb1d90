package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
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
                              Instant reportedAt, Instant closedAt) {

        static CaseSummary of(CityCase c) {
            return new CaseSummary(c.id, c.number, c.state, c.kind, c.classCode, c.lon, c.lat, c.sourceChannel,
                    c.hotlineTicket, c.reportedAt, c.closedAt);
        }
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

    /** The channel of one of the city's sources, active or not; empty when the city has no such source. */
    public Optional<CaseSource.Channel> channelOf(String sourceCode) {
        return config.source(sourceCode).map(s -> s.channel);
    }
}
