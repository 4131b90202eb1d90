package city.gridcity.assessment;

import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Files an appeal carries (申诉附件), of the current city: photos, checked and cleaned as case photos are (JPEG, PNG or
 * WebP by their first bytes, the photo size and pixel limits, place and device data removed), or PDF documents (by
 * their first bytes, at most {@value #MAX_PDF_BYTES} bytes); at most {@value #MAX_PER_APPEAL} per appeal, added while
 * it is pending. Files go to the blob storage under the city's prefix, rows to {@code assessment_appeal_attachment}.
 * Who may add or read is the caller's to decide (the appeal's target users add; they and the assessors read).
 */
@ApplicationScoped
public class AppealAttachments {

    public static final int MAX_PER_APPEAL = 5;
    public static final long MAX_PDF_BYTES = 5L * 1024 * 1024;

    /** An attachment as listed. */
    public record View(long id, long appeal, String fileName, String mediaType, long size, String sha256,
                       Instant createdAt, String createdBy) {
    }

    /** An attachment's bytes and how to serve them. */
    public record Content(byte[] bytes, String mediaType, String fileName) {
    }

    private final ImageSanitizer sanitizer;
    private final BlobStorage storage;
    private final Clock clock;

    AppealAttachments(ImageSanitizer sanitizer, BlobStorage storage, Clock clock) {
        this.sanitizer = sanitizer;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Checks and stores a file with the appeal.
     *
     * @throws ProblemException 404 for no such appeal of the city; 409 when it is decided or has
     *                          {@value #MAX_PER_APPEAL} files; 400 naming {@code file} for an empty, too large or
     *                          unacceptable file (neither a photo nor a PDF); nothing is stored then
     */
    @Transactional
    public View add(long appealId, byte[] upload, String fileName, String by) {
        AssessmentAppeal a = appeal(appealId);
        if (a.status != AssessmentAppeal.Status.PENDING) {
            throw ProblemException.conflict("appeal-decided", "Appeal " + appealId + " is decided; files are added while "
                    + "it is pending.");
        }
        if (AppealAttachment.count("appealId", appealId) >= MAX_PER_APPEAL) {
            throw ProblemException.conflict("too-many-attachments", "file", "Appeal " + appealId + " has "
                    + MAX_PER_APPEAL + " files already.");
        }
        String name = fileName == null || fileName.isBlank() ? null
                : fileName.replaceAll("[\\p{Cntrl}/\\\\]", "_").substring(0, Math.min(fileName.length(), 200));
        byte[] bytes;
        String mediaType;
        String extension;
        String sha;
        if (upload != null && upload.length >= 5 && new String(upload, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("%PDF-")) {
            if (upload.length > MAX_PDF_BYTES) {
                throw ProblemException.invalid("file", "the PDF is " + upload.length / 1024 + " KiB; at most "
                        + MAX_PDF_BYTES / 1024 / 1024 + " MiB");
            }
            bytes = upload;
            mediaType = "application/pdf";
            extension = "pdf";
            sha = sha256(upload);
        } else {
            SanitizedImage image = sanitizer.sanitize("file", upload, fileName);
            bytes = image.bytes();
            mediaType = image.mediaType();
            extension = image.type().extension();
            sha = image.sha256();
        }
        // Stored before the row: a failed transaction leaves an unreferenced file, never a row without its file.
        String key = a.tenantId + "/appeals/" + a.id + "/" + UUID.randomUUID() + "." + extension;
        storage.put(key, bytes);
        AppealAttachment f = new AppealAttachment();
        f.appealId = a.id;
        f.fileName = name;
        f.mediaType = mediaType;
        f.sizeBytes = bytes.length;
        f.sha256 = sha;
        f.storageKey = key;
        f.createdAt = clock.instant();
        f.createdBy = by;
        f.persist();
        return view(f);
    }

    /** The appeal's files, oldest first (404 for no such appeal of the city). */
    @Transactional
    public List<View> list(long appealId) {
        appeal(appealId);
        return AppealAttachment.<AppealAttachment>list("appealId = ?1 order by id", appealId).stream()
                .map(AppealAttachments::view).toList();
    }

    /** One file's bytes (404 when the appeal or the file is not the city's). */
    @Transactional
    public Content read(long appealId, long id) {
        appeal(appealId);
        AppealAttachment f = AppealAttachment.<AppealAttachment>find("id = ?1 and appealId = ?2", id, appealId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("File " + id + " of appeal " + appealId));
        byte[] bytes = storage.get(f.storageKey).orElseThrow(() -> ProblemException.notFound("The file of " + id));
        return new Content(bytes, f.mediaType, f.fileName);
    }

    /** The target of an appeal of the city (for the caller's check of who may add or read). */
    @Transactional
    public String target(long appealId) {
        return appeal(appealId).target;
    }

    private static AssessmentAppeal appeal(long id) {
        AssessmentAppeal a = AssessmentAppeal.findById(id);
        if (a == null) {
            throw ProblemException.notFound("Appeal " + id);
        }
        return a;
    }

    private static View view(AppealAttachment f) {
        return new View(f.id, f.appealId, f.fileName, f.mediaType, f.sizeBytes, f.sha256, f.createdAt, f.createdBy);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
