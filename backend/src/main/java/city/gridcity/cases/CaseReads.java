package city.gridcity.cases;

import city.gridcity.cases.actions.PendingRequests;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.catalog.Subclass;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API and the pages show of the current city's cases, each read under the one visibility
 * rule ({@link CaseVisibility}): a case by number, its history, phases, called-in departments,
 * possible duplicates, and what an acceptor or dispatcher chooses from.
 */
@ApplicationScoped
public class CaseReads {

    private final CaseVisibility visibility;
    private final CaseHistory history;
    private final CatalogService catalog;
    private final RoutingService routing;
    private final DuplicateFinder duplicates;
    private final PendingRequests pending;
    private final Clock clock;

    CaseReads(CaseVisibility visibility, CaseHistory history, CatalogService catalog, RoutingService routing,
              DuplicateFinder duplicates, PendingRequests pending, Clock clock) {
        this.visibility = visibility;
        this.history = history;
        this.catalog = catalog;
        this.routing = routing;
        this.duplicates = duplicates;
        this.pending = pending;
        this.clock = clock;
    }

    /** A case the actor may see, by number; 404 when there is none or it is not theirs to see. */
    @Transactional
    public CityCase get(String number, Actor actor) {
        return CityCase.<CityCase>find("number", number).firstResultOptional()
                .filter(x -> visibility.canSee(x, actor))
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
    }

    /** The history as the actor may read it. */
    @Transactional
    public List<CaseEvent> events(CityCase c, Actor actor) {
        return visibility.eventsFor(actor, history.of(c));
    }

    @Transactional
    public List<CasePhase> phases(CityCase c) {
        return CasePhase.list("caseId = ?1 order by id", c.id);
    }

    @Transactional
    public List<CaseParticipant> participants(CityCase c) {
        return CaseParticipant.list("caseId = ?1 order by id", c.id);
    }

    /** Open cases of the subclass near a point: what someone sees before reporting ("me too" instead). */
    @Transactional
    public List<DuplicateFinder.Nearby> nearby(CatalogClass.Kind kind, String classCode, double lon, double lat,
                                               Actor actor) {
        Subclass cls = catalog.subclass(kind, classCode);
        return visibility.nearby(actor, duplicates.openNear(kind, classCode, lon, lat, cls.duplicateRadiusM(),
                cls.duplicateWindowHours(), clock.instant(), null));
    }

    /** Open cases that may repeat this one, for those who decide on merging; none once it is history. */
    @Transactional
    public List<DuplicateFinder.Nearby> possibleDuplicates(CityCase c, Actor actor) {
        boolean triaging = c.state == CaseState.REPORTED && visibility.triages(c, actor);
        if (!c.open || !CaseVisibility.isStaff(actor) && !triaging) {
            return List.of();
        }
        Subclass cls = catalog.subclass(c.kind, c.classCode);
        List<DuplicateFinder.Nearby> found = duplicates.openNear(c.kind, c.classCode, c.lon, c.lat,
                cls.duplicateRadiusM(), cls.duplicateWindowHours(), clock.instant(), c.id);
        // A triaging volunteer picks the case to merge into by number and distance, not by other people's words.
        return CaseVisibility.isStaff(actor) ? visibility.possibleDuplicates(actor, found)
                : visibility.mergeCandidates(c, actor, found);
    }

    /** The filing conditions of the rule the case is held to: what the acceptor chooses from when filing it. */
    public List<FilingCondition> filingConditions(CityCase c) {
        return catalog.conditionsOfRule(c.ruleId);
    }

    /**
     * The department the routing rule names for the case, as a dispatch without a choice would send it;
     * empty when no active department answers for it (the dispatcher then chooses one). Not transactional
     * on purpose: a refusal of the routing must not mark the caller's transaction for rollback.
     */
    public Optional<RoutingService.Responsible> suggestedDepartment(CityCase c) {
        try {
            return Optional.of(routing.responsible(c.kind, c.classCode, c.streetCode, c.districtCode));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /** The number of the case this one was merged into, if it was. */
    @Transactional
    public Optional<String> duplicateOfNumber(CityCase c) {
        return c.duplicateOf == null ? Optional.empty()
                : CityCase.<CityCase>findByIdOptional(c.duplicateOf).map(o -> o.number);
    }

    /** The extension or suspension asked for and not yet decided ({@code kind}, {@code by}, {@code reason}, ...). */
    public Map<String, Object> pendingRequest(CityCase c) {
        return pending.read(c);
    }
}
