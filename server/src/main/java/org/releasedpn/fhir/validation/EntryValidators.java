package org.releasedpn.fhir.validation;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Validates the entries of a transaction on every core. Profile validation is most of a
 * transaction's CPU (a JFR profile of Bundles of 100 put 40 % of all samples in the HL7 validator,
 * issue 13) and the entries are independent of each other, so they need not wait in line.
 *
 * <p>The request's own thread always takes part and the helpers are only ever idle threads (the
 * pool has no queue): a busy pool never makes a transaction wait, at worst it validates alone, as
 * before. The pool has one thread fewer than the machine has cores and is shared by all requests,
 * so one large Bundle takes at most the machine, and single writes keep their own threads.
 */
public final class EntryValidators implements AutoCloseable {
    private final ThreadPoolExecutor helpers;

    public EntryValidators(int cores) {
        int size = Math.max(1, cores - 1);
        AtomicInteger count = new AtomicInteger();
        this.helpers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "entry-validator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        helpers.allowCoreThreadTimeOut(true);
    }

    /** One per available processor: the JVM's count, which follows the container's CPU limit. */
    public static EntryValidators forThisMachine() {
        return new EntryValidators(Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code work} applied to each item, results in the items' order. Items are taken one at a
     * time by whichever thread is free, so a slow entry does not hold up the others. An exception
     * from any item is thrown here, on the caller's thread, once every started item has finished.
     */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        int n = items.size();
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    results[i] = work.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int h = 0; h < Math.min(helpers.getMaximumPoolSize(), n - 1); h++) {
            try {
                helpers.execute(worker);
            } catch (RejectedExecutionException allBusy) {
                break;
            }
        }
        worker.run();
        awaitHelpers(finished);
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<R> inOrder = (List<R>) Arrays.asList(results);
        return inOrder;
    }

    /** The caller has run out of items; a helper may still be finishing its last one. */
    private static void awaitHelpers(CountDownLatch finished) {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the helpers finish their item regardless; wait for them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        helpers.shutdown();
    }
}
