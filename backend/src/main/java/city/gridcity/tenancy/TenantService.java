package city.gridcity.tenancy;

import city.gridcity.shared.db.ChangeNotifications;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/** The platform's register of cities. Only platform operators reach it. */
@ApplicationScoped
public class TenantService {

    static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");
    static final Set<String> LOCALES = Set.of("zh-CN", "en");

    private final TenantDirectory directory;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final ChangeNotifications changes;

    TenantService(TenantDirectory directory, Clock clock, TransactionSynchronizationRegistry transactions,
                  ChangeNotifications changes) {
        this.directory = directory;
        this.clock = clock;
        this.transactions = transactions;
        this.changes = changes;
    }

    /** A new city's identity. Time zone and locale default to Asia/Shanghai and zh-CN when null. */
    public record NewTenant(String code, String nameZh, String nameEn, String timeZone, String defaultLocale) {
    }

    /** Changes to a city's identity; null fields stay. The code never changes: it is in every URL and token. */
    public record TenantChange(String nameZh, String nameEn, String timeZone, String defaultLocale, Long version) {
    }

    /**
     * Registers a city in the PROVISIONING state: nobody is served there until {@link #activate}.
     *
     * @throws ProblemException 400 naming the field, 409 when the code is taken
     */
    @Transactional
    public TenantRef create(NewTenant cmd) {
        if (cmd.code() == null || !CODE.matcher(cmd.code()).matches()) {
            throw ProblemException.invalid("code", "must be 2-32 lowercase letters, digits or '-', starting with a letter");
        }
        requireName("nameZh", cmd.nameZh());
        requireName("nameEn", cmd.nameEn());
        Tenant stale = Tenant.<Tenant>findByCode(cmd.code()).filter(t -> t.status == TenantStatus.PROVISIONING
                && t.createdAt.isBefore(clock.instant().minus(java.time.Duration.ofMinutes(10)))).orElse(null);
        if (stale != null) {
            // A creation that died with its process left only this row (its content was one rolled-back transaction).
            stale.delete();
            Tenant.flush();
        }
        if (Tenant.findByCode(cmd.code()).isPresent()) {
            throw ProblemException.conflict("city-exists", "code", "A city with the code '" + cmd.code() + "' already exists.");
        }
        Instant now = clock.instant();
        Tenant t = new Tenant();
        t.code = cmd.code();
        t.nameZh = cmd.nameZh().trim();
        t.nameEn = cmd.nameEn().trim();
        t.timeZone = zone(cmd.timeZone() == null ? "Asia/Shanghai" : cmd.timeZone());
        t.defaultLocale = locale(cmd.defaultLocale() == null ? "zh-CN" : cmd.defaultLocale());
        t.status = TenantStatus.PROVISIONING;
        t.createdAt = now;
        t.updatedAt = now;
        t.persist();
        return TenantRef.of(t);
    }

    /** Opens a provisioned city to its users. */
    @Transactional
    public TenantRef activate(String code) {
        Tenant t = load(code);
        if (t.status != TenantStatus.PROVISIONING) {
            throw ProblemException.conflict("city-not-provisioning", "City '" + code + "' is " + t.status + ", not being created.");
        }
        t.status = TenantStatus.ACTIVE;
        return saved(t);
    }

    /** Removes a city whose creation failed; only a city still being created can be removed. */
    @Transactional
    public void discard(String code) {
        Tenant t = load(code);
        if (t.status != TenantStatus.PROVISIONING) {
            throw new IllegalStateException("Only a city being created can be discarded, not " + code);
        }
        TenantRef ref = TenantRef.of(t);
        t.delete();
        evictAfterCompletion(ref);
    }

    @Transactional
    public TenantRef update(String code, TenantChange change) {
        Tenant t = load(code);
        if (change.version() != null && change.version() != t.version) {
            throw ProblemException.conflict("concurrent-change", "This city was changed since you loaded it "
                    + "(version " + t.version + ", you sent " + change.version() + "); reload and try again.");
        }
        String nameZh = change.nameZh() == null ? t.nameZh : requireName("nameZh", change.nameZh());
        String nameEn = change.nameEn() == null ? t.nameEn : requireName("nameEn", change.nameEn());
        String timeZone = change.timeZone() == null ? t.timeZone : zone(change.timeZone());
        String locale = change.defaultLocale() == null ? t.defaultLocale : locale(change.defaultLocale());
        if (nameZh.equals(t.nameZh) && nameEn.equals(t.nameEn) && timeZone.equals(t.timeZone)
                && locale.equals(t.defaultLocale)) {
            return TenantRef.of(t);
        }
        t.nameZh = nameZh;
        t.nameEn = nameEn;
        t.timeZone = timeZone;
        t.defaultLocale = locale;
        return saved(t);
    }

    /** Suspends a city: its data stays, its users are refused, its portal says the service is suspended. */
    @Transactional
    public TenantRef suspend(String code, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say why the city is suspended; its users will see it");
        }
        Tenant t = load(code);
        requireServed(t);
        if (t.status == TenantStatus.SUSPENDED && reason.trim().equals(t.statusReason)) {
            return TenantRef.of(t);
        }
        t.status = TenantStatus.SUSPENDED;
        t.statusReason = reason.trim();
        return saved(t);
    }

    @Transactional
    public TenantRef resume(String code) {
        Tenant t = load(code);
        requireServed(t);
        if (t.status == TenantStatus.ACTIVE) {
            return TenantRef.of(t);
        }
        t.status = TenantStatus.ACTIVE;
        t.statusReason = null;
        return saved(t);
    }

    private TenantRef saved(Tenant t) {
        t.updatedAt = clock.instant();
        Tenant.flush(); // so the snapshot carries the new version
        TenantRef ref = TenantRef.of(t);
        evictAfterCompletion(ref);
        return ref;
    }

    /**
     * Evicts now and after commit: a request reading the old row meanwhile must not re-cache it for good.
     * Other replicas evict when the change is published to them, on commit.
     */
    private void evictAfterCompletion(TenantRef ref) {
        directory.evict(ref);
        changes.publish(TenantDirectory.CHANGES, String.valueOf(ref.id()));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                directory.evict(ref);
            }
        });
    }

    private Tenant load(String code) {
        return Tenant.findByCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    private static String requireName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        if (name.length() > 100) {
            throw ProblemException.invalid(field, "must have at most 100 characters");
        }
        return name.trim();
    }

    private static void requireServed(Tenant t) {
        if (t.status == TenantStatus.PROVISIONING) {
            throw ProblemException.conflict("city-provisioning", "City '" + t.code + "' is still being created.");
        }
    }

    private static String zone(String zone) {
        try {
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                throw new DateTimeException("not a region");
            }
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "'" + zone + "' is not a time zone; use an IANA name such as Asia/Shanghai");
        }
    }

    private static String locale(String locale) {
        if (!LOCALES.contains(locale)) {
            throw ProblemException.invalid("defaultLocale", "must be one of " + LOCALES);
        }
        return locale;
    }
}
