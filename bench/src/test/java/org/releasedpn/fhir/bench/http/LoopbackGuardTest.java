package org.releasedpn.fhir.bench.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoopbackGuardTest {
    private final LoopbackGuard guard = new LoopbackGuard(false);

    @Test
    void acceptsLoopbackAddresses() {
        assertDoesNotThrow(() -> guard.check(URI.create("http://127.0.0.1:8080/fhir")));
        assertDoesNotThrow(() -> guard.check(URI.create("http://localhost:8080/fhir")));
        assertDoesNotThrow(() -> guard.check(URI.create("http://[::1]:8080/fhir")));
    }

    @Test
    void refusesOtherHostsUnlessAllowed() {
        assertThrows(IllegalArgumentException.class, () -> guard.check(URI.create("http://192.0.2.10/fhir")));
        assertThrows(IllegalArgumentException.class, () -> guard.check(URI.create("http://fhir.example.invalid/fhir")));
        assertDoesNotThrow(() -> new LoopbackGuard(true).check(URI.create("http://192.0.2.10/fhir")));
    }

    @Test
    void refusesNonHttpSchemes() {
        assertThrows(IllegalArgumentException.class, () -> new LoopbackGuard(true).check(URI.create("file:///etc/passwd")));
    }
}
