package city.gridcity.tenancy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks cities up by code or id for the edge of every request. Cities change rarely and are read
 * on every call, so they are cached here; {@link TenantService} evicts on every change.
 */
@ApplicationScoped
public class TenantDirectory {

    private final Map<String, TenantRef> byCode = new ConcurrentHashMap<>();
    private final Map<Long, TenantRef> byId = new ConcurrentHashMap<>();

    public Optional<TenantRef> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        TenantRef cached = byCode.get(code);
        if (cached != null) {
            return Optional.of(cached);
        }
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.findByCode(code)).map(this::remember);
    }

    public Optional<TenantRef> byId(Long id) {
        if (id == null) {
            return Optional.empty();
        }
        TenantRef cached = byId.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.<Tenant>findByIdOptional(id)).map(this::remember);
    }

    /** Every city, newest list from the database (not cached: used by jobs and listings). */
    public List<TenantRef> all() {
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.<Tenant>listAll().stream()
                .map(TenantRef::of).sorted(java.util.Comparator.comparing(TenantRef::code)).toList());
    }

    void evict(TenantRef stale) {
        byCode.remove(stale.code());
        byId.remove(stale.id());
    }

    private TenantRef remember(Tenant t) {
        TenantRef ref = TenantRef.of(t);
        byCode.put(ref.code(), ref);
        byId.put(ref.id(), ref);
        return ref;
    }
}
