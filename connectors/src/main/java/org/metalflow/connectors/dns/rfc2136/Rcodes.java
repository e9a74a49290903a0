package org.metalflow.connectors.dns.rfc2136;

import org.metalflow.connectors.dns.DnsException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Turns an error answer into a {@link DnsException}: SERVFAIL is transient (the server may load the zone or
 * reach its backend later), every other error (REFUSED, NOTAUTH, NOTZONE, FORMERR, NOTIMP, ...) is a refusal.
 */
final class Rcodes {

    private Rcodes() {
    }

    /** @param update whether the request was an UPDATE (rather than a query) */
    static DnsException failure(Message response, String server, String what, boolean update) {
        int rcode = response.getRcode();
        String name = Rcode.string(rcode);
        String tsig = response.getTSIG() != null && response.getTSIG().getError() != Rcode.NOERROR
                ? " (TSIG error " + Rcode.TSIGstring(response.getTSIG().getError()) + ")" : "";
        String message = server + " answered " + name + tsig + " to " + what;
        String hint = hint(rcode, !tsig.isEmpty(), update);
        return new DnsException(hint == null ? message : message + ": " + hint, rcode == Rcode.SERVFAIL);
    }

    private static String hint(int rcode, boolean tsigError, boolean update) {
        if (tsigError) {
            return "the server does not accept the TSIG key (name, algorithm or secret differ from the server's"
                    + " key, or the clocks differ by more than the fudge)";
        }
        return switch (rcode) {
            case Rcode.REFUSED -> update
                    ? "the server does not allow this update (check allow-update/update-policy for the key, and that"
                    + " the server is primary for the zone)"
                    : "the server does not serve this zone, or does not answer this client (allow-query)";
            case Rcode.NOTAUTH -> "the server is not authoritative for the zone, or the update is not signed"
                    + " with a key it accepts";
            case Rcode.NOTZONE -> "the name is not inside the zone of the update";
            case Rcode.FORMERR -> "the server could not parse the request";
            case Rcode.NOTIMP -> "the server does not implement dynamic updates";
            case Rcode.SERVFAIL -> "the server failed internally (zone not loaded, backend unreachable); try again later";
            default -> null;
        };
    }
}
