package city.gridcity.shared.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Files that belong to a transaction's rows follow its outcome: kept on commit, removed on rollback. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class TransactionalBlobsTest {

    @Inject
    TransactionalBlobs files;

    @Inject
    BlobStorage storage;

    private static String aKey() {
        return "txblobs/" + UUID.randomUUID() + ".jpg";
    }

    @Test
    void a_file_stored_in_a_transaction_that_commits_stays() {
        String key = aKey();

        QuarkusTransaction.requiringNew().run(() -> files.put(key, new byte[] {1, 2, 3}));

        assertArrayEquals(new byte[] {1, 2, 3}, storage.get(key).orElseThrow());
    }

    @Test
    void a_file_stored_in_a_transaction_that_fails_is_removed_again() {
        String key = aKey();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            files.put(key, new byte[] {1});
            throw new IllegalStateException("a later step of the same request fails");
        }));

        assertTrue(storage.get(key).isEmpty());
    }

    @Test
    void a_file_a_row_stops_naming_goes_only_when_that_change_commits() {
        String key = aKey();
        storage.put(key, new byte[] {7});

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            files.deleteAfterCommit(key);
            throw new IllegalStateException("the change that stops naming the file fails");
        }));
        assertTrue(storage.get(key).isPresent(), "rolled back: the row still names the file");

        QuarkusTransaction.requiringNew().run(() -> files.deleteAfterCommit(key));
        assertTrue(storage.get(key).isEmpty());
    }

    @Test
    void a_file_for_a_row_is_refused_outside_a_transaction() {
        String key = aKey();

        assertThrows(IllegalStateException.class, () -> files.put(key, new byte[] {1}));

        assertTrue(storage.get(key).isEmpty());
    }
}
