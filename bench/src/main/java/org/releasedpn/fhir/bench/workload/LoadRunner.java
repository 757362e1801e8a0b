package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.stats.PhaseRecorder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Runs a phase: {@code clients} threads take step numbers from a shared counter until all steps
 * are taken, the time limit passes or the phase says it is finished. Both bounds are always set, so
 * no loop can run away. Prints a progress line every few seconds for long phases.
 */
final class LoadRunner {
    private final int clients;
    private final Duration maxTime;
    private final Duration progressEvery;
    private final PrintStream progress;

    LoadRunner(int clients, Duration maxTime, Duration progressEvery, PrintStream progress) {
        this.clients = clients;
        this.maxTime = maxTime;
        this.progressEvery = progressEvery;
        this.progress = progress;
    }

    LoadRunner withClients(int count) {
        return new LoadRunner(count, maxTime, progressEvery, progress);
    }

    CompletedPhase run(String phase, long steps, boolean countsResources, LoadStep step) {
        return run(phase, steps, countsResources, step, () -> false);
    }

    CompletedPhase run(String phase, long steps, boolean countsResources, LoadStep step, BooleanSupplier finished) {
        PhaseRecorder recorder = new PhaseRecorder(phase, countsResources);
        AtomicLong nextStep = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        boolean[] timedOut = new boolean[1];

        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleAtFixedRate(() -> report(phase, steps, nextStep.get(), recorder, start),
                progressEvery.toMillis(), progressEvery.toMillis(), TimeUnit.MILLISECONDS);

        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int clientNumber = client;
            Thread thread = new Thread(() -> {
                while (!finished.getAsBoolean()) {
                    if (System.nanoTime() >= deadline) {
                        synchronized (timedOut) {
                            timedOut[0] = true;
                        }
                        return;
                    }
                    long index = nextStep.getAndIncrement();
                    if (index >= steps) {
                        return;
                    }
                    runStep(step, clientNumber, index, recorder);
                }
            }, phase + "-client-" + client);
            threads.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reporter.shutdownNow();
        }
        synchronized (timedOut) {
            return new CompletedPhase(recorder, System.nanoTime() - start, timedOut[0]);
        }
    }

    /** A bug in a step is a failed request, not a dead client thread that silently shrinks the load. */
    private static void runStep(LoadStep step, int client, long index, PhaseRecorder recorder) {
        try {
            step.run(client, index, recorder);
        } catch (RuntimeException e) {
            recorder.failure("harness", 0, "harness error: " + e);
        }
    }

    private void report(String phase, long steps, long taken, PhaseRecorder recorder, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String of = steps == Long.MAX_VALUE ? "" : "/" + steps;
        progress.printf(Locale.ROOT, "[%s] %d%s steps, %d requests, %d errors, %.1f req/s, %d resources, %.0f s%n",
                phase, Math.min(taken, steps), of, recorder.requests(), recorder.errors(),
                recorder.requests() / Math.max(seconds, 1e-9), recorder.resources(), seconds);
    }
}
