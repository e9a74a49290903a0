package org.metalflow.connectors.dns.rfc2136;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** The TSIG (RFC 8945) MAC algorithms the provider signs with; named as in BIND's {@code tsig-keygen -a}. */
public enum TsigAlgorithm {
    HMAC_SHA256("hmac-sha256", TSIG.HMAC_SHA256),
    HMAC_SHA512("hmac-sha512", TSIG.HMAC_SHA512),
    HMAC_SHA1("hmac-sha1", TSIG.HMAC_SHA1),
    HMAC_MD5("hmac-md5", TSIG.HMAC_MD5);

    private final String keyword;
    private final Name dnsName;

    TsigAlgorithm(String keyword, Name dnsName) {
        this.keyword = keyword;
        this.dnsName = dnsName;
    }

    /** As BIND and Knot spell it in key definitions, e.g. {@code hmac-sha256}. */
    public String keyword() {
        return keyword;
    }

    Name dnsName() {
        return dnsName;
    }

    /** Accepts {@code hmac-sha256}, {@code HMAC_SHA256} or {@code hmac-sha256.} (any case). */
    public static TsigAlgorithm of(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        wanted = wanted.endsWith(".") ? wanted.substring(0, wanted.length() - 1) : wanted;
        if (wanted.equals("hmac-md5.sig-alg.reg.int")) {
            return HMAC_MD5;
        }
        for (TsigAlgorithm algorithm : values()) {
            if (algorithm.keyword.equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unsupported TSIG algorithm '" + name
                + "'; use hmac-sha256, hmac-sha512, hmac-sha1 or hmac-md5");
    }

    @Override
    public String toString() {
        return keyword;
    }
}
