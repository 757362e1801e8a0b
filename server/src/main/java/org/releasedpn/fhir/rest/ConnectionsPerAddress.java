package org.releasedpn.fhir.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code limit} open connections from one client address: one client opening hundreds of
 * slow or idle connections cannot take the connections, threads and file descriptors everyone
 * else needs. A connection beyond the limit is closed as soon as it is opened, before a request is
 * read. Registered on Jetty's connector, which tells it of every connection opened and closed.
 */
public final class ConnectionsPerAddress implements Connection.Listener {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConnectionsPerAddress.class);
    private final int limit;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each open connection's address: a closed channel no longer tells its remote address. */
    private final ConcurrentMap<Connection, InetAddress> addresses = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection);
        if (address == null) {
            return;
        }
        addresses.put(connection, address);
        int count = open.merge(address, 1, Integer::sum);
        if (count > limit) {
            if (count == limit + 1) {
                log.warn("Closing connections from {}: it holds {} open, the most one address may "
                        + "(FHIR_MAX_CONNECTIONS_PER_ADDRESS)", address.getHostAddress(), limit);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = addresses.remove(connection);
        if (address == null) {
            return;
        }
        open.computeIfPresent(address, (any, count) -> count <= 1 ? null : count - 1);
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
