package city.gridcity.shared.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Group commit: writes that arrive at the same moment share one transaction. A caller hands its item
 * over and waits; a few writer threads each take what has queued up (at most {@code maxBatch}), write
 * the items of one key (a city) together through {@code write}, which runs one transaction, and answer
 * every caller once it has committed. So a caller is answered only for what is durable, and the
 * database sees one commit and a few multi-row statements where it would otherwise see a transaction
 * per item.
 *
 * <p>One bad item must not cost the others their write: when a batch fails, each of its items is
 * written again alone, and only the failing one's caller gets the exception.
 *
 * @param <K> what items must share to be written together (the city)
 * @param <T> the item
 * @param <R> what writing one item gives its caller
 */
public final class GroupCommit<K, T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Thrown to a caller whose item was not written in time and has been withdrawn: nothing was stored. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    private record Pending<K, T, R>(K key, T item, CompletableFuture<R> answer) {
    }

    private final String name;
    private final int maxBatch;
    private final Duration patience;
    private final BiFunction<K, List<T>, List<R>> write;
    private final LinkedBlockingQueue<Pending<K, T, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param write writes the items of one key in one transaction and returns their results in the
     *              items' order; throws when the transaction did not commit
     * @param patience how long a caller waits for its item to be taken before it is withdrawn
     */
    public GroupCommit(String name, int writerCount, int maxBatch, Duration patience, BiFunction<K, List<T>, List<R>> write) {
        if (writerCount < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("A group commit needs at least one writer and a batch of at least one");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.patience = patience;
        this.write = write;
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::run, name + "-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Writes {@code item} with whatever else of {@code key} is waiting, and returns once it committed. */
    public R submit(K key, T item) {
        if (stopping) {
            throw new Busy(name + " is shutting down");
        }
        Pending<K, T, R> pending = new Pending<>(key, item, new CompletableFuture<>());
        queue.add(pending);
        try {
            try {
                return pending.answer().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still queued: withdrawn, so it is certainly not written. Already taken: its commit decides.
                if (queue.remove(pending)) {
                    throw new Busy(name + " did not get to this write within " + patience.toSeconds() + " s");
                }
                return pending.answer().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops taking new items; the writers finish what is queued, then end. */
    public void stop(Duration wait) {
        stopping = true;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : writers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        List<Pending<K, T, R>> taken = new ArrayList<>(maxBatch);
        while (!(stopping && queue.isEmpty())) {
            try {
                Pending<K, T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, maxBatch - 1);
                Map<K, List<Pending<K, T, R>>> byKey = new LinkedHashMap<>();
                for (Pending<K, T, R> p : taken) {
                    byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
                }
                byKey.forEach(this::writeTogether);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting because the loop itself broke.
                taken.forEach(p -> p.answer().completeExceptionally(e));
                LOG.errorf(e, "%s: a writer failed outside a batch", name);
            } finally {
                taken.clear();
            }
        }
    }

    private void writeTogether(K key, List<Pending<K, T, R>> batch) {
        try {
            List<R> results = write.apply(key, batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            LOG.debugf(e, "%s: a batch of %d failed; writing each alone", name, batch.size());
            for (Pending<K, T, R> p : batch) {
                writeTogether(key, List.of(p));
            }
        }
    }
}
