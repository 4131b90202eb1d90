package city.gridcity.department;

import city.gridcity.audit.AdminAudit;

import city.gridcity.identity.ActiveDepartments;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The current city's disposal units. */
@ApplicationScoped
public class DepartmentService implements ActiveDepartments {

    static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    static final Pattern AREA = Pattern.compile("^[0-9]{6}([0-9]{3}){0,2}$");

    private final TenantContext tenant;
    private final Clock clock;

    private final AdminAudit audit;
    /**
     * Each city's local units by the area they answer for, read on every report of a subclass with a
     * local level: briefly cached (changes here drop the city's entry at once; other replicas see them
     * within the TTL). A measured reason: the query behind it was 6.6 % of the service's CPU during
     * intake of the demo city, whose street subclasses all have a local level.
     */
    private final city.gridcity.shared.TtlCache<Long, LocalUnits> localUnits =
            new city.gridcity.shared.TtlCache<>(java.time.Duration.ofSeconds(30));

    /** The first (by code) active unit of each local kind answering for an area code. */
    private record LocalUnits(java.util.Map<String, String> committees, java.util.Map<String, String> streetOffices) {
    }

    DepartmentService(TenantContext tenant, Clock clock, AdminAudit audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.audit = audit;
    }

    /** A department to create, or the new state of one (null fields of a change stay). */
    public record DepartmentSpec(String code, String name, Department.Kind kind, List<String> areaCodes, Boolean active) {
    }

    @Transactional
    public List<Department> list() {
        return Department.list("order by code");
    }

    /** A disposal unit as other features see it. */
    public record DepartmentRef(String code, String name, Department.Kind kind, boolean active) {

        static DepartmentRef of(Department d) {
            return new DepartmentRef(d.code, d.name, d.kind, d.active);
        }
    }

    /** The current city's departments, by code, as other features see them. */
    @Transactional
    public List<DepartmentRef> refs() {
        return list().stream().map(DepartmentRef::of).toList();
    }

    @Transactional
    public Optional<DepartmentRef> ref(String code) {
        return find(code).map(DepartmentRef::of);
    }

    @Transactional
    public Optional<Department> find(String code) {
        return Department.find("code", code).firstResultOptional();
    }

    /** The area codes (district, street, community) the department with this code answers for; empty when unknown. */
    @Transactional
    public List<String> areasOf(String code) {
        return find(code).map(d -> d.areaCodes == null ? List.<String>of() : List.of(d.areaCodes)).orElse(List.of());
    }

    /** The name of the department with this code (active or not), for features that show it. */
    @Transactional
    public Optional<String> nameOf(String code) {
        return find(code).map(d -> d.name);
    }

    /** The code of the first (by code) active street office answering for {@code streetCode}, if one does. */
    @Transactional
    public Optional<String> streetOfficeOf(String streetCode) {
        return Optional.ofNullable(localUnits().streetOffices().get(streetCode));
    }

    /** The code of the first (by code) active community committee answering for {@code communityCode}, if one does. */
    @Transactional
    public Optional<String> communityCommitteeOf(String communityCode) {
        return Optional.ofNullable(localUnits().committees().get(communityCode));
    }

    private LocalUnits localUnits() {
        return localUnits.get(tenant.requireTenantId(), city -> {
            java.util.Map<String, String> committees = new java.util.HashMap<>();
            java.util.Map<String, String> offices = new java.util.HashMap<>();
            for (Department d : Department.<Department>list("active = true and kind in ?1 order by code",
                    List.of(Department.Kind.COMMUNITY_COMMITTEE, Department.Kind.STREET_OFFICE))) {
                java.util.Map<String, String> byArea = d.kind == Department.Kind.COMMUNITY_COMMITTEE ? committees : offices;
                for (String area : d.areaCodes == null ? new String[0] : d.areaCodes) {
                    byArea.putIfAbsent(area, d.code);
                }
            }
            return new LocalUnits(java.util.Map.copyOf(committees), java.util.Map.copyOf(offices));
        });
    }

    /**
     * The unit that closes a local loop (二级闭环) at a point: the community committee of its community
     * ({@link Department.Kind#COMMUNITY_COMMITTEE}) or the street office of its street ({@link Department.Kind#STREET_OFFICE}).
     * Empty when the area has no such active unit, or for any other kind.
     *
     * @param communityCode the point's 12-digit community code (its first 9 digits are the street)
     */
    @Transactional
    public Optional<String> localUnitOf(Department.Kind kind, String communityCode) {
        if (communityCode == null || communityCode.length() < 12) {
            return Optional.empty();
        }
        return switch (kind) {
            case COMMUNITY_COMMITTEE -> communityCommitteeOf(communityCode);
            case STREET_OFFICE -> streetOfficeOf(communityCode.substring(0, 9));
            default -> Optional.empty();
        };
    }

    @Override
    @Transactional
    public java.util.Map<String, String> names(boolean activeOnly) {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        list().stream().filter(d -> d.active || !activeOnly).forEach(d -> names.put(d.code, d.name));
        return names;
    }

    @Override
    @Transactional
    public boolean exists(String code) {
        return Department.count("code = ?1 and active = true", code) > 0;
    }

    /**
     * Creates a department in the current city.
     *
     * @throws ProblemException 400 naming the field, 409 when the code is taken
     */
    @Transactional
    public Department create(DepartmentSpec spec) {
        tenant.requireTenantId();
        if (spec.code() == null || !CODE.matcher(spec.code()).matches()) {
            throw ProblemException.invalid("code", "must be 2-64 lowercase letters, digits or '-'");
        }
        if (find(spec.code()).isPresent()) {
            throw ProblemException.conflict("department-exists", "code", "A department '" + spec.code() + "' exists already.");
        }
        if (spec.kind() == null) {
            throw ProblemException.invalid("kind", "must be one of " + List.of(Department.Kind.values()));
        }
        Department d = new Department();
        d.code = spec.code();
        d.name = name(spec.name());
        d.kind = spec.kind();
        d.areaCodes = areas(spec.areaCodes());
        d.active = spec.active() == null || spec.active();
        d.createdAt = clock.instant();
        d.updatedAt = d.createdAt;
        d.persist();
        localUnits.invalidate(tenant.requireTenantId());
        audit.changed(AdminAudit.Area.DEPARTMENTS, d.code, "created", null, d.name);
        return d;
    }

    @Transactional
    public Department update(String code, DepartmentSpec change) {
        Department d = find(code).orElseThrow(() -> ProblemException.notFound("Department '" + code + "'"));
        if (change.name() != null) {
            String name = name(change.name());
            audit.changed(AdminAudit.Area.DEPARTMENTS, code, "name", d.name, name);
            d.name = name;
        }
        if (change.kind() != null) {
            audit.changed(AdminAudit.Area.DEPARTMENTS, code, "kind", d.kind, change.kind());
            d.kind = change.kind();
        }
        if (change.areaCodes() != null) {
            String[] areas = areas(change.areaCodes());
            audit.changed(AdminAudit.Area.DEPARTMENTS, code, "areaCodes", d.areaCodes, areas);
            d.areaCodes = areas;
        }
        if (change.active() != null) {
            audit.changed(AdminAudit.Area.DEPARTMENTS, code, "active", d.active, change.active());
            d.active = change.active();
        }
        d.updatedAt = clock.instant();
        localUnits.invalidate(tenant.requireTenantId());
        return d;
    }

    /** Creates the baseline departments (resource {@code catalog/departments.yaml}) in the current city. */
    @Transactional
    public int createBaseline() {
        List<DepartmentSpec> specs = baseline();
        specs.forEach(this::create);
        return specs.size();
    }

    /** The departments every city starts with. */
    public static List<DepartmentSpec> baseline() {
        try (InputStream in = DepartmentService.class.getClassLoader().getResourceAsStream("catalog/departments.yaml")) {
            List<DepartmentSpec> specs = new ArrayList<>();
            for (JsonNode n : new ObjectMapper(new YAMLFactory()).readTree(in).path("departments")) {
                specs.add(new DepartmentSpec(n.path("code").asText(), n.path("name").asText(),
                        Department.Kind.valueOf(n.path("kind").asText()), List.of(), true));
            }
            return specs;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read catalog/departments.yaml", e);
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "give the department's name, at most 100 characters");
        }
        return name.trim();
    }

    private static String[] areas(List<String> codes) {
        if (codes == null) {
            return new String[0];
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == null || !AREA.matcher(codes.get(i)).matches()) {
                throw ProblemException.invalid("areaCodes[" + i + "]", "must be a district (6 digits), street (9) or "
                        + "community (12) code");
            }
        }
        return codes.stream().distinct().sorted().toArray(String[]::new);
    }
}
