package city.gridcity.cases;

import city.gridcity.shared.problem.ProblemException;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The moderation of residents' photos in the current city: a photo a resident or volunteer took is shown
 * on the public case page only once a moderator approved it; a refusal carries the reason the resident
 * reads on their report. Who may moderate is the web layer's rule (acceptors and city administrators).
 */
@ApplicationScoped
public class PhotoModeration {

    static final int MAX_REASON = 500;

    private final Clock clock;

    PhotoModeration(Clock clock) {
        this.clock = clock;
    }

    /** A photo waiting for a decision, with what a moderator needs to judge it. */
    public record PendingPhoto(long photoId, String caseNumber, CasePhoto.Stage stage, String className,
                               CaseState caseState, Instant uploadedAt, int width, int height) {
    }

    public record Queue(List<PendingPhoto> items, long total, int page, int size) {
    }

    /** A decision as stored. */
    public record Decision(long photoId, String caseNumber, CasePhoto.Moderation moderation, String reason,
                           Instant moderatedAt) {
    }

    /** The city's photos waiting for a decision, oldest first. */
    @Transactional
    public Queue pending(int page, int size) {
        var query = CasePhoto.<CasePhoto>find("moderation = ?1 order by uploadedAt, id", CasePhoto.Moderation.PENDING);
        List<CasePhoto> photos = query.page(Page.of(page, size)).list();
        List<Long> caseIds = photos.stream().map(p -> p.caseId).distinct().toList();
        Map<Long, CityCase> cases = caseIds.isEmpty() ? Map.of() : CityCase.<CityCase>list("id in ?1", caseIds).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<PendingPhoto> items = photos.stream().map(p -> {
            CityCase c = cases.get(p.caseId);
            return new PendingPhoto(p.id, c.number, p.stage, c.className, c.state, p.uploadedAt, p.width, p.height);
        }).toList();
        return new Queue(items, query.count(), page, size);
    }

    /**
     * Makes a pending photo public.
     *
     * @throws ProblemException 404 when the city has no such photo; 409 when it was decided already or is a staff photo
     */
    @Transactional
    public Decision approve(long photoId, Actor moderator) {
        return decide(photoId, CasePhoto.Moderation.APPROVED, null, moderator);
    }

    /**
     * Keeps a pending photo from the public, saying why (the resident reads it).
     *
     * @throws ProblemException 400 (field {@code reason}) without a reason; 404 and 409 as {@link #approve}
     */
    @Transactional
    public Decision refuse(long photoId, String reason, Actor moderator) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say why the photo is not shown to the public; the resident reads it");
        }
        if (reason.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "keep it to " + MAX_REASON + " characters");
        }
        return decide(photoId, CasePhoto.Moderation.REFUSED, reason.trim(), moderator);
    }

    private Decision decide(long photoId, CasePhoto.Moderation outcome, String reason, Actor moderator) {
        CasePhoto p = CasePhoto.<CasePhoto>findByIdOptional(photoId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Photo " + photoId));
        if (p.moderation == null) {
            throw ProblemException.conflict("photo-not-moderated", "Photo " + photoId
                    + " was taken by staff; staff photos are not shown to the public and need no decision.");
        }
        if (p.moderation != CasePhoto.Moderation.PENDING) {
            throw ProblemException.conflict("photo-already-moderated", "Photo " + photoId + " was decided already ("
                    + p.moderation + " at " + p.moderatedAt + ").");
        }
        p.moderation = outcome;
        p.moderationReason = reason;
        p.moderatedBy = moderator.id();
        p.moderatedAt = clock.instant();
        CityCase c = CityCase.findById(p.caseId);
        return new Decision(p.id, c.number, p.moderation, p.moderationReason, p.moderatedAt);
    }
}
