package org.metalflow.connectors.dns.rfc2136;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.metalflow.connectors.dns.DnsException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Sends one message to the configured server and returns its answer, signed and verified with the TSIG key
 * when there is one. No answer (timeout, refused connection, unknown host) becomes a transient
 * {@link DnsException}; an answer that fails TSIG verification a non-transient one. Thread-safe: every
 * exchange uses its own resolver and TSIG signer.
 */
final class DnsExchange {

    private final Rfc2136Settings settings;
    private final Name keyName;

    DnsExchange(Rfc2136Settings settings) {
        this.settings = settings;
        this.keyName = settings.signed() ? Names.parse(settings.tsigKeyName(), "TSIG key name") : null;
    }

    /**
     * @param tcp  TCP rather than UDP (a truncated UDP answer is retried over TCP either way)
     * @param what the request as a message names it, e.g. {@code UPDATE node1.lab.example. A 10.77.0.5}
     */
    Message send(Message request, boolean tcp, String what) {
        SimpleResolver resolver = new SimpleResolver(address(what));
        resolver.setTCP(tcp);
        resolver.setTimeout(settings.timeout());
        if (keyName != null) {
            resolver.setTSIGKey(new TSIG(settings.tsigAlgorithm().dnsName(), keyName, settings.tsigSecret().strip()));
        }
        Message response;
        try {
            response = resolver.send(request);
        } catch (IOException e) {
            throw new DnsException(settings.describe() + " did not answer " + what + " (" + (tcp ? "TCP" : "UDP")
                    + ", timeout " + settings.timeout().toMillis() + " ms): " + describe(e), true, e);
        }
        if (keyName != null && !response.isVerified() && actedUpon(response.getRcode())) {
            throw new DnsException("the answer of " + settings.describe() + " to " + what
                    + " failed TSIG verification with key " + settings.tsigKeyName() + " (" + tsigError(response)
                    + "); it was not trusted", false);
        }
        return response;
    }

    /** The TSIG error the answer carries, e.g. {@code BADSIG}, or a note that it carries no signature. */
    static String tsigError(Message response) {
        TSIGRecord tsig = response.getTSIG();
        if (tsig == null) {
            return "the answer is not signed";
        }
        return tsig.getError() == Rcode.NOERROR ? "signature does not match" : "TSIG error " + Rcode.TSIGstring(tsig.getError());
    }

    private InetSocketAddress address(String what) {
        try {
            return new InetSocketAddress(InetAddress.getByName(settings.server()), settings.port());
        } catch (UnknownHostException e) {
            throw new DnsException("cannot resolve the address of " + settings.describe() + " to send " + what, true, e);
        }
    }

    /** Answers whose content the provider would act on: they must be authentic. Error answers only fail the call. */
    private static boolean actedUpon(int rcode) {
        return rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN || rcode == Rcode.NXRRSET || rcode == Rcode.YXRRSET;
    }

    private static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
