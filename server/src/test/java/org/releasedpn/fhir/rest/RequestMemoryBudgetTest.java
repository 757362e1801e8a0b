package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared memory budget of requests with a body (eight times the body here), driven directly with stand-in requests. */
class RequestMemoryBudgetTest {
    private static final int KIB = 1024;
    private final RequestMemoryBudget filter = new RequestMemoryBudget(RequestMemoryBudget.BODY_FACTOR * 4 * KIB,
            new OperationOutcomeBody(FhirContext.forR4Cached()), Duration.ofMillis(300));

    @Test
    void aBodyBeyondTheRemainingBudgetWaitsThen429sWhileSmallerOnesStillPass() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer> large = CompletableFuture.supplyAsync(() -> send(3 * KIB, () -> {
            entered.countDown();
            await(finish);
        }));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first large body is admitted");

        Answer refused = send(2 * KIB, () -> { });
        Answer small = send(KIB, () -> { });

        assertEquals(429, refused.status(), refused.body());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertTrue(refused.body().contains("FHIR_REQUEST_MEMORY_BYTES"), refused.body());
        assertEquals(200, small.status(), "a body that fits the rest of the budget passes at once");

        finish.countDown();
        assertEquals(200, large.get(10, TimeUnit.SECONDS).status());
        assertEquals(200, send(2 * KIB, () -> { }).status(), "the budget is given back after each request");
    }

    @Test
    void aBodyLargerThanTheWholeBudgetTakesAllOfItRatherThanNeverRunning() {
        assertEquals(200, send(64 * KIB, () -> { }).status());
    }

    @Test
    void requestsWithoutBodyNeverWait() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer> large = CompletableFuture.supplyAsync(() -> send(4 * KIB, () -> {
            entered.countDown();
            await(finish);
        }));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        assertEquals(200, send(0, () -> { }).status());

        finish.countDown();
        large.get(10, TimeUnit.SECONDS);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Runs one request of {@code bodyBytes} through the filter; {@code work} is what the server does with it. */
    private Answer send(int bodyBytes, Runnable work) {
        HttpServletRequest plain = stub(HttpServletRequest.class, Map.of());
        BufferedBodyRequest request = new BufferedBodyRequest(plain, new byte[bodyBytes], false);
        int[] status = {200};
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> { status[0] = (Integer) args[0]; yield null; }
                    case "setHeader" -> { headers.put((String) args[0], (String) args[1]); yield null; }
                    case "getOutputStream" -> outputTo(body);
                    default -> null;
                });
        FilterChain chain = (req, res) -> work.run();
        try {
            filter.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new Answer(status[0], headers, body.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(RequestMemoryBudgetTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answers.get(method.getName()));
    }

    private static ServletOutputStream outputTo(ByteArrayOutputStream sink) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
