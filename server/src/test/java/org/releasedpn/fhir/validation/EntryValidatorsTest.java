package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EntryValidatorsTest {

    @Test
    void resultsComeInTheItemsOrderWhoeverComputedThem() {
        try (EntryValidators validators = new EntryValidators(4)) {
            List<Integer> items = IntStream.range(0, 500).boxed().toList();
            List<String> results = validators.map(items, i -> "entry " + i);
            assertEquals(items.stream().map(i -> "entry " + i).toList(), results);
        }
    }

    @Test
    void idleHelpersTakePartAlongsideTheCaller() throws InterruptedException {
        try (EntryValidators validators = new EntryValidators(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch bothStarted = new CountDownLatch(2);
            validators.map(List.of(1, 2), i -> {
                threads.add(Thread.currentThread().getName());
                bothStarted.countDown();
                await(bothStarted); // each item waits for the other: only two threads finish this
                return i;
            });
            assertEquals(2, threads.size(), threads.toString());
            assertTrue(threads.contains(Thread.currentThread().getName()));
        }
    }

    @Test
    void aBusyPoolLeavesTheWholeWorkToTheCaller() throws InterruptedException {
        try (EntryValidators validators = new EntryValidators(2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch helperBusy = new CountDownLatch(1);
            Thread other = new Thread(() -> validators.map(List.of(1, 2), i -> {
                if (!Thread.currentThread().getName().startsWith("entry-validator")) {
                    await(helperBusy); // the caller's item leaves the other item to the helper
                    return i;
                }
                helperBusy.countDown();
                await(release); // another request's helper, held busy
                return i;
            }));
            other.start();
            assertTrue(helperBusy.await(10, TimeUnit.SECONDS));

            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> results = validators.map(List.of(1, 2, 3), i -> {
                threads.add(Thread.currentThread().getName());
                return i * 10;
            });
            assertEquals(List.of(10, 20, 30), results);
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
            release.countDown();
            other.join(10_000);
        }
    }

    @Test
    void aFailureOnAHelperIsThrownToTheCaller() {
        try (EntryValidators validators = new EntryValidators(2)) {
            IllegalStateException broken = new IllegalStateException("entry 7 broke the validator");
            List<Integer> items = IntStream.range(0, 20).boxed().toList();
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> validators.map(items, i -> {
                if (i == 7) {
                    throw broken;
                }
                return i;
            }));
            assertSame(broken, thrown);
        }
    }

    @Test
    void noItemsNoWork() {
        try (EntryValidators validators = new EntryValidators(2)) {
            assertEquals(List.of(), validators.map(List.<Integer>of(), i -> i));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
