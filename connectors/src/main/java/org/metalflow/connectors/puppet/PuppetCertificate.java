package org.metalflow.connectors.puppet;

import java.util.List;
import java.util.Objects;

/**
 * What the Puppet CA holds for one certname.
 *
 * @param certname        the node's certname
 * @param state           request pending, signed or revoked
 * @param fingerprint     SHA-256 fingerprint (colon-separated hex) of the CSR while requested, of the certificate after
 * @param subjectAltNames as the CA lists them, e.g. {@code DNS:node1.example.org}
 */
public record PuppetCertificate(String certname, State state, String fingerprint, List<String> subjectAltNames) {

    public enum State {
        /** a certificate request waits to be signed */
        REQUESTED,
        /** a signed, valid certificate exists */
        SIGNED,
        /** the certificate is on the CRL; the agent is refused until it is cleaned and a new request is signed */
        REVOKED
    }

    public PuppetCertificate {
        Objects.requireNonNull(certname, "certname");
        Objects.requireNonNull(state, "state");
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }
}
