package city.gridcity.assessment;

import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import city.gridcity.shared.storage.TransactionalBlobs;
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

    /** A file as uploaded: the name the client gave it (may be null) and its bytes. */
    public record Upload(String fileName, byte[] bytes) {
    }

    /** A file checked (and, a photo, cleaned), ready to store: nothing is stored until {@link #store}. */
    public record Checked(String fileName, byte[] bytes, String mediaType, String extension, String sha256) {
    }

    /** The limits a file must keep, for the forms' hints: a photo's and a PDF's largest size in bytes, files per appeal. */
    public record Limits(long photoBytes, long pdfBytes, int perAppeal) {
    }

    private final ImageSanitizer sanitizer;
    private final BlobStorage storage;
    private final TransactionalBlobs newFiles;
    private final Clock clock;
    private final long photoBytes;

    AppealAttachments(ImageSanitizer sanitizer, BlobStorage storage, TransactionalBlobs newFiles, Clock clock,
                      city.gridcity.shared.image.ImageConfig images) {
        this.sanitizer = sanitizer;
        this.storage = storage;
        this.newFiles = newFiles;
        this.clock = clock;
        this.photoBytes = images.maxSize().asLongValue();
    }

    public Limits limits() {
        return new Limits(photoBytes, MAX_PDF_BYTES, MAX_PER_APPEAL);
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
        open(a, 1);
        return store(a, check("file", upload, fileName), by);
    }

    /**
     * Stores files already checked with the appeal, all or none (the caller's transaction rolls back on a refusal).
     *
     * @throws ProblemException 404 for no such appeal of the city; 409 naming {@code field} when it is decided or
     *                          the files would make more than {@value #MAX_PER_APPEAL}
     */
    @Transactional
    public List<View> store(long appealId, List<Checked> files, String field, String by) {
        AssessmentAppeal a = appeal(appealId);
        open(a, files.size(), field);
        return files.stream().map(f -> store(a, f, by)).toList();
    }

    /**
     * Checks one file without storing anything: a photo (JPEG, PNG or WebP by its first bytes, within the photo limits,
     * cleaned of place and device data) or a PDF (by its first bytes, at most {@value #MAX_PDF_BYTES} bytes).
     *
     * @throws ProblemException 400 naming {@code field} for an empty, too large or unacceptable file
     */
    public Checked check(String field, byte[] upload, String fileName) {
        String name = fileName == null || fileName.isBlank() ? null
                : fileName.replaceAll("[\\p{Cntrl}/\\\\]", "_").substring(0, Math.min(fileName.length(), 200));
        if (upload != null && upload.length >= 5 && new String(upload, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("%PDF-")) {
            if (upload.length > MAX_PDF_BYTES) {
                throw ProblemException.invalid(field, (name == null ? "the PDF" : name) + " is " + upload.length / 1024
                        + " KiB; at most " + MAX_PDF_BYTES / 1024 / 1024 + " MiB");
            }
            return new Checked(name, upload, "application/pdf", "pdf", sha256(upload));
        }
        if (upload != null && upload.length > 0 && city.gridcity.shared.image.ImageType.detect(upload).isEmpty()) {
            throw ProblemException.invalid(field, (name == null ? "the file" : name) + " is neither a photo (JPEG, PNG "
                    + "or WebP) nor a PDF document");
        }
        SanitizedImage image = sanitizer.sanitize(field, upload, fileName);
        return new Checked(name, image.bytes(), image.mediaType(), image.type().extension(), image.sha256());
    }

    private static void open(AssessmentAppeal a, int adding) {
        open(a, adding, "file");
    }

    private static void open(AssessmentAppeal a, int adding, String field) {
        if (a.status != AssessmentAppeal.Status.PENDING) {
            throw ProblemException.conflict("appeal-decided", field, "Appeal " + a.id + " is decided; files are added "
                    + "while it is pending.");
        }
        long has = AppealAttachment.count("appealId", a.id);
        if (has + adding > MAX_PER_APPEAL) {
            throw ProblemException.conflict("too-many-attachments", field, "Appeal " + a.id + " has " + has
                    + " files; at most " + MAX_PER_APPEAL + " in all.");
        }
    }

    private View store(AssessmentAppeal a, Checked c, String by) {
        // Stored before the row, so no row names a missing file; removed again if the transaction rolls back.
        String key = a.tenantId + "/appeals/" + a.id + "/" + UUID.randomUUID() + "." + c.extension();
        newFiles.put(key, c.bytes());
        AppealAttachment f = new AppealAttachment();
        f.appealId = a.id;
        f.fileName = c.fileName();
        f.mediaType = c.mediaType();
        f.sizeBytes = c.bytes().length;
        f.sha256 = c.sha256();
        f.storageKey = key;
        f.createdAt = clock.instant();
        f.createdBy = by;
        f.persist();
        return view(f);
    }

    /** The files of several appeals of the city, by appeal, each oldest first (for the queue and the score card). */
    @Transactional
    public java.util.Map<Long, List<View>> of(java.util.Collection<Long> appealIds) {
        if (appealIds.isEmpty()) {
            return java.util.Map.of();
        }
        return AppealAttachment.<AppealAttachment>list("appealId in ?1 order by id", appealIds).stream()
                .map(AppealAttachments::view).collect(java.util.stream.Collectors.groupingBy(View::appeal,
                        java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
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
