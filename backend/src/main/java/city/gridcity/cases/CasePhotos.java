package city.gridcity.cases;

import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
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

    private final CaseService cases;
    private final ImageSanitizer sanitizer;
    private final BlobStorage storage;
    private final Clock clock;

    CasePhotos(CaseService cases, ImageSanitizer sanitizer, BlobStorage storage, Clock clock) {
        this.cases = cases;
        this.sanitizer = sanitizer;
        this.storage = storage;
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
        CityCase c = cases.get(number, actor);
        if (!c.open) {
            throw ProblemException.conflict("case-not-open", "Case " + c.number + " is " + c.state.labelZh() + " · "
                    + c.state.labelEn() + "; photos are added while it is open.");
        }
        if (CasePhoto.count("caseId", c.id) >= MAX_PHOTOS_PER_CASE) {
            throw ProblemException.conflict("too-many-photos", "Case " + c.number + " has " + MAX_PHOTOS_PER_CASE
                    + " photos already.");
        }
        SanitizedImage image = sanitizer.sanitize("file", upload, fileName);
        // Stored before the row: a failed transaction leaves an unreferenced file, never a row without its file.
        String base = c.tenantId + "/cases/" + c.id + "/" + UUID.randomUUID();
        String key = base + "." + image.type().extension();
        String thumbKey = base + "-thumb.jpg";
        storage.put(key, image.bytes());
        storage.put(thumbKey, image.thumbnail());
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
        p.persist();
        return p;
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
