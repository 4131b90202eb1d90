package city.gridcity.cases;

import city.gridcity.audit.AdminAudit;

import city.gridcity.shared.TtlCache;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The current city's workflow configuration: its case sources and its phase limits. Both are data
 * of the city; a new city starts from the national list of sources and the default limits.
 */
@ApplicationScoped
public class WorkflowConfigService {

    /** The sources one district of the documents counts, as every city starts with them. */
    public record SourceSpec(String code, String nameZh, String nameEn, CaseSource.Channel channel, Boolean active) {
    }

    public static final List<SourceSpec> BASELINE_SOURCES = List.of(
            new SourceSpec("district-supervisor", "区级监督员上报", "District supervisor", CaseSource.Channel.DISTRICT_SUPERVISOR, true),
            new SourceSpec("city-supervisor", "市级监督员上报", "City supervisor", CaseSource.Channel.CITY_SUPERVISOR, true),
            new SourceSpec("resident-portal", "市民门户", "Resident portal", CaseSource.Channel.RESIDENT, true),
            new SourceSpec("hotline-12345", "12345热线", "12345 hotline", CaseSource.Channel.HOTLINE, true),
            new SourceSpec("hotline-12319", "12319城建热线", "12319 urban hotline", CaseSource.Channel.HOTLINE, true),
            new SourceSpec("wechat", "微信", "WeChat", CaseSource.Channel.STAFF, true),
            new SourceSpec("microblog", "微博", "Microblog", CaseSource.Channel.STAFF, true),
            new SourceSpec("media", "媒体曝光", "Media exposure", CaseSource.Channel.STAFF, true),
            new SourceSpec("leader-inspection", "领导督办", "Leader inspection", CaseSource.Channel.STAFF, true),
            new SourceSpec("video-analytics", "视频智能分析", "Video analytics", CaseSource.Channel.STAFF, true),
            new SourceSpec("volunteer", "志愿者上报", "Volunteer", CaseSource.Channel.VOLUNTEER, true));

    /** Phase limits, prefix and rating window; null fields keep their value (or the default for a new city). */
    public record SettingsSpec(String numberPrefix, Integer filingMinutes, Integer dispatchMinutes,
                               Integer verificationHours, Integer reminderSharePercent, Integer selfHandlingAuditPercent,
                             Integer ratingWindowDays, Integer volunteerConfirmMinutes, Integer volunteerMergeMinutes,
                             Integer volunteerInvalidMinutes, Integer volunteerFixMinutes, Boolean localLoop,
                             Integer localLoopHours) {

        /** Settings that leave the local loop as it is. */
        public SettingsSpec(String numberPrefix, Integer filingMinutes, Integer dispatchMinutes,
                            Integer verificationHours, Integer reminderSharePercent, Integer selfHandlingAuditPercent,
                            Integer ratingWindowDays, Integer volunteerConfirmMinutes, Integer volunteerMergeMinutes,
                            Integer volunteerInvalidMinutes, Integer volunteerFixMinutes) {
            this(numberPrefix, filingMinutes, dispatchMinutes, verificationHours, reminderSharePercent,
                    selfHandlingAuditPercent, ratingWindowDays, volunteerConfirmMinutes, volunteerMergeMinutes,
                    volunteerInvalidMinutes, volunteerFixMinutes, null, null);
        }
    }

    static final int DEFAULT_FILING_MINUTES = 30;
    static final int DEFAULT_DISPATCH_MINUTES = 30;
    static final int DEFAULT_VERIFICATION_HOURS = 4;
    static final int DEFAULT_REMINDER_SHARE = 80;
    static final int DEFAULT_AUDIT_PERCENT = 10;
    static final int DEFAULT_RATING_WINDOW_DAYS = 7;
    static final int DEFAULT_LOCAL_LOOP_HOURS = 16;

    private final TenantContext tenant;
    private final Clock clock;
    private final TtlCache<String, WorkflowSettings> settingsCache = new TtlCache<>(Duration.ofSeconds(30));
    private final TtlCache<String, List<CaseSource>> sourceCache = new TtlCache<>(Duration.ofSeconds(30));

    private static final String SUBJECT = "settings";
    private final AdminAudit audit;

    WorkflowConfigService(TenantContext tenant, Clock clock, AdminAudit audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.audit = audit;
    }

    /** The city's settings; a city that never set them gets the defaults, stored on first use. */
    @Transactional
    public WorkflowSettings settings() {
        // Read on every report: briefly cached per city (changes reach other replicas within the TTL).
        return settingsCache.get(city(), k -> WorkflowSettings.<WorkflowSettings>findAll().firstResultOptional()
                .orElseGet(() -> update(new SettingsSpec(null, null, null, null, null, null, null, null, null, null, null))));
    }

    /**
     * Changes the city's settings. Cases keep the deadlines they were given; new phases use the new limits.
     *
     * @throws ProblemException 400 naming each field out of range
     */
    @Transactional
    public WorkflowSettings update(SettingsSpec spec) {
        List<Problem.FieldError> errors = check(spec);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        WorkflowSettings s = WorkflowSettings.<WorkflowSettings>findAll().firstResultOptional().orElse(null);
        // A city's first settings are its defaults, not a change anyone made.
        boolean fresh = s == null;
        if (s == null) {
            s = new WorkflowSettings();
            s.numberPrefix = defaultPrefix(tenant.tenantCode().orElseThrow());
            s.filingMinutes = DEFAULT_FILING_MINUTES;
            s.dispatchMinutes = DEFAULT_DISPATCH_MINUTES;
            s.verificationHours = DEFAULT_VERIFICATION_HOURS;
            s.reminderSharePercent = DEFAULT_REMINDER_SHARE;
            s.selfHandlingAuditPercent = DEFAULT_AUDIT_PERCENT;
            s.ratingWindowDays = DEFAULT_RATING_WINDOW_DAYS;
            s.volunteerConfirmMinutes = 15;
            s.volunteerMergeMinutes = 5;
            s.volunteerInvalidMinutes = 10;
            s.volunteerFixMinutes = 30;
            s.localLoop = false;
            s.localLoopHours = DEFAULT_LOCAL_LOOP_HOURS;
        }
        if (spec.numberPrefix() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "numberPrefix", s.numberPrefix, spec.numberPrefix());
            }
            s.numberPrefix = spec.numberPrefix();
        }
        if (spec.filingMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "filingMinutes", s.filingMinutes, spec.filingMinutes());
            }
            s.filingMinutes = spec.filingMinutes();
        }
        if (spec.dispatchMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "dispatchMinutes", s.dispatchMinutes, spec.dispatchMinutes());
            }
            s.dispatchMinutes = spec.dispatchMinutes();
        }
        if (spec.verificationHours() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "verificationHours", s.verificationHours, spec.verificationHours());
            }
            s.verificationHours = spec.verificationHours();
        }
        if (spec.reminderSharePercent() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "reminderSharePercent", s.reminderSharePercent, spec.reminderSharePercent());
            }
            s.reminderSharePercent = spec.reminderSharePercent();
        }
        if (spec.selfHandlingAuditPercent() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "selfHandlingAuditPercent", s.selfHandlingAuditPercent, spec.selfHandlingAuditPercent());
            }
            s.selfHandlingAuditPercent = spec.selfHandlingAuditPercent();
        }
        if (spec.ratingWindowDays() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "ratingWindowDays", s.ratingWindowDays, spec.ratingWindowDays());
            }
            s.ratingWindowDays = spec.ratingWindowDays();
        }
        if (spec.volunteerConfirmMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "volunteerConfirmMinutes", s.volunteerConfirmMinutes, spec.volunteerConfirmMinutes());
            }
            s.volunteerConfirmMinutes = spec.volunteerConfirmMinutes();
        }
        if (spec.volunteerMergeMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "volunteerMergeMinutes", s.volunteerMergeMinutes, spec.volunteerMergeMinutes());
            }
            s.volunteerMergeMinutes = spec.volunteerMergeMinutes();
        }
        if (spec.volunteerInvalidMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "volunteerInvalidMinutes", s.volunteerInvalidMinutes, spec.volunteerInvalidMinutes());
            }
            s.volunteerInvalidMinutes = spec.volunteerInvalidMinutes();
        }
        if (spec.volunteerFixMinutes() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "volunteerFixMinutes", s.volunteerFixMinutes, spec.volunteerFixMinutes());
            }
            s.volunteerFixMinutes = spec.volunteerFixMinutes();
        }
        if (spec.localLoop() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "localLoop", s.localLoop, spec.localLoop());
            }
            s.localLoop = spec.localLoop();
        }
        if (spec.localLoopHours() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, SUBJECT, "localLoopHours", s.localLoopHours, spec.localLoopHours());
            }
            s.localLoopHours = spec.localLoopHours();
        }
        s.updatedAt = clock.instant();
        s.persist();
        settingsCache.invalidate(city());
        return s;
    }

    /** The service time (minutes) the city counts for a volunteer's piece of triage work, by its action. */
    public int volunteerMinutes(CaseAction work) {
        WorkflowSettings s = settings();
        return switch (work) {
            case CONFIRM -> s.volunteerConfirmMinutes;
            case MERGE -> s.volunteerMergeMinutes;
            case MARK_INVALID -> s.volunteerInvalidMinutes;
            case PERSUADE_FIX -> s.volunteerFixMinutes;
            default -> throw new IllegalArgumentException(work + " is no volunteer's triage work");
        };
    }

    private String city() {
        return tenant.tenantCode().orElseThrow(() -> new IllegalStateException("no city selected"));
    }

    static List<Problem.FieldError> check(SettingsSpec spec) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (spec.numberPrefix() != null && !spec.numberPrefix().matches("^[A-Z][A-Z0-9]{0,7}$")) {
            errors.add(new Problem.FieldError("numberPrefix", "1-8 capital letters or digits, starting with a letter, e.g. KC"));
        }
        range(errors, "filingMinutes", spec.filingMinutes(), 1, 10080);
        range(errors, "dispatchMinutes", spec.dispatchMinutes(), 1, 10080);
        range(errors, "verificationHours", spec.verificationHours(), 1, 720);
        range(errors, "reminderSharePercent", spec.reminderSharePercent(), 1, 99);
        range(errors, "selfHandlingAuditPercent", spec.selfHandlingAuditPercent(), 0, 100);
        range(errors, "ratingWindowDays", spec.ratingWindowDays(), 1, 90);
        range(errors, "volunteerConfirmMinutes", spec.volunteerConfirmMinutes(), 0, 480);
        range(errors, "volunteerMergeMinutes", spec.volunteerMergeMinutes(), 0, 480);
        range(errors, "volunteerInvalidMinutes", spec.volunteerInvalidMinutes(), 0, 480);
        range(errors, "volunteerFixMinutes", spec.volunteerFixMinutes(), 0, 480);
        range(errors, "localLoopHours", spec.localLoopHours(), 1, 720);
        return errors;
    }

    private static void range(List<Problem.FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new Problem.FieldError(field, "must be from " + min + " to " + max));
        }
    }

    /** A city code as a case number prefix: its letters and digits in capitals, starting with a letter. */
    static String defaultPrefix(String cityCode) {
        String p = cityCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        p = p.replaceFirst("^[0-9]+", "");
        return p.isEmpty() ? "GC" : p.substring(0, Math.min(8, p.length()));
    }

    /** The city's sources; a city created before sources existed gets the national list on first use. */
    @Transactional
    public List<CaseSource> sources() {
        return sourceCache.get(city(), k -> {
            if (CaseSource.count() == 0) {
                createBaseline();
            }
            return List.copyOf(CaseSource.<CaseSource>list("order by id"));
        });
    }

    @Transactional
    public Optional<CaseSource> source(String code) {
        return sources().stream().filter(s -> s.code.equals(code)).findFirst();
    }

    /**
     * Adds a source or changes one (by code).
     *
     * @throws ProblemException 400 naming the field
     */
    @Transactional
    public CaseSource saveSource(SourceSpec spec) {
        if (spec.code() == null || !spec.code().matches("^[a-z0-9][a-z0-9-]{1,31}$")) {
            throw ProblemException.invalid("code", "2-32 lowercase letters, digits or '-', e.g. hotline-12345");
        }
        CaseSource s = CaseSource.<CaseSource>find("code", spec.code()).firstResultOptional().orElse(null);
        boolean fresh = s == null;
        if (s == null) {
            if (spec.nameZh() == null || spec.nameEn() == null || spec.channel() == null) {
                throw ProblemException.invalid("nameZh", "a new source needs nameZh, nameEn and channel ("
                        + List.of(CaseSource.Channel.values()) + ")");
            }
            s = new CaseSource();
            s.code = spec.code();
            s.active = true;
        }
        if (spec.nameZh() != null) {
            String name = text("nameZh", spec.nameZh(), 50);
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, "source " + spec.code(), "nameZh", s.nameZh, name);
            }
            s.nameZh = name;
        }
        if (spec.nameEn() != null) {
            String name = text("nameEn", spec.nameEn(), 80);
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, "source " + spec.code(), "nameEn", s.nameEn, name);
            }
            s.nameEn = name;
        }
        if (spec.channel() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, "source " + spec.code(), "channel", s.channel, spec.channel());
            }
            s.channel = spec.channel();
        }
        if (spec.active() != null) {
            if (!fresh) {
                audit.changed(AdminAudit.Area.WORKFLOW, "source " + spec.code(), "active", s.active, spec.active());
            }
            s.active = spec.active();
        }
        if (fresh && tenant.actor().isPresent()) {
            // A source someone added; the baseline a new city is given is no one's change.
            audit.changed(AdminAudit.Area.WORKFLOW, "source " + spec.code(), "created", null, s.nameZh);
        }
        s.persist();
        sourceCache.invalidate(city());
        return s;
    }

    /** Gives a new city the national source list and the default limits. */
    @Transactional
    public void createBaseline() {
        BASELINE_SOURCES.stream().filter(b -> CaseSource.count("code", b.code()) == 0).forEach(this::saveSource);
        settings();
    }

    private static String text(String field, String value, int max) {
        if (value.isBlank() || value.length() > max) {
            throw ProblemException.invalid(field, "must be 1-" + max + " characters");
        }
        return value.trim();
    }
}
