package city.gridcity.tenancy;

/** An immutable snapshot of a city, safe to cache and to pass between threads. */
public record TenantRef(Long id, String code, String nameZh, String nameEn, String timeZone,
                        String defaultLocale, TenantStatus status, String statusReason, long version) {

    static TenantRef of(Tenant t) {
        return new TenantRef(t.id, t.code, t.nameZh, t.nameEn, t.timeZone, t.defaultLocale, t.status, t.statusReason,
                t.version);
    }

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }

    /** The city's name in the given language: Chinese unless English is asked for. */
    public String name(String language) {
        return "en".equals(language) ? nameEn : nameZh;
    }
}
