package org.releasedpn.fhir.testsupport;

import java.util.Map;

/**
 * Where a test server keeps its data: a fresh H2 directory or a fresh PostgreSQL database. Closing
 * it removes the data again. Two servers started one after the other on the same storage see the
 * same data (that is what the restart tests rely on).
 */
public interface Storage extends AutoCloseable {

    /** The FHIR_* variables that point a server at this storage. */
    Map<String, String> environment();

    /** A short name for logs and test output ("h2", "postgresql"). */
    String name();

    @Override
    void close();

    static Storage h2() {
        return H2Storage.create();
    }

    static Storage postgres() {
        return PostgresStorage.create();
    }
}
