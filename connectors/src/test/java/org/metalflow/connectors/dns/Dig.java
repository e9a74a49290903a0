package org.metalflow.connectors.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metalflow.connectors.testsupport.RealServer;

/** Asks a test server with the real {@code dig}, as an operator would: what does it answer right now? */
public final class Dig {

    private final String port;

    public Dig(String port) {
        this.port = port;
    }

    /** {@code dig @127.0.0.1 -p PORT name TYPE +short}: the answer's values, one per line. */
    public List<String> answer(String name, String type) {
        return run(name, type);
    }

    /** {@code dig @127.0.0.1 -p PORT -x ADDRESS +short}: the PTR values for an IPv4 address. */
    public List<String> reverse(String ipv4) {
        return run("-x", ipv4);
    }

    /** The zone's SOA serial as the server answers it. */
    public long serial(String zone) {
        List<String> soa = run(zone, "SOA");
        if (soa.size() != 1) {
            throw new AssertionError("dig gave no single SOA for " + zone + ": " + soa);
        }
        return Long.parseLong(soa.get(0).split("\\s+")[2]);
    }

    private List<String> run(String... query) {
        List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", port, "+short", "+norecurse",
                "+time=2", "+tries=2"));
        command.addAll(Arrays.asList(query));
        RealServer.Result result = RealServer.run(command, 20);
        if (result.exitCode() != 0) {
            throw new AssertionError("dig " + String.join(" ", query) + " failed (" + result.exitCode() + "): "
                    + result.stdout() + result.stderr());
        }
        return result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
    }
}
