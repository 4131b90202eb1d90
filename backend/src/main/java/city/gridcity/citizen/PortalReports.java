package city.gridcity.citizen;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseIntake;
import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CasePhotos;
import city.gridcity.cases.CaseReads;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.ReportCommand;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.ResidentCatalog;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resident's report from the portal (随手拍): a category residents may choose, a point, words and up to
 * {@link #MAX_PHOTOS} photos, through the one intake. The case and its photos are stored in one
 * transaction: a photo the sanitizer refuses leaves no case behind. Works on the current city.
 */
@ApplicationScoped
public class PortalReports {

    public static final int MAX_PHOTOS = 3;
    private static final String CHOOSE_CATEGORY = "choose what the problem is from the list";
    private static final String PLACE_POINT = "place the point on the map, use your location, or give lon and lat";

    private final ResidentCatalog catalog;
    private final CaseIntake intake;
    private final CasePhotos photos;
    private final CaseReads reads;

    PortalReports(ResidentCatalog catalog, CaseIntake intake, CasePhotos photos, CaseReads reads) {
        this.catalog = catalog;
        this.intake = intake;
        this.photos = photos;
        this.reads = reads;
    }

    /** A photo as uploaded, not yet checked. */
    public record Upload(byte[] bytes, String fileName) {
    }

    /** What the form sends; {@code category} is {@code kind:code} as {@link ResidentCatalog.Category#key()} writes it. */
    public record Report(String category, Double lon, Double lat, CoordinateSystem crs, String address,
                         String description, List<Upload> photos) {
    }

    /**
     * Stores the report and its photos; answers the new case's number.
     *
     * @throws ProblemException 400 naming {@code category}, {@code location}, {@code description} or {@code file};
     *                          422 when the point is outside the city
     */
    @Transactional
    public String report(Report r, Actor resident) {
        // Every field's problem at once, so the form shows each next to its field; the intake checks again.
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<ResidentCatalog.Category> chosen = parse(r.category()).flatMap(k -> catalog.category(k.kind(), k.code()));
        if (chosen.isEmpty()) {
            errors.add(new Problem.FieldError("category", CHOOSE_CATEGORY));
        }
        if (!validPoint(r.lon(), r.lat())) {
            errors.add(new Problem.FieldError("location", PLACE_POINT));
        }
        if (r.description() == null || r.description().isBlank()) {
            errors.add(new Problem.FieldError("description", "say what the problem is"));
        }
        if (r.photos().size() > MAX_PHOTOS) {
            errors.add(new Problem.FieldError("file", "send at most " + MAX_PHOTOS + " photos"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ResidentCatalog.Category category = chosen.get();
        CaseIntake.Reported reported = intake.report(new ReportCommand(null, category.kind(), category.code(), r.lon(),
                r.lat(), r.crs(), r.address(), r.description(), null, false, null), resident);
        String number = reported.summary().number();
        for (Upload u : r.photos()) {
            photos.upload(number, CasePhoto.Stage.BEFORE, u.bytes(), u.fileName(), resident);
        }
        return number;
    }

    /**
     * Open cases of the category near the point, as a resident may see them (number, state, distance,
     * followers): offered with "me too" before a new report.
     *
     * @throws ProblemException 400 naming {@code category} or {@code location}
     */
    public List<DuplicateFinder.Nearby> nearby(String categoryKey, Double lon, Double lat, CoordinateSystem crs,
                                               Actor resident) {
        ResidentCatalog.Category category = category(categoryKey);
        double[] wgs = wgs84(lon, lat, crs);
        return reads.nearby(category.kind(), category.code(), wgs[0], wgs[1], resident);
    }

    /**
     * "Me too" (同问) on an open case near the point: the resident follows it instead of reporting again.
     *
     * @throws ProblemException 400 naming {@code location}; 404 when no such open case is near
     */
    public void meToo(String number, Double lon, Double lat, CoordinateSystem crs, Actor resident) {
        double[] wgs = wgs84(lon, lat, crs);
        intake.meToo(number, wgs[0], wgs[1], resident);
    }

    /** The categories the form offers. */
    public List<ResidentCatalog.Category> categories() {
        return catalog.categories();
    }

    private ResidentCatalog.Category category(String key) {
        return parse(key).flatMap(k -> catalog.category(k.kind(), k.code()))
                .orElseThrow(() -> ProblemException.invalid("category", CHOOSE_CATEGORY));
    }

    private record Key(CatalogClass.Kind kind, String code) {
    }

    private static Optional<Key> parse(String key) {
        if (key == null || !key.matches("^(component|event):[0-9]{4}$")) {
            return Optional.empty();
        }
        String[] parts = key.split(":");
        return Optional.of(new Key(CatalogClass.Kind.of(parts[0]), parts[1]));
    }

    private static boolean validPoint(Double lon, Double lat) {
        return lon != null && lat != null && Double.isFinite(lon) && Double.isFinite(lat) && Math.abs(lon) <= 180
                && Math.abs(lat) <= 90;
    }

    private static double[] wgs84(Double lon, Double lat, CoordinateSystem crs) {
        if (!validPoint(lon, lat)) {
            throw ProblemException.invalid("location", PLACE_POINT);
        }
        return (crs == null ? CoordinateSystem.WGS84 : crs).toWgs84(lon, lat);
    }
}
