package city.gridcity.assessment;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * An appeal filed with its files in one step (the console's appeal form), in the current city: every file is checked
 * before anything is stored, then the appeal and its files are stored together, or nothing is. The caller has checked
 * that the user speaks for the target.
 */
@ApplicationScoped
public class AppealFilings {

    /** The form field the files come in. */
    public static final String FIELD = "files";

    private final Appeals appeals;
    private final AppealAttachments attachments;

    AppealFilings(Appeals appeals, AppealAttachments attachments) {
        this.appeals = appeals;
        this.attachments = attachments;
    }

    /**
     * Files the appeal with the files (none is fine).
     *
     * @throws ProblemException as {@link Appeals#file}, plus 400 naming {@code files} for more than
     *                          {@value AppealAttachments#MAX_PER_APPEAL} files or an empty, too large or unacceptable
     *                          one (every field's problems together); nothing is stored then
     */
    @Transactional
    public Appeals.View file(long runId, Appeals.Filing filing, List<AppealAttachments.Upload> files, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<AppealAttachments.Checked> checked = new ArrayList<>();
        if (files.size() > AppealAttachments.MAX_PER_APPEAL) {
            errors.add(new Problem.FieldError(FIELD, files.size() + " files; at most " + AppealAttachments.MAX_PER_APPEAL
                    + " per appeal"));
        } else {
            for (AppealAttachments.Upload u : files) {
                try {
                    checked.add(attachments.check(FIELD, u.bytes(), u.fileName()));
                } catch (ProblemException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        Appeals.View appeal;
        try {
            appeal = appeals.file(runId, filing, by);
        } catch (ProblemException e) {
            if (e.status() != 400 || errors.isEmpty()) {
                throw e;
            }
            List<Problem.FieldError> all = new ArrayList<>(e.errors());
            all.addAll(errors);
            throw ProblemException.invalid(all);
        }
        if (!errors.isEmpty()) {
            // the appeal just written goes with the transaction's rollback
            throw ProblemException.invalid(errors);
        }
        attachments.store(appeal.id(), checked, FIELD, by);
        return appeal;
    }
}
