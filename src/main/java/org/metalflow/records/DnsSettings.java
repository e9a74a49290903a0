package org.metalflow.records;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.dns.*}.
 *
 * @param provider  {@code zone-files} (the lab default: master files in {@code zoneDirectory}), {@code rfc2136}
 *                  or {@code powerdns}
 * @param zoneDirectory where zone-files writes; empty means {@code <data-dir>/dns}
 * @param overwrite replace a name's existing different value instead of refusing the deploy
 */
@ConfigurationProperties("metalflow.dns")
record DnsSettings(
        @DefaultValue("zone-files") String provider,
        @DefaultValue("300") int ttl,
        @DefaultValue("false") boolean overwrite,
        @DefaultValue("") String zoneDirectory,
        @DefaultValue("ns1.metalflow.test.") String primaryNameServer,
        Rfc2136 rfc2136,
        PowerDns powerdns) {

    /** A server that takes RFC 2136 updates signed with TSIG; the secret is base64, as tsig-keygen prints it. */
    record Rfc2136(String server, @DefaultValue("53") int port, String keyName,
                   @DefaultValue("hmac-sha256") String keyAlgorithm, String keySecret,
                   @DefaultValue("PT10S") java.time.Duration timeout) {
    }

    record PowerDns(String url, String apiKey, @DefaultValue("localhost") String serverId) {
    }
}
