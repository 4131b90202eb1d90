package city.gridcity.tenancy;

import city.gridcity.shared.db.ChangeNotifications;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks cities up by code or id for the edge of every request. Cities change rarely and are read
 * on every call, so they are cached, briefly: this instance evicts on its own changes at once, other
 * replicas when the change is published to them ({@link ChangeNotifications}, on commit), and the
 * time-to-live bounds how long a change takes to arrive while that channel is down.
 */
@ApplicationScoped
public class TenantDirectory {

    /** The topic of {@link ChangeNotifications} under which a city's id is published when it changes. */
    static final String CHANGES = "city";

    private record Cached(TenantRef tenant, long loadedAt) {
    }

    private final Map<String, Cached> byCode = new ConcurrentHashMap<>();
    private final Map<Long, Cached> byId = new ConcurrentHashMap<>();
    private final long ttlNanos;

    TenantDirectory(@ConfigProperty(name = "gridcity.tenants.cache-ttl", defaultValue = "PT5S") Duration ttl,
                    ChangeNotifications changes) {
        this.ttlNanos = ttl.toNanos();
        changes.subscribe(CHANGES, id -> evict(Long.valueOf(id)));
        changes.onResync(() -> {
            byCode.clear();
            byId.clear();
        });
    }

    public Optional<TenantRef> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Cached cached = byCode.get(code);
        if (fresh(cached)) {
            return Optional.of(cached.tenant());
        }
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.findByCode(code)).map(this::remember);
    }

    public Optional<TenantRef> byId(Long id) {
        if (id == null) {
            return Optional.empty();
        }
        Cached cached = byId.get(id);
        if (fresh(cached)) {
            return Optional.of(cached.tenant());
        }
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.<Tenant>findByIdOptional(id)).map(this::remember);
    }

    /** Every city, fresh from the database (not cached: used by jobs and listings). */
    public List<TenantRef> all() {
        return QuarkusTransaction.joiningExisting().call(() -> Tenant.<Tenant>listAll().stream()
                .map(TenantRef::of).sorted(Comparator.comparing(TenantRef::code)).toList());
    }

    void evict(TenantRef stale) {
        byCode.remove(stale.code());
        byId.remove(stale.id());
    }

    private void evict(Long id) {
        byId.remove(id);
        byCode.values().removeIf(c -> c.tenant().id().equals(id));
    }

    private boolean fresh(Cached cached) {
        return cached != null && System.nanoTime() - cached.loadedAt() < ttlNanos;
    }

    private TenantRef remember(Tenant t) {
        TenantRef ref = TenantRef.of(t);
        Cached entry = new Cached(ref, System.nanoTime());
        byCode.put(ref.code(), entry);
        byId.put(ref.id(), entry);
        return ref;
    }
}
