package city.gridcity.cases;

import city.gridcity.identity.Role;
import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import city.gridcity.shared.storage.TransactionalBlobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Photos of a case. Uploads are checked and cleaned (type by signature, size, pixel count, place
 * and device data removed) before anything is stored; files go to the blob storage under the
 * city's own prefix, rows to {@code case_photo}. Only those who may see the case read its photos.
 */
@ApplicationScoped
public class CasePhotos {

    static final int MAX_PHOTOS_PER_CASE = 30;

    private final CaseReads cases;
    private final ImageSanitizer sanitizer;
    private final BlobStorage storage;
    private final TransactionalBlobs newFiles;
    private final Clock clock;
    private final CaseVisibility visibility;

    CasePhotos(CaseReads cases, ImageSanitizer sanitizer, BlobStorage storage, TransactionalBlobs newFiles, Clock clock,
               CaseVisibility visibility) {
        this.visibility = visibility;
        this.cases = cases;
        this.sanitizer = sanitizer;
        this.storage = storage;
        this.newFiles = newFiles;
        this.clock = clock;
    }

    /** A photo's bytes and how to serve them. */
    public record Content(byte[] bytes, String mediaType) {
    }

    /**
     * Cleans and stores a photo of an open case the actor may see.
     *
     * @throws ProblemException 404 when the case is not the actor's to see; 409 when it is no longer
     *                          open or has too many photos; 400 (field {@code file}) when the upload is not an acceptable photo
     */
    @Transactional
    public CasePhoto upload(String number, CasePhoto.Stage stage, byte[] upload, String fileName, Actor actor) {
        if (stage == CasePhoto.Stage.RATING) {
            throw ProblemException.invalid("stage", "must be BEFORE or AFTER; a rating's photo is sent with the rating "
                    + "(POST /api/v1/cases/" + number + "/rating)");
        }
        CityCase c = cases.get(number, actor);
        if (!c.open) {
            throw ProblemException.conflict("case-not-open", "Case " + c.number + " is " + c.state.labelZh() + " · "
                    + c.state.labelEn() + "; photos are added while it is open.");
        }
        checkMayAdd(c, stage, actor);
        if (CasePhoto.count("caseId", c.id) >= MAX_PHOTOS_PER_CASE) {
            throw ProblemException.conflict("too-many-photos", "Case " + c.number + " has " + MAX_PHOTOS_PER_CASE
                    + " photos already.");
        }
        return store(c, stage, sanitizer.sanitize("file", upload, fileName), actor);
    }

    /**
     * Stores a photo already cleaned by the sanitizer with the case, in the caller's transaction: an
     * upload's, or the one a resident sends with their rating of the closed case.
     */
    CasePhoto store(CityCase c, CasePhoto.Stage stage, SanitizedImage image, Actor actor) {
        // Stored before the row, so no row names a missing file; removed again if the transaction rolls back.
        String base = c.tenantId + "/cases/" + c.id + "/" + UUID.randomUUID();
        String key = base + "." + image.type().extension();
        String thumbKey = base + "-thumb.jpg";
        newFiles.put(key, image.bytes());
        newFiles.put(thumbKey, image.thumbnail());
        CasePhoto p = new CasePhoto();
        p.caseId = c.id;
        p.stage = stage;
        p.mediaType = image.mediaType();
        p.sizeBytes = image.bytes().length;
        p.width = image.width();
        p.height = image.height();
        p.sha256 = image.sha256();
        p.storageKey = key;
        p.thumbnailKey = thumbKey;
        p.uploadedBy = actor.id();
        p.uploadedAt = clock.instant();
        // Residents' and volunteers' photos may show people and homes: public only once a moderator approved them.
        p.moderation = CaseVisibility.isStaff(actor) ? null : CasePhoto.Moderation.PENDING;
        p.persist();
        return p;
    }

    /**
     * Before-photos come from whoever reported the problem or works it at the centre or on patrol;
     * after-photos from the department disposing of it, or from whoever fixed it on the spot. A volunteer
     * triaging a resident's report not yet filed adds both: what they found, and what they fixed.
     */
    private void checkMayAdd(CityCase c, CasePhoto.Stage stage, Actor actor) {
        if (c.state == CaseState.REPORTED && actor.id() != null && !actor.id().equals(c.reporterId)
                && visibility.triages(c, actor)) {
            return;
        }
        boolean reporter = actor.id() != null && actor.id().equals(c.reporterId);
        boolean allowed;
        if (stage == CasePhoto.Stage.BEFORE) {
            allowed = reporter || actor.roles().stream().anyMatch(r -> r == Role.ACCEPTOR || r == Role.DISPATCHER
                    || r == Role.DISTRICT_SUPERVISOR || r == Role.CITY_SUPERVISOR);
        } else {
            boolean handler = actor.roles().contains(Role.DEPARTMENT_HANDLER) && actor.departmentCode() != null
                    && (actor.departmentCode().equals(c.departmentCode)
                    || CaseParticipant.count("caseId = ?1 and departmentCode = ?2", c.id, actor.departmentCode()) > 0);
            allowed = handler || (reporter && c.selfHandled);
        }
        if (!allowed) {
            throw ProblemException.forbidden("photo-not-yours", stage == CasePhoto.Stage.BEFORE
                    ? "Before-photos come from the reporter and the centre's staff."
                    : "After-photos come from the department disposing of the case, or from whoever handled it on the spot.");
        }
    }

    @Transactional
    public List<CasePhoto> list(String number, Actor actor) {
        CityCase c = cases.get(number, actor);
        return CasePhoto.list("caseId = ?1 order by id", c.id);
    }

    /** A photo (or its thumbnail) of a case the actor may see. */
    @Transactional
    public Content read(String number, long photoId, boolean thumbnail, Actor actor) {
        CityCase c = cases.get(number, actor);
        CasePhoto p = CasePhoto.<CasePhoto>find("id = ?1 and caseId = ?2", photoId, c.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Photo " + photoId + " of case " + number));
        byte[] bytes = storage.get(thumbnail ? p.thumbnailKey : p.storageKey)
                .orElseThrow(() -> ProblemException.notFound("The file of photo " + photoId));
        return new Content(bytes, thumbnail ? SanitizedImage.THUMBNAIL_MEDIA_TYPE : p.mediaType);
    }
}
