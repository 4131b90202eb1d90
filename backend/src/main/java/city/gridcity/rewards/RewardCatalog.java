package city.gridcity.rewards;

import city.gridcity.points.PointRulesService;
import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import city.gridcity.shared.storage.TransactionalBlobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The current city's rewards, managed by its administrator: every change is audited in the points
 * programme's trail (who, when, old, new). Pictures go through the same checks and metadata removal as
 * case photos.
 */
@ApplicationScoped
public class RewardCatalog {

    private final PointRulesService audit;
    private final ImageSanitizer sanitizer;
    private final BlobStorage storage;
    private final TransactionalBlobs newFiles;
    private final Clock clock;

    RewardCatalog(PointRulesService audit, ImageSanitizer sanitizer, BlobStorage storage, TransactionalBlobs newFiles,
                  Clock clock) {
        this.audit = audit;
        this.sanitizer = sanitizer;
        this.storage = storage;
        this.newFiles = newFiles;
        this.clock = clock;
    }

    /**
     * A reward's fields as given; on an update {@code null} leaves a field as it is ({@code clearFrom} /
     * {@code clearUntil} / {@code clearLimit} remove the window's ends or the limit).
     */
    public record Spec(String code, String nameZh, String nameEn, String descriptionZh, String descriptionEn, Integer price,
                       Integer stock, Integer perResidentLimit, Integer minLevel, Instant availableFrom,
                       Instant availableUntil, Boolean active) {
    }

    /** A reward as others see it. */
    public record RewardInfo(long id, String code, String nameZh, String nameEn, String descriptionZh, String descriptionEn,
                             int price, int stock, Integer perResidentLimit, int minLevel, Instant availableFrom,
                             Instant availableUntil, boolean active, boolean hasPicture, boolean availableNow) {

        static RewardInfo of(Reward r, Instant now) {
            return new RewardInfo(r.id, r.code, r.nameZh, r.nameEn, r.descriptionZh, r.descriptionEn, r.price, r.stock,
                    r.perResidentLimit, r.minLevel, r.availableFrom, r.availableUntil, r.active, r.pictureKey != null,
                    r.availableAt(now) && r.stock > 0);
        }
    }

    /** Every reward of the city (the administrator's list), or those residents may hold now. */
    @Transactional
    public List<RewardInfo> list(boolean all) {
        Instant now = clock.instant();
        return Reward.<Reward>list("order by price, id").stream().filter(r -> all || r.availableAt(now))
                .map(r -> RewardInfo.of(r, now)).toList();
    }

    /**
     * What the residents' rewards page lists: the active rewards that may be held now, those not yet open, and those
     * whose window closed within {@code endedWithin} (so a resident who looks for one learns it has ended).
     */
    @Transactional
    public List<RewardInfo> forResidents(java.time.Duration endedWithin) {
        Instant now = clock.instant();
        Instant since = now.minus(endedWithin);
        return Reward.<Reward>list("active = true and (availableUntil is null or availableUntil > ?1) order by price, id", since)
                .stream().map(r -> RewardInfo.of(r, now)).toList();
    }

    /** The terms the hold checks, for saying beforehand whether it would succeed. */
    public static Eligibility.Terms terms(RewardInfo r) {
        return new Eligibility.Terms(r.nameZh(), r.nameEn(), r.price(), r.stock(), r.perResidentLimit(), r.minLevel(),
                r.active(), r.availableFrom(), r.availableUntil());
    }

    /** @throws ProblemException 404 when the city has no such reward */
    @Transactional
    public RewardInfo get(long id) {
        return RewardInfo.of(load(id), clock.instant());
    }

    /**
     * @throws ProblemException 400 naming each wrong field; 409 when the code is taken
     */
    @Transactional
    public RewardInfo create(Spec s, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (s.code() == null || !s.code().matches("^[a-z0-9][a-z0-9-]{1,31}$")) {
            errors.add(new Problem.FieldError("code", "give 2 to 32 lower-case letters, digits or -"));
        }
        require(errors, "nameZh", s.nameZh());
        require(errors, "nameEn", s.nameEn());
        if (s.price() == null) {
            errors.add(new Problem.FieldError("price", "give the price in points (1 or more)"));
        }
        if (s.stock() == null) {
            errors.add(new Problem.FieldError("stock", "give how many are in stock (0 or more)"));
        }
        check(errors, s, null);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (Reward.count("code", s.code()) > 0) {
            throw ProblemException.conflict("reward-code-taken", "code", "The city has a reward " + s.code() + " already.");
        }
        Instant now = clock.instant();
        Reward r = new Reward();
        r.code = s.code();
        r.active = true;
        r.createdAt = now;
        apply(r, s);
        r.updatedAt = now;
        r.persist();
        audit.recordAudit(by, "reward " + r.code, null, describe(r));
        return RewardInfo.of(r, now);
    }

    /**
     * Changes a reward; stock set here is the count left to hold (units held already are not in it).
     *
     * @throws ProblemException 404 for no such reward; 400 naming each wrong field
     */
    @Transactional
    public RewardInfo update(long id, Spec s, boolean clearFrom, boolean clearUntil, boolean clearLimit, String by) {
        Reward r = Reward.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ProblemException.notFound("Reward " + id);
        }
        if (s.code() != null && !s.code().equals(r.code)) {
            throw ProblemException.invalid("code", "a reward's code stays as it was created (" + r.code + ")");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (s.nameZh() != null) {
            require(errors, "nameZh", s.nameZh());
        }
        if (s.nameEn() != null) {
            require(errors, "nameEn", s.nameEn());
        }
        check(errors, s, r);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String before = describe(r);
        apply(r, s);
        if (clearFrom) {
            r.availableFrom = null;
        }
        if (clearUntil) {
            r.availableUntil = null;
        }
        if (clearLimit) {
            r.perResidentLimit = null;
        }
        if (r.availableFrom != null && r.availableUntil != null && !r.availableUntil.isAfter(r.availableFrom)) {
            throw ProblemException.invalid("availableUntil", "must be after availableFrom");
        }
        String after = describe(r);
        if (!before.equals(after)) {
            r.updatedAt = clock.instant();
            audit.recordAudit(by, "reward " + r.code, before, after);
        }
        return RewardInfo.of(r, clock.instant());
    }

    /**
     * Sets a reward's picture: JPEG, PNG or WebP, checked by content, location and device data removed.
     *
     * @throws ProblemException 404 for no such reward; 400 (field {@code file}) when it is not an acceptable picture
     */
    @Transactional
    public RewardInfo setPicture(long id, byte[] upload, String fileName, String by) {
        Reward r = load(id);
        SanitizedImage image = sanitizer.sanitize("file", upload, fileName);
        String key = r.tenantId + "/rewards/" + r.id + "/" + UUID.randomUUID() + "." + image.type().extension();
        // Stored before the row points at it, so no reward shows a missing picture; removed again on a rollback,
        // and the picture it replaces once the change is committed (no row names that one any more).
        newFiles.put(key, image.bytes());
        String old = r.pictureKey;
        if (old != null) {
            newFiles.deleteAfterCommit(old);
        }
        r.pictureKey = key;
        r.pictureType = image.mediaType();
        r.updatedAt = clock.instant();
        audit.recordAudit(by, "reward " + r.code + " picture", old, key);
        return RewardInfo.of(r, clock.instant());
    }

    /** A reward's picture and its media type. */
    public record Picture(byte[] bytes, String mediaType) {
    }

    /** @throws ProblemException 404 when the reward or its picture is missing */
    @Transactional
    public Picture picture(long id) {
        Reward r = load(id);
        if (r.pictureKey == null) {
            throw ProblemException.notFound("A picture of reward " + id);
        }
        return new Picture(storage.get(r.pictureKey).orElseThrow(() -> ProblemException.notFound("The picture of reward "
                + id)), r.pictureType);
    }

    private static Reward load(long id) {
        Reward r = Reward.findById(id);
        if (r == null) {
            throw ProblemException.notFound("Reward " + id);
        }
        return r;
    }

    private static void apply(Reward r, Spec s) {
        if (s.nameZh() != null) {
            r.nameZh = s.nameZh().trim();
        }
        if (s.nameEn() != null) {
            r.nameEn = s.nameEn().trim();
        }
        if (s.descriptionZh() != null) {
            r.descriptionZh = blankToNull(s.descriptionZh());
        }
        if (s.descriptionEn() != null) {
            r.descriptionEn = blankToNull(s.descriptionEn());
        }
        if (s.price() != null) {
            r.price = s.price();
        }
        if (s.stock() != null) {
            r.stock = s.stock();
        }
        if (s.perResidentLimit() != null) {
            r.perResidentLimit = s.perResidentLimit();
        }
        if (s.minLevel() != null) {
            r.minLevel = s.minLevel();
        }
        if (s.availableFrom() != null) {
            r.availableFrom = s.availableFrom();
        }
        if (s.availableUntil() != null) {
            r.availableUntil = s.availableUntil();
        }
        if (s.active() != null) {
            r.active = s.active();
        }
    }

    private static void check(List<Problem.FieldError> errors, Spec s, Reward current) {
        if (s.price() != null && (s.price() < 1 || s.price() > 1_000_000)) {
            errors.add(new Problem.FieldError("price", "must be 1 to 1,000,000 points"));
        }
        if (s.stock() != null && (s.stock() < 0 || s.stock() > 1_000_000)) {
            errors.add(new Problem.FieldError("stock", "must be 0 to 1,000,000"));
        }
        if (s.perResidentLimit() != null && s.perResidentLimit() < 1) {
            errors.add(new Problem.FieldError("perResidentLimit", "must be 1 or more, or left out for no limit"));
        }
        if (s.minLevel() != null && (s.minLevel() < 0 || s.minLevel() > 50)) {
            errors.add(new Problem.FieldError("minLevel", "give the level's place in the city's levels: 0 for the first"));
        }
        if (s.descriptionZh() != null && s.descriptionZh().length() > 500) {
            errors.add(new Problem.FieldError("descriptionZh", "keep it to 500 characters"));
        }
        if (s.descriptionEn() != null && s.descriptionEn().length() > 500) {
            errors.add(new Problem.FieldError("descriptionEn", "keep it to 500 characters"));
        }
        Instant from = s.availableFrom() != null ? s.availableFrom() : current == null ? null : current.availableFrom;
        Instant until = s.availableUntil() != null ? s.availableUntil() : current == null ? null : current.availableUntil;
        if (from != null && until != null && !until.isAfter(from)) {
            errors.add(new Problem.FieldError("availableUntil", "must be after availableFrom"));
        }
    }

    private static void require(List<Problem.FieldError> errors, String field, String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            errors.add(new Problem.FieldError(field, "give a name of 1 to 100 characters"));
        }
    }

    private static String describe(Reward r) {
        return "price=" + r.price + " stock=" + r.stock + " limit=" + r.perResidentLimit + " minLevel=" + r.minLevel
                + " from=" + r.availableFrom + " until=" + r.availableUntil + " active=" + r.active + " nameZh=" + r.nameZh
                + " nameEn=" + r.nameEn + (Objects.equals(r.descriptionZh, null) ? "" : " descriptionZh=" + r.descriptionZh);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.trim();
    }
}
