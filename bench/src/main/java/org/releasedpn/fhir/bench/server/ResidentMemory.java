package org.releasedpn.fhir.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's resident set size (VmRSS) from /proc, the figure the 600 MB target is about.
 * Empty where there is no /proc (not Linux) or no such process, so memory is simply left out.
 */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    public static OptionalLong kilobytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
