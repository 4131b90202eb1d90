package city.gridcity.shared.db;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must wait until the current transaction has ended, e.g. until what it changed is committed. */
public final class AfterCompletion {

    private AfterCompletion() {
    }

    /** Runs {@code work} once the current transaction has committed; not at all if it rolls back. */
    public static void onCommit(TransactionSynchronizationRegistry transactions, Runnable work) {
        after(transactions, true, work);
    }

    /** Runs {@code work} once the current transaction has ended without committing (rolled back or failed). */
    public static void onRollback(TransactionSynchronizationRegistry transactions, Runnable work) {
        after(transactions, false, work);
    }

    private static void after(TransactionSynchronizationRegistry transactions, boolean committed, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == committed) {
                    work.run();
                }
            }
        });
    }
}
