#!/usr/bin/env python3
# Slow clients against a running server: N connections each send a POST whose body trickles in at
# one byte every two seconds, while /metadata is asked once a second; prints /metadata latencies.
# The slow connections come from 127.0.0.10-13 (the server allows FHIR_MAX_CONNECTIONS_PER_ADDRESS,
# 100, from one address), /metadata from 127.0.0.2.
# usage: slow-clients.py BASE_URL [CONNECTIONS=200] [SECONDS=40]   (loopback servers only)
import socket, sys, threading, time, urllib.parse, urllib.request
base = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 200; secs = float(sys.argv[3]) if len(sys.argv) > 3 else 40
url = urllib.parse.urlparse(base)
assert url.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
end = time.time() + secs
def slow(i):
    try:
        s = socket.create_connection((url.hostname, url.port), timeout=60, source_address=(f"127.0.0.{10 + i % 4}", 0))
        s.sendall(f"POST {url.path}/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: 100000\r\n\r\n".encode())
        while time.time() < end:
            s.sendall(b" "); time.sleep(2)
    except OSError:
        pass
threads = [threading.Thread(target=slow, args=(i,), daemon=True) for i in range(n)]
[t.start() for t in threads]
time.sleep(3)
lat = []
while time.time() < end:
    t0 = time.time()
    try:
        c = socket.create_connection((url.hostname, url.port), timeout=30, source_address=("127.0.0.2", 0))
        c.sendall(f"GET {url.path}/metadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        while c.recv(65536): pass
        c.close(); lat.append(time.time() - t0)
    except Exception as e:
        lat.append(float("inf"))
    time.sleep(1)
lat.sort()
p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
print(f"{n} slow connections: /metadata n={len(lat)} median={lat[len(lat)//2]*1000:.0f} ms p99={p99*1000:.0f} ms max={lat[-1]*1000:.0f} ms")
