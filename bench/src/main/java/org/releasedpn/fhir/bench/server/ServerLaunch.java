package org.releasedpn.fhir.bench.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the startup workload starts a server: a runnable jar ({@code --server-jar}) or a main class
 * on a class path ({@code --server-class}, used by the tests and for servers not packaged as a jar),
 * in a JVM with the given options and environment. The port always comes through FHIR_PORT.
 */
public record ServerLaunch(Path jar, String mainClass, String classPath, List<String> jvmOptions,
                           Map<String, String> environment, Path log) {

    public ServerLaunch {
        if ((jar == null) == (mainClass == null)) {
            throw new IllegalArgumentException("give exactly one of --server-jar and --server-class");
        }
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
    }

    /** The command line, run with the same java as the harness unless told otherwise. */
    public List<String> command(Path javaExecutable) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(classPath == null ? System.getProperty("java.class.path") : classPath);
            command.add(mainClass);
        }
        return command;
    }
}
