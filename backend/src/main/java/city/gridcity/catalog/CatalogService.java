package city.gridcity.catalog;

import city.gridcity.department.DepartmentService;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The current city's catalog. Subclasses are edited in place (each changed field audited); their
 * time limits and weights change only by adding a rule version that takes effect from a moment not
 * in the past, so what a filed case was held to never changes.
 */
@ApplicationScoped
public class CatalogService {

    /** A rule may take effect at most this long before "now", to allow for clocks and slow requests. */
    static final Duration PAST_SLACK = Duration.ofMinutes(5);

    private final TenantContext tenant;
    private final DepartmentService departments;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<BaselineClass> baseline;
    private final city.gridcity.shared.TtlCache<String, Optional<ClassRules>> classRulesCache =
            new city.gridcity.shared.TtlCache<>(Duration.ofSeconds(30));

    CatalogService(TenantContext tenant, DepartmentService departments, ObjectMapper json, Clock clock) {
        this.tenant = tenant;
        this.departments = departments;
        this.json = json;
        this.clock = clock;
        this.baseline = readBaseline();
    }

    /** A subclass of the national baseline (resource {@code catalog/baseline.yaml}). */
    public record BaselineClass(CatalogClass.Kind kind, String code, String majorName, String name, String departmentCode,
                                CatalogClass.Route route, boolean keyClass, boolean minor, BigDecimal weight,
                                int duplicateRadiusM, int duplicateWindowHours, boolean evidenceBefore,
                                boolean evidenceAfter, String icon, String residentName, boolean hidden,
                                List<FilingCondition> conditions, String majorNameEn, String nameEn,
                                String residentNameEn) {
    }

    /** A new subclass of the city's own. */
    public record NewClass(CatalogClass.Kind kind, String code, String majorName, String name, String departmentCode,
                           CatalogClass.Route route, boolean keyClass, boolean minor, int duplicateRadiusM,
                           int duplicateWindowHours, boolean evidenceBefore, boolean evidenceAfter, String icon,
                           String residentName, boolean hidden, BigDecimal weight, List<FilingCondition> conditions,
                           String majorNameEn, String nameEn, String residentNameEn) {
    }

    /** The longest English names: as long as the Chinese fields they stand beside. */
    static final int MAJOR_NAME_MAX = 50;
    static final int NAME_MAX = 100;

    /** Changes to a subclass's attributes; null fields stay. */
    public record ClassChange(String name, String majorName, String departmentCode, CatalogClass.Route route,
                              Boolean keyClass, Boolean minor, Integer duplicateRadiusM, Integer duplicateWindowHours,
                              Boolean evidenceBefore, Boolean evidenceAfter, String icon, String residentName,
                              Boolean hidden, Boolean active, CatalogClass.LocalLevel localLevel, String majorNameEn,
                              String nameEn, String residentNameEn) {

        /** A change that leaves the English names as they are. */
        public ClassChange(String name, String majorName, String departmentCode, CatalogClass.Route route,
                           Boolean keyClass, Boolean minor, Integer duplicateRadiusM, Integer duplicateWindowHours,
                           Boolean evidenceBefore, Boolean evidenceAfter, String icon, String residentName,
                           Boolean hidden, Boolean active, CatalogClass.LocalLevel localLevel) {
            this(name, majorName, departmentCode, route, keyClass, minor, duplicateRadiusM, duplicateWindowHours,
                    evidenceBefore, evidenceAfter, icon, residentName, hidden, active, localLevel, null, null, null);
        }

        /** A change that leaves the local loop level as it is. */
        public ClassChange(String name, String majorName, String departmentCode, CatalogClass.Route route,
                           Boolean keyClass, Boolean minor, Integer duplicateRadiusM, Integer duplicateWindowHours,
                           Boolean evidenceBefore, Boolean evidenceAfter, String icon, String residentName,
                           Boolean hidden, Boolean active) {
            this(name, majorName, departmentCode, route, keyClass, minor, duplicateRadiusM, duplicateWindowHours,
                    evidenceBefore, evidenceAfter, icon, residentName, hidden, active, null);
        }
    }

    public List<BaselineClass> baseline() {
        return baseline;
    }

    /** A rule version of an exported catalog: in force from a moment, with its weight and filing conditions. */
    public record RuleSpec(Instant effectiveFrom, BigDecimal weight, List<FilingCondition> conditions) {
    }

    /**
     * Creates a subclass with its whole state and rule versions as a pack exported from another city holds them, in
     * place of the baseline copy: versions may lie in the past, as they did in the city the pack came from.
     */
    @Transactional
    CatalogClass restore(CatalogClass state, List<RuleSpec> rules, String by) {
        tenant.requireTenantId();
        Instant now = clock.instant();
        state.createdAt = now;
        state.updatedAt = now;
        state.persist();
        for (RuleSpec r : rules) {
            storeRule(state, r.effectiveFrom(), r.weight(), r.conditions(), by, now);
        }
        forgetClassRules();
        return state;
    }

    /** Every subclass of the current city, active or not, in code order. */
    @Transactional
    List<CatalogClass> all() {
        return CatalogClass.list("order by kind, code");
    }

    /** Every subclass's names in the current city, by {@code KIND/code}: what {@link ClassNames} reads. */
    @Transactional
    Map<String, ClassNames.Names> classNames() {
        Map<String, ClassNames.Names> out = new HashMap<>();
        for (CatalogClass c : all()) {
            out.put(ClassNames.key(c.kind, c.code), ClassNames.Names.of(c));
        }
        return out;
    }

    /** Copies the national baseline into the current city, its rules in force from {@code from}. */
    @Transactional
    public int copyBaseline(Instant from, String by) {
        tenant.requireTenantId();
        Instant now = clock.instant();
        for (BaselineClass b : baseline) {
            CatalogClass c = new CatalogClass();
            c.kind = b.kind();
            c.code = b.code();
            c.majorName = b.majorName();
            c.name = b.name();
            c.departmentCode = b.departmentCode();
            c.route = b.route();
            c.keyClass = b.keyClass();
            c.minor = b.minor();
            c.duplicateRadiusM = b.duplicateRadiusM();
            c.duplicateWindowHours = b.duplicateWindowHours();
            c.evidenceBefore = b.evidenceBefore();
            c.evidenceAfter = b.evidenceAfter();
            c.icon = b.icon();
            c.residentName = b.residentName();
            c.majorNameEn = b.majorNameEn();
            c.nameEn = b.nameEn();
            c.residentNameEn = b.residentNameEn();
            c.hiddenFromResidents = b.hidden();
            c.active = true;
            c.createdAt = now;
            c.updatedAt = now;
            c.persist();
            storeRule(c, from, b.weight(), b.conditions(), by, now);
            forgetClassRules();
        }
        return baseline.size();
    }

    @Transactional
    public List<CatalogClass> list(CatalogClass.Kind kind, String text) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (name like :text or majorName like :text or code like :text)");
            params.put("text", "%" + text.replace("%", "").replace("_", "") + "%");
        }
        return CatalogClass.list(where + " order by kind, code", params);
    }

    @Transactional
    public CatalogClass get(CatalogClass.Kind kind, String code) {
        return CatalogClass.<CatalogClass>find("kind = ?1 and code = ?2", kind, code).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Catalog " + kind.name().toLowerCase() + " " + code));
    }

    /** A subclass of the current city as other features read it; 404 when there is none. */
    @Transactional
    public Subclass subclass(CatalogClass.Kind kind, String code) {
        return Subclass.of(get(kind, code));
    }

    /** Every subclass of the current city, active or not, by kind and code. */
    @Transactional
    public List<Subclass> subclasses() {
        return list(null, null).stream().map(Subclass::of).toList();
    }

    /** A subclass and its rule versions, as a report reads them. */
    public record ClassRules(CatalogClass theClass, List<CatalogRule> rules) {

        public Subclass subclass() {
            return Subclass.of(theClass);
        }

        /** The rule in force at {@code at}, as a case records it. */
        public Optional<RuleInForce> inForceAt(Instant at) {
            return ruleAt(at).map(RuleInForce::of);
        }

        /** The rule in force at {@code at}. */
        public Optional<CatalogRule> ruleAt(Instant at) {
            CatalogRule found = null;
            for (CatalogRule r : rules) {
                if (!r.effectiveFrom.isAfter(at) && (found == null || r.effectiveFrom.isAfter(found.effectiveFrom))) {
                    found = r;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /**
     * A subclass with its rules, read on every report: briefly cached per city (edits here drop the
     * entry at once; other replicas see them within the TTL).
     */
    @Transactional
    public Optional<ClassRules> classRules(CatalogClass.Kind kind, String code) {
        return classRulesCache.get(tenant.tenantCode().orElseThrow() + "|" + kind + "|" + code, k ->
                find(kind, code).map(c -> new ClassRules(c, List.copyOf(rules(c)))));
    }

    private void forgetClassRules() {
        String city = tenant.tenantCode().orElse("");
        classRulesCache.invalidateIf(k -> k.startsWith(city + "|"));
    }

    /** A subclass by kind and code, if the city's catalog has it. */
    @Transactional
    public Optional<CatalogClass> find(CatalogClass.Kind kind, String code) {
        return CatalogClass.<CatalogClass>find("kind = ?1 and code = ?2", kind, code).firstResultOptional();
    }

    /** The rule in force at {@code at}: the one a case filed then is held to. */
    @Transactional
    public Optional<CatalogRule> ruleAt(CatalogClass c, Instant at) {
        return CatalogRule.<CatalogRule>find("classId = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc", c.id, at)
                .firstResultOptional();
    }

    @Transactional
    public List<CatalogRule> rules(CatalogClass c) {
        return CatalogRule.list("classId = ?1 order by effectiveFrom", c.id);
    }

    @Transactional
    public List<CatalogAudit> audit(CatalogClass c) {
        return CatalogAudit.list("classId = ?1 order by at, id", c.id);
    }

    /**
     * Adds a subclass of the city's own, its first rule in force at once.
     *
     * @throws ProblemException 400 naming the field, 409 when the code is taken
     */
    @Transactional
    public CatalogClass create(NewClass cmd, String by) {
        if (cmd.kind() == null) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
        if (cmd.code() == null || !cmd.code().matches("^[0-9]{4}$")) {
            throw ProblemException.invalid("code", "must be 4 digits: the major class (2) then the subclass (2)");
        }
        if (CatalogClass.count("kind = ?1 and code = ?2", cmd.kind(), cmd.code()) > 0) {
            throw ProblemException.conflict("catalog-code-taken", "code", "The " + cmd.kind().name().toLowerCase()
                    + " code " + cmd.code() + " exists already in this city's catalog.");
        }
        requireText("name", cmd.name(), 100);
        requireText("majorName", cmd.majorName(), 50);
        String majorNameEn = optionalText("majorNameEn", cmd.majorNameEn(), MAJOR_NAME_MAX);
        String nameEn = optionalText("nameEn", cmd.nameEn(), NAME_MAX);
        String residentNameEn = optionalText("residentNameEn", cmd.residentNameEn(), NAME_MAX);
        requireDepartment(requireText("departmentCode", cmd.departmentCode(), 64));
        checkRange("duplicateRadiusM", cmd.duplicateRadiusM(), 0, 5000);
        checkRange("duplicateWindowHours", cmd.duplicateWindowHours(), 0, 8760);
        checkRule(cmd.weight(), cmd.conditions());
        Instant now = clock.instant();
        CatalogClass c = new CatalogClass();
        c.kind = cmd.kind();
        c.code = cmd.code();
        c.majorName = cmd.majorName().trim();
        c.name = cmd.name().trim();
        c.departmentCode = cmd.departmentCode().trim();
        c.route = cmd.route() != null ? cmd.route()
                : cmd.kind() == CatalogClass.Kind.COMPONENT ? CatalogClass.Route.OWNER : CatalogClass.Route.LOCALITY;
        c.keyClass = cmd.keyClass();
        c.minor = cmd.minor();
        c.duplicateRadiusM = cmd.duplicateRadiusM();
        c.duplicateWindowHours = cmd.duplicateWindowHours();
        c.evidenceBefore = cmd.evidenceBefore();
        c.evidenceAfter = cmd.evidenceAfter();
        c.icon = cmd.icon();
        c.residentName = cmd.residentName();
        c.majorNameEn = majorNameEn;
        c.nameEn = nameEn;
        c.residentNameEn = residentNameEn;
        c.hiddenFromResidents = cmd.hidden();
        c.active = true;
        c.createdAt = now;
        c.updatedAt = now;
        c.persist();
        audit(c, now, by, "created", null, c.name);
        storeRule(c, now, cmd.weight(), cmd.conditions(), by, now);
        return c;
    }

    /** Changes a subclass's attributes; each changed field is audited. */
    @Transactional
    public CatalogClass update(CatalogClass.Kind kind, String code, ClassChange change, String by) {
        CatalogClass c = get(kind, code);
        Instant now = clock.instant();
        if (change.name() != null) {
            set(c, now, by, "name", c.name, requireText("name", change.name(), 100), v -> c.name = v);
        }
        if (change.majorName() != null) {
            set(c, now, by, "majorName", c.majorName, requireText("majorName", change.majorName(), 50), v -> c.majorName = v);
        }
        // English names: a blank one removes it (English pages then show the Chinese).
        if (change.majorNameEn() != null) {
            set(c, now, by, "majorNameEn", c.majorNameEn, optionalText("majorNameEn", change.majorNameEn(), MAJOR_NAME_MAX),
                    v -> c.majorNameEn = v);
        }
        if (change.nameEn() != null) {
            set(c, now, by, "nameEn", c.nameEn, optionalText("nameEn", change.nameEn(), NAME_MAX), v -> c.nameEn = v);
        }
        if (change.residentNameEn() != null) {
            set(c, now, by, "residentNameEn", c.residentNameEn, optionalText("residentNameEn", change.residentNameEn(),
                    NAME_MAX), v -> c.residentNameEn = v);
        }
        if (change.departmentCode() != null) {
            set(c, now, by, "departmentCode", c.departmentCode,
                    requireDepartment(requireText("departmentCode", change.departmentCode(), 64)), v -> c.departmentCode = v);
        }
        if (change.route() != null) {
            set(c, now, by, "route", c.route, change.route(), v -> c.route = v);
        }
        if (change.keyClass() != null) {
            set(c, now, by, "keyClass", c.keyClass, change.keyClass(), v -> c.keyClass = v);
        }
        if (change.minor() != null) {
            set(c, now, by, "minor", c.minor, change.minor(), v -> c.minor = v);
        }
        if (change.duplicateRadiusM() != null) {
            checkRange("duplicateRadiusM", change.duplicateRadiusM(), 0, 5000);
            set(c, now, by, "duplicateRadiusM", c.duplicateRadiusM, change.duplicateRadiusM(), v -> c.duplicateRadiusM = v);
        }
        if (change.duplicateWindowHours() != null) {
            checkRange("duplicateWindowHours", change.duplicateWindowHours(), 0, 8760);
            set(c, now, by, "duplicateWindowHours", c.duplicateWindowHours, change.duplicateWindowHours(),
                    v -> c.duplicateWindowHours = v);
        }
        if (change.evidenceBefore() != null) {
            set(c, now, by, "evidenceBefore", c.evidenceBefore, change.evidenceBefore(), v -> c.evidenceBefore = v);
        }
        if (change.evidenceAfter() != null) {
            set(c, now, by, "evidenceAfter", c.evidenceAfter, change.evidenceAfter(), v -> c.evidenceAfter = v);
        }
        if (change.icon() != null) {
            set(c, now, by, "icon", c.icon, change.icon(), v -> c.icon = v);
        }
        if (change.residentName() != null) {
            set(c, now, by, "residentName", c.residentName, change.residentName(), v -> c.residentName = v);
        }
        if (change.hidden() != null) {
            set(c, now, by, "hiddenFromResidents", c.hiddenFromResidents, change.hidden(), v -> c.hiddenFromResidents = v);
        }
        if (change.active() != null) {
            set(c, now, by, "active", c.active, change.active(), v -> c.active = v);
        }
        if (change.localLevel() != null) {
            set(c, now, by, "localLevel", c.localLevel, change.localLevel(), v -> c.localLevel = v);
        }
        return c;
    }

    /**
     * Adds a rule version: new filing conditions, time limits and weight from {@code effectiveFrom}
     * (now when null) on. Cases filed before keep the rule they were filed under.
     *
     * @throws ProblemException 400 when {@code effectiveFrom} is in the past or the rule is invalid;
     *                          409 when a version already starts at that instant
     */
    @Transactional
    public CatalogRule addRule(CatalogClass.Kind kind, String code, Instant effectiveFrom, BigDecimal weight,
                               List<FilingCondition> conditions, String by) {
        CatalogClass c = get(kind, code);
        Instant now = clock.instant();
        Instant from = effectiveFrom == null ? now : effectiveFrom;
        // Every problem of the version at once, the moment's with the rule's, so a form shows them all.
        List<Problem.FieldError> errors = new ArrayList<>();
        if (from.isBefore(now.minus(PAST_SLACK))) {
            errors.add(new Problem.FieldError("effectiveFrom", "cannot be in the past: cases already filed keep their rules; "
                    + "give a moment from now on"));
        }
        errors.addAll(ruleProblems(weight, conditions));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (CatalogRule.count("classId = ?1 and effectiveFrom = ?2", c.id, from) > 0) {
            throw ProblemException.conflict("rule-exists", "effectiveFrom", "A rule version already starts at " + from + ".");
        }
        Optional<CatalogRule> before = ruleAt(c, from);
        CatalogRule rule = storeRule(c, from, weight, conditions, by, now);
        audit(c, now, by, "rule from " + from, before.map(r -> describe(r.baseCaseWeight, r.conditions)).orElse(null),
                describe(weight, rule.conditions));
        return rule;
    }

    /** The filing conditions of a rule by its id: what a case held to that rule is filed under. */
    @Transactional
    public List<FilingCondition> conditionsOfRule(long ruleId) {
        return conditions(CatalogRule.findById(ruleId));
    }

    public List<FilingCondition> conditions(CatalogRule rule) {
        try {
            return json.readValue(rule.conditions, new TypeReference<List<FilingCondition>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored conditions of rule " + rule.id + " are unreadable", e);
        }
    }

    private CatalogRule storeRule(CatalogClass c, Instant from, BigDecimal weight, List<FilingCondition> conditions,
                                  String by, Instant now) {
        CatalogRule rule = new CatalogRule();
        rule.classId = c.id;
        rule.effectiveFrom = from;
        rule.baseCaseWeight = weight;
        try {
            rule.conditions = json.writeValueAsString(conditions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rule.createdAt = now;
        rule.createdBy = by;
        rule.persist();
        forgetClassRules();
        return rule;
    }

    private <T> void set(CatalogClass c, Instant now, String by, String field, T old, T value,
                         java.util.function.Consumer<T> setter) {
        if (!Objects.equals(old, value)) {
            forgetClassRules();
            setter.accept(value);
            c.updatedAt = now;
            audit(c, now, by, field, old == null ? null : old.toString(), value == null ? null : value.toString());
        }
    }

    /** Records a change made elsewhere in the catalog feature (routing) in the subclass's audit trail. */
    void recordAudit(CatalogClass c, Instant now, String by, String field, String oldValue, String newValue) {
        audit(c, now, by, field, oldValue, newValue);
    }

    private void audit(CatalogClass c, Instant now, String by, String field, String oldValue, String newValue) {
        CatalogAudit a = new CatalogAudit();
        a.classId = c.id;
        a.at = now;
        a.byUser = by;
        a.field = field;
        a.oldValue = oldValue;
        a.newValue = newValue;
        a.persist();
    }

    private static String describe(BigDecimal weight, String conditions) {
        return "weight " + weight.stripTrailingZeros().toPlainString() + ", conditions " + conditions;
    }

    static void checkRule(BigDecimal weight, List<FilingCondition> conditions) {
        List<Problem.FieldError> errors = ruleProblems(weight, conditions);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static List<Problem.FieldError> ruleProblems(BigDecimal weight, List<FilingCondition> conditions) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (weight == null || weight.compareTo(new BigDecimal("0.01")) < 0 || weight.compareTo(new BigDecimal("1000")) >= 0
                || weight.stripTrailingZeros().scale() > 2) {
            errors.add(new Problem.FieldError("baseCaseWeight", "must be from 0.01 to below 1000, with at most two decimals, e.g. 1.5"));
        }
        if (conditions == null || conditions.isEmpty()) {
            errors.add(new Problem.FieldError("conditions", "give at least one filing condition"));
        } else {
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < conditions.size(); i++) {
                FilingCondition fc = conditions.get(i);
                String at = "conditions[" + i + "]";
                if (fc == null) {
                    errors.add(new Problem.FieldError(at, "must not be null"));
                    continue;
                }
                if (fc.code() == null || fc.code().isBlank() || fc.code().length() > 8 || !codes.add(fc.code())) {
                    errors.add(new Problem.FieldError(at + ".code", "give a short code, unique in the subclass (A, B, ...)"));
                }
                if (fc.text() == null || fc.text().isBlank() || fc.text().length() > 200) {
                    errors.add(new Problem.FieldError(at + ".text", "say what qualifies, at most 200 characters"));
                }
                if (fc.closing() == null || fc.closing().isBlank() || fc.closing().length() > 200) {
                    errors.add(new Problem.FieldError(at + ".closing", "say when the case may close, at most 200 characters"));
                }
                if (fc.limit() == null || fc.limit().unit() == null || fc.limit().amount() < 1 || fc.limit().amount() > 10_000) {
                    errors.add(new Problem.FieldError(at + ".limit", "give {amount: 1-10000, unit: WORKING_HOURS, "
                            + "WORKING_DAYS or NATURAL_HOURS}"));
                }
            }
        }
        return errors;
    }

    private String requireDepartment(String code) {
        if (!departments.exists(code)) {
            throw ProblemException.invalid("departmentCode", "no active department '" + code + "' in this city; "
                    + "see /api/v1/departments");
        }
        return code;
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        if (value.length() > max) {
            throw ProblemException.invalid(field, "must have at most " + max + " characters");
        }
        return value.trim();
    }

    /** An optional text: null when blank, trimmed, at most {@code max} characters. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.trim().length() > max) {
            throw ProblemException.invalid(field, "must have at most " + max + " characters");
        }
        return value.trim();
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ProblemException.invalid(field, "must be between " + min + " and " + max);
        }
    }

    private static List<BaselineClass> readBaseline() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = CatalogService.class.getClassLoader().getResourceAsStream("catalog/baseline.yaml")) {
            if (in == null) {
                throw new IllegalStateException("catalog/baseline.yaml is missing from the build");
            }
            List<BaselineClass> out = new ArrayList<>();
            for (JsonNode n : yaml.readTree(in).path("classes")) {
                List<FilingCondition> conditions = new ArrayList<>();
                for (JsonNode fc : n.path("conditions")) {
                    conditions.add(new FilingCondition(fc.path("code").asText(), fc.path("text").asText(),
                            new FilingCondition.TimeLimit(fc.path("limit").path("amount").asInt(),
                                    FilingCondition.Unit.valueOf(fc.path("limit").path("unit").asText().toUpperCase())),
                            fc.path("closing").asText()));
                }
                List<String> evidence = new ArrayList<>();
                n.path("evidence").forEach(e -> evidence.add(e.asText()));
                out.add(new BaselineClass(CatalogClass.Kind.valueOf(n.path("kind").asText().toUpperCase()),
                        n.path("code").asText(), n.path("major").asText(), n.path("name").asText(),
                        n.path("department").asText(), CatalogClass.Route.valueOf(n.path("route").asText().toUpperCase()),
                        n.path("key").asBoolean(), n.path("minor").asBoolean(), new BigDecimal(n.path("weight").asText()),
                        n.path("duplicateRadiusM").asInt(), n.path("duplicateWindowHours").asInt(),
                        evidence.contains("before"), evidence.contains("after"), n.path("icon").asText(null),
                        n.path("residentName").asText(null), n.path("hidden").asBoolean(), List.copyOf(conditions),
                        n.path("majorEn").asText(null), n.path("nameEn").asText(null),
                        n.path("residentNameEn").asText(null)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read catalog/baseline.yaml", e);
        }
    }
}
