package org.releasedpn.fhir.bench.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps load on this machine unless the operator says otherwise: a benchmark pointed at a shared
 * or production server by mistake is a denial of service, so non-loopback targets need
 * {@code --allow-remote}. Also applied to every {@code next} link a server hands back.
 */
public final class LoopbackGuard {
    private final boolean allowRemote;

    public LoopbackGuard(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    /** @throws IllegalArgumentException when the URI's host is not a loopback address and remote is not allowed */
    public URI check(URI target) {
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + target);
        }
        if (allowRemote) {
            return target;
        }
        String host = target.getHost();
        if (host == null || !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to load non-loopback host " + host
                    + " (" + target + "); pass --allow-remote if you really mean it");
        }
        return target;
    }

    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
