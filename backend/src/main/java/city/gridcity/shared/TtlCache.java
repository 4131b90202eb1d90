package city.gridcity.shared;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small read-through cache whose entries live a short while: what one replica changes reaches
 * the others within the time to live, and the replica that made the change drops the entry at
 * once. For per-city configuration read on every request (keys must include the city).
 */
public final class TtlCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public TtlCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public V get(K key, Function<K, V> load) {
        Entry<V> e = entries.get(key);
        if (e == null || System.nanoTime() - e.loadedAt() > ttlNanos) {
            e = new Entry<>(load.apply(key), System.nanoTime());
            entries.put(key, e);
        }
        return e.value();
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    /** Drops every entry whose key matches, e.g. all of one city's. */
    public void invalidateIf(java.util.function.Predicate<K> which) {
        entries.keySet().removeIf(which);
    }
}
