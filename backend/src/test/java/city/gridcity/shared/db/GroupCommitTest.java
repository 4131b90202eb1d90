package city.gridcity.shared.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the group commit's promises, with a list standing in for the database. */
class GroupCommitTest {

    /** What a stand-in "transaction" saw: the key and the items written together. */
    private record Batch(String key, List<Integer> items) {
    }

    @Test
    void items_that_wait_at_the_same_moment_are_written_together_and_each_caller_gets_its_own_result() throws Exception {
        // given a writer that is held until 20 callers are queued
        CountDownLatch release = new CountDownLatch(1);
        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, String> commit = new GroupCommit<>("test", 1, 64, Duration.ofSeconds(10), (key, items) -> {
            await(release);
            batches.add(new Batch(key, items));
            return items.stream().map(i -> key + ":" + i).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(21);
        try {
            Future<String> first = callers.submit(() -> commit.submit("kcity", 0));
            Thread.sleep(100); // the writer has taken the first item and waits
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int item = i;
                rest.add(callers.submit(() -> commit.submit("kcity", item)));
            }
            Thread.sleep(200);
            // when the first write commits
            release.countDown();
            // then the first item went alone and the 20 that queued behind it in one batch, each answered with its own result
            assertEquals("kcity:0", first.get(5, TimeUnit.SECONDS));
            for (int i = 1; i <= 20; i++) {
                assertEquals("kcity:" + i, rest.get(i - 1).get(5, TimeUnit.SECONDS));
            }
            assertEquals(2, batches.size());
            assertEquals(20, batches.get(1).items().size());
        } finally {
            callers.shutdownNow();
            commit.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void items_of_different_keys_are_never_written_in_the_same_batch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>("test", 1, 64, Duration.ofSeconds(10), (key, items) -> {
            await(release);
            batches.add(new Batch(key, items));
            return items;
        });
        ExecutorService callers = Executors.newFixedThreadPool(7);
        try {
            callers.submit(() -> commit.submit("kcity", 0));
            Thread.sleep(100);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                int item = i;
                rest.add(callers.submit(() -> commit.submit(item % 2 == 0 ? "kcity" : "bcity", item)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<Integer> f : rest) {
                f.get(5, TimeUnit.SECONDS);
            }
            for (Batch b : batches) {
                boolean even = b.key().equals("kcity");
                assertTrue(b.items().stream().allMatch(i -> (i % 2 == 0) == even), "batch " + b + " mixes cities");
            }
        } finally {
            callers.shutdownNow();
            commit.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void one_failing_item_fails_only_its_own_caller_and_the_others_are_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>("test", 1, 64, Duration.ofSeconds(10), (key, items) -> {
            await(release);
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is refused"); // the whole transaction rolls back
            }
            stored.addAll(items);
            return items;
        });
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            callers.submit(() -> commit.submit("kcity", 0));
            Thread.sleep(100);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 10; i <= 16; i++) {
                int item = i;
                rest.add(callers.submit(() -> commit.submit("kcity", item)));
            }
            Thread.sleep(200);
            release.countDown();
            for (int i = 10; i <= 16; i++) {
                Future<Integer> f = rest.get(i - 10);
                if (i == 13) {
                    Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
                    assertTrue(e.getCause() instanceof IllegalArgumentException, "the caller sees the writer's own exception");
                } else {
                    assertEquals(i, f.get(5, TimeUnit.SECONDS));
                }
            }
            assertEquals(List.of(0, 10, 11, 12, 14, 15, 16), stored.stream().sorted().toList());
        } finally {
            callers.shutdownNow();
            commit.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_caller_whose_item_was_not_taken_in_time_is_refused_and_its_item_is_never_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>("test", 1, 64, Duration.ofMillis(300), (key, items) -> {
            await(release);
            stored.addAll(items);
            return items;
        });
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = callers.submit(() -> commit.submit("kcity", 1));
            Thread.sleep(100); // the only writer is stuck on item 1
            assertThrows(GroupCommit.Busy.class, () -> commit.submit("kcity", 2));
            release.countDown();
            assertEquals(1, first.get(5, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertEquals(List.of(1), stored);
        } finally {
            callers.shutdownNow();
            commit.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void after_stop_nothing_new_is_taken() {
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>("test", 1, 8, Duration.ofSeconds(1), (key, items) -> items);
        commit.stop(Duration.ofSeconds(1));
        assertThrows(GroupCommit.Busy.class, () -> commit.submit("kcity", 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
