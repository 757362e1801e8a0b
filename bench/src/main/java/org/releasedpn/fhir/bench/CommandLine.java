package org.releasedpn.fhir.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits {@code WORKLOAD --name value --name=value --flag} into a workload and named values;
 * repeatable options keep every value. It knows the option names so a typo fails loudly instead of
 * silently benchmarking with a default. Shared by the benchmark and the validator test-case runner.
 */
public final class CommandLine {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private CommandLine() {
    }

    public static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flags) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                line.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                line.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                line.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return line;
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String value(String name, String fallback) {
        List<String> all = values.get(name);
        return all == null ? fallback : all.get(all.size() - 1);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public long number(String name, long fallback, long lowest) {
        String text = value(name, null);
        if (text == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number: " + text);
        }
        if (parsed < lowest) {
            throw new IllegalArgumentException("--" + name + " must be at least " + lowest + ": " + text);
        }
        return parsed;
    }
}
