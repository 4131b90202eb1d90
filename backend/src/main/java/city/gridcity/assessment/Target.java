package city.gridcity.assessment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is assessed: an area (district, street, community: its cases are those located in it), a department
 * (cases it answers for or was called in to) or a post (a user: the cases they reported or verified).
 * {@code code} is the area's grid code, the department's code or the user's id.
 */
public record Target(Kind kind, String code) {

    public enum Kind {
        DISTRICT, STREET, COMMUNITY, DEPARTMENT, POST
    }

    /** Whether the case belongs to this target (for posts: reported by the user; verifications see {@link #verifiedBy}). */
    public boolean owns(CaseRow r) {
        return switch (kind) {
            case DISTRICT -> code.equals(r.district());
            case STREET -> code.equals(r.street());
            case COMMUNITY -> code.equals(r.community());
            case DEPARTMENT -> r.concerns(code);
            case POST -> r.reporterId() != null && code.equals(r.reporterId().toString());
        };
    }

    /**
     * The codes of every target of the kind that owns the case ({@link #owns} of each is true exactly for these): one
     * look at a row sorts it to all its owners, so a rate over peers need not ask each peer about each row.
     */
    public static List<String> owners(Kind kind, CaseRow r) {
        return switch (kind) {
            case DISTRICT -> r.district() == null ? List.of() : List.of(r.district());
            case STREET -> r.street() == null ? List.of() : List.of(r.street());
            case COMMUNITY -> r.community() == null ? List.of() : List.of(r.community());
            case DEPARTMENT -> {
                if (r.participants().isEmpty()) {
                    yield r.responsibleDepartment() == null ? List.of() : List.of(r.responsibleDepartment());
                }
                Set<String> codes = new LinkedHashSet<>(r.participants());
                if (r.responsibleDepartment() != null) {
                    codes.add(r.responsibleDepartment());
                }
                yield List.copyOf(codes);
            }
            case POST -> r.reporterId() == null ? List.of() : List.of(r.reporterId().toString());
        };
    }

    /** Whether the target's user made the case's last verification (posts only). */
    public boolean verifiedBy(CaseRow r) {
        return kind == Kind.POST && r.verifierId() != null && code.equals(r.verifierId().toString());
    }
}
