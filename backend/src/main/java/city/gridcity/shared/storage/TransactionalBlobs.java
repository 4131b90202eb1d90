package city.gridcity.shared.storage;

import city.gridcity.shared.db.AfterCompletion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

/**
 * Files that belong to rows of the current database transaction. A file is stored before the row that names it
 * (a row must never point at a missing file), so without this a rolled-back transaction (a constraint, a lost
 * connection, a later step's 4xx) left a file that no row names and nobody would ever delete. Here the file is
 * removed again when the transaction does not commit, and a file a row stops naming is removed only once that
 * change is committed.
 */
@ApplicationScoped
public class TransactionalBlobs {

    private static final Logger LOG = Logger.getLogger(TransactionalBlobs.class);

    private final BlobStorage storage;
    private final TransactionSynchronizationRegistry transactions;

    TransactionalBlobs(BlobStorage storage, TransactionSynchronizationRegistry transactions) {
        this.storage = storage;
        this.transactions = transactions;
    }

    /**
     * Stores {@code content} under a new {@code key} (one no committed row names yet: the callers put a random
     * part in it); removed again if the current transaction rolls back.
     *
     * @throws IllegalStateException outside a transaction
     */
    public BlobStorage.StoredBlob put(String key, byte[] content) {
        requireTransaction();
        BlobStorage.StoredBlob stored = storage.put(key, content);
        AfterCompletion.onRollback(transactions, () -> delete(key, "its transaction rolled back"));
        return stored;
    }

    /**
     * Removes the file under {@code key} once the current transaction has committed (a row stopped naming it);
     * kept if the transaction rolls back, since the row still names it then.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void deleteAfterCommit(String key) {
        requireTransaction();
        AfterCompletion.onCommit(transactions, () -> delete(key, "no row names it any more"));
    }

    private void delete(String key, String why) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            // The database is already right; a file left over only costs space, so the answer is not failed for it.
            LOG.warnf(e, "Could not remove the file %s (%s)", key, why);
        }
    }

    private void requireTransaction() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("A file for a row is stored inside the row's active transaction");
        }
    }
}
