package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.ResidentCatalog;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridLocator;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current city's cases as the portal shows them: a resident's own reports (and those they follow)
 * with a timeline of public steps, and the public list and page of open and recently closed cases.
 * Every answer is a record holding only what its reader may know: the public never learns who
 * reported, their words or the exact point (a place is its community and grid, the map's point is
 * rounded to {@link #APPROXIMATE_DEGREES}); nobody on the portal learns staff names or internal reasons.
 */
@ApplicationScoped
public class ResidentCases {

    /** How long a closed case stays on the public list. */
    public static final Duration RECENTLY_CLOSED = Duration.ofDays(30);
    /** Public points are snapped to this grid of degrees: about 200 m, never a door. */
    static final double APPROXIMATE_DEGREES = 0.002;
    static final int MAX_MINE = 100;

    private final EntityManager em;
    private final CaseHistory history;
    private final CaseFollowers followers;
    private final ResidentCatalog catalog;
    private final GridLocator grid;
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final BlobStorage storage;
    private final Clock clock;

    ResidentCases(EntityManager em, CaseHistory history, CaseFollowers followers, ResidentCatalog catalog,
                  GridLocator grid, TenantContext tenant, TenantDirectory directory, BlobStorage storage, Clock clock) {
        this.em = em;
        this.history = history;
        this.followers = followers;
        this.catalog = catalog;
        this.grid = grid;
        this.tenant = tenant;
        this.directory = directory;
        this.storage = storage;
        this.clock = clock;
    }

    /** A case in a list: category in residents' words, approximate place, where it stands, since when. */
    public record Summary(String number, CatalogClass.Kind kind, String classCode, String category, String icon,
                          ResidentPhase phase, String place, double approxLon, double approxLat, Instant reportedAt,
                          Instant closedAt, int meTooCount, boolean reportedByMe) {
    }

    /** One step of a case's public timeline: where it came to stand, and when. */
    public record Step(ResidentPhase phase, Instant at) {
    }

    /** A photo as the portal lists it; the refusal reason only on the uploader's own report. */
    public record Photo(long id, CasePhoto.Stage stage, CasePhoto.Moderation moderation, String refusalReason,
                        boolean mine) {
    }

    /** A resident's own report (or one they follow): their words and point are theirs to see. */
    public record OwnCase(Summary summary, String description, String address, double lon, double lat,
                          String joinedNumber, List<Step> steps, List<Photo> photos) {
    }

    /** A case's public page. */
    public record PublicCase(Summary summary, String joinedNumber, List<Step> steps, List<Photo> photos) {
    }

    public record PublicPage(List<Summary> items, long total, int page, int size) {
    }

    /** Which of the public cases a list shows. */
    public enum Show {
        ALL, OPEN, CLOSED
    }

    /** The resident's own reports and the cases they follow, newest first (at most {@link #MAX_MINE}). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Summary> mine(Actor resident) {
        List<Long> followed = ((List<Number>) em.createNativeQuery(
                        "SELECT case_id FROM case_follower WHERE user_id = ?1").setParameter(1, resident.id())
                .getResultList()).stream().map(Number::longValue).toList();
        List<CityCase> cases = followed.isEmpty()
                ? CityCase.<CityCase>find("reporterId = ?1 order by reportedAt desc, id desc", resident.id())
                .page(Page.ofSize(MAX_MINE)).list()
                : CityCase.<CityCase>find("reporterId = ?1 or id in ?2 order by reportedAt desc, id desc", resident.id(),
                followed).page(Page.ofSize(MAX_MINE)).list();
        Places places = new Places();
        return cases.stream().map(c -> summary(c, places, resident)).toList();
    }

    /**
     * One of the resident's reports, or a case they follow.
     *
     * @throws ProblemException 404 when the case is neither (someone else's report is nobody's business here)
     */
    @Transactional
    public OwnCase own(String number, Actor resident) {
        CityCase c = CityCase.<CityCase>find("number", number).firstResultOptional()
                .filter(x -> Objects.equals(x.reporterId, resident.id()) || followers.follows(x, resident.id()))
                .orElseThrow(() -> ProblemException.notFound("Your report " + number));
        boolean closed = c.state == CaseState.CLOSED;
        List<Photo> photos = CasePhoto.<CasePhoto>list("caseId = ?1 order by id", c.id).stream()
                .filter(p -> ownPhoto(p, resident, closed))
                .map(p -> photo(p, Objects.equals(p.uploadedBy, resident.id()))).toList();
        return new OwnCase(summary(c, new Places(), resident), c.description, c.address, c.lon, c.lat, joined(c),
                steps(c), photos);
    }

    /**
     * Open cases and those closed in the last {@link #RECENTLY_CLOSED}, newest first; cases of classes hidden
     * from residents (hazards, vagrancy...) are not the public's.
     */
    @Transactional
    public PublicPage publicCases(Show show, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = switch (show) {
            case OPEN -> "open = true";
            case CLOSED -> "state = :closed and closedAt >= :since";
            case ALL -> "(open = true or (state = :closed and closedAt >= :since))";
        };
        if (show != Show.OPEN) {
            params.put("closed", CaseState.CLOSED);
            params.put("since", clock.instant().minus(RECENTLY_CLOSED));
        }
        where += hiddenFilter(params);
        var query = CityCase.<CityCase>find(where + " order by reportedAt desc, id desc", params);
        Places places = new Places();
        List<Summary> items = query.page(Page.of(page, size)).list().stream().map(c -> summary(c, places, null)).toList();
        return new PublicPage(items, query.count(), page, size);
    }

    /** Leaves out the classes hidden from residents. */
    private String hiddenFilter(Map<String, Object> params) {
        StringBuilder filter = new StringBuilder();
        for (CatalogClass.Kind kind : CatalogClass.Kind.values()) {
            List<String> hidden = catalog.hiddenCodes(kind);
            if (!hidden.isEmpty()) {
                String k = kind.name().toLowerCase();
                filter.append(" and not (kind = :").append(k).append(" and classCode in :").append(k).append("Hidden)");
                params.put(k, kind);
                params.put(k + "Hidden", hidden);
            }
        }
        return filter.toString();
    }

    /**
     * A case's public page: open and closed cases only (rejected, merged and voided ones are not the
     * public's); approved photos only.
     *
     * @throws ProblemException 404 when the city has no such public case
     */
    @Transactional
    public PublicCase publicCase(String number) {
        CityCase c = publicRow(number);
        List<Photo> photos = CasePhoto.<CasePhoto>list("caseId = ?1 and moderation = ?2 order by id", c.id,
                CasePhoto.Moderation.APPROVED).stream().map(p -> photo(p, false)).toList();
        return new PublicCase(summary(c, new Places(), null), null, steps(c), photos);
    }

    /**
     * A photo of a case (or its thumbnail) for the portal: an approved one of a public case for anyone;
     * for a signed-in resident ({@code reader} not null) also those their own report page shows.
     *
     * @throws ProblemException 404 otherwise
     */
    @Transactional
    public CasePhotos.Content photo(String number, long photoId, boolean thumbnail, Actor reader) {
        CityCase c = CityCase.<CityCase>find("number", number).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Photo " + photoId + " of case " + number));
        CasePhoto p = CasePhoto.<CasePhoto>find("id = ?1 and caseId = ?2", photoId, c.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Photo " + photoId + " of case " + number));
        boolean isPublic = p.moderation == CasePhoto.Moderation.APPROVED && isPublicCase(c);
        boolean own = reader != null && (Objects.equals(c.reporterId, reader.id()) || followers.follows(c, reader.id()))
                && ownPhoto(p, reader, c.state == CaseState.CLOSED);
        if (!isPublic && !own) {
            throw ProblemException.notFound("Photo " + photoId + " of case " + number);
        }
        byte[] bytes = storage.get(thumbnail ? p.thumbnailKey : p.storageKey)
                .orElseThrow(() -> ProblemException.notFound("The file of photo " + photoId));
        return new CasePhotos.Content(bytes, thumbnail ? SanitizedImage.THUMBNAIL_MEDIA_TYPE : p.mediaType);
    }

    /** Whether a photo is public now (approved, of a public case): it may then be cached by anyone. */
    @Transactional
    public boolean isPublicPhoto(String number, long photoId) {
        return CityCase.<CityCase>find("number", number).firstResultOptional().filter(this::isPublicCase)
                .map(c -> CasePhoto.count("id = ?1 and caseId = ?2 and moderation = ?3", photoId, c.id,
                        CasePhoto.Moderation.APPROVED) > 0).orElse(false);
    }

    /** A resident's own page shows their own photos (with the moderator's decision), approved ones, and after-photos once solved. */
    private static boolean ownPhoto(CasePhoto p, Actor resident, boolean closed) {
        return Objects.equals(p.uploadedBy, resident.id()) || p.moderation == CasePhoto.Moderation.APPROVED
                || closed && p.stage == CasePhoto.Stage.AFTER;
    }

    private static Photo photo(CasePhoto p, boolean mine) {
        return new Photo(p.id, p.stage, p.moderation, mine ? p.moderationReason : null, mine);
    }

    private CityCase publicRow(String number) {
        return CityCase.<CityCase>find("number", number).firstResultOptional().filter(this::isPublicCase)
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
    }

    private boolean isPublicCase(CityCase c) {
        return (c.open || c.state == CaseState.CLOSED) && !catalog.hiddenCodes(c.kind).contains(c.classCode);
    }

    /** The number of the earlier case a merged report joined. */
    private String joined(CityCase c) {
        return c.duplicateOf == null ? null
                : CityCase.<CityCase>findByIdOptional(c.duplicateOf).map(o -> o.number).orElse(null);
    }

    /** The case's path in residents' words: a step whenever the words change, with no actor and no reason. */
    private List<Step> steps(CityCase c) {
        List<Step> steps = new ArrayList<>();
        for (CaseEvent e : history.of(c)) {
            ResidentPhase phase = ResidentPhase.of(e.toState);
            if (steps.isEmpty() || steps.get(steps.size() - 1).phase() != phase) {
                steps.add(new Step(phase, e.at));
            }
        }
        return steps;
    }

    private Summary summary(CityCase c, Places places, Actor reader) {
        Optional<ResidentCatalog.Category> category = catalog.named(c.kind, c.classCode);
        return new Summary(c.number, c.kind, c.classCode, category.map(ResidentCatalog.Category::name).orElse(c.className),
                category.map(ResidentCatalog.Category::icon).orElse(null), ResidentPhase.of(c.state), places.of(c),
                approximate(c.lon), approximate(c.lat), c.reportedAt, c.closedAt, c.meTooCount,
                reader != null && Objects.equals(c.reporterId, reader.id()));
    }

    /** A place as residents read it: community and management grid ("东坡社区 · 东坡社区第5网格"), never the point. */
    public static String placeName(GridIndex.Node unit) {
        String community = null;
        String management = null;
        for (GridIndex.Node n : unit.chain()) {
            if (n.level() == GridLevel.COMMUNITY) {
                community = n.name();
            } else if (n.level() == GridLevel.MANAGEMENT) {
                management = n.name();
            }
        }
        return management == null ? community : community + " · " + management;
    }

    static double approximate(double degrees) {
        return Math.round(degrees / APPROXIMATE_DEGREES) * APPROXIMATE_DEGREES;
    }

    /** Community and management grid names of cases, from the layout each was located in; one index look-up per case. */
    private final class Places {
        private final Map<Integer, Optional<GridIndex>> indexes = new HashMap<>();
        private TenantRef city;
        private List<GridLocator.LayoutRef> layouts;

        String of(CityCase c) {
            if (city == null) {
                city = tenant.tenantCode().flatMap(directory::byCode).orElseThrow(() -> ProblemException.forbidden(
                        "no-city", "Cases belong to a city."));
                layouts = grid.layouts();
            }
            Optional<GridIndex> index = indexes.computeIfAbsent(c.layoutVersion, v -> layouts.stream()
                    .filter(l -> l.version() == v).findFirst().map(l -> grid.index(city, l)));
            Optional<GridIndex.Node> unit = index.flatMap(i -> i.locate(c.lon, c.lat));
            if (unit.isEmpty()) {
                return c.communityCode;
            }
            return placeName(unit.get());
        }
    }
}
