package vn.kyso.remote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers which remote transactions are finished, so that a transaction completes once: a
 * callback replayed after its transaction completed, or one for a cancelled transaction, is
 * refused. {@link #claim} must be atomic. {@link #inMemory()} serves one JVM; a back end with
 * several instances backs it with its database (an insert into a table with a unique key on service
 * and transaction id, true when the row was inserted).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CompletionLedger {

  /**
   * Marks a transaction finished.
   *
   * @param service the service name ({@code csc}, {@code 769}, {@code mysign}, …)
   * @param transactionId the service's transaction id
   * @return true the first time for this transaction, false afterwards
   */
  boolean claim(String service, String transactionId);

  /**
   * A ledger in this JVM's memory holding the last 100,000 transactions.
   *
   * @return the ledger
   */
  static CompletionLedger inMemory() {
    return inMemory(100_000);
  }

  /**
   * A ledger in this JVM's memory holding the last {@code capacity} transactions (the oldest are
   * forgotten first, so memory stays bounded).
   *
   * @param capacity how many transactions it remembers
   * @return the ledger
   */
  static CompletionLedger inMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    Map<String, Boolean> seen =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
    return (service, transactionId) -> {
      String key = Objects.requireNonNull(service, "service") + "\n" + transactionId;
      synchronized (seen) {
        return seen.putIfAbsent(key, Boolean.TRUE) == null;
      }
    };
  }
}
