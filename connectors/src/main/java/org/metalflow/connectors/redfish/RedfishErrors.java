package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import javax.net.ssl.SSLException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns failed exchanges into {@link RedfishException}s an operator can act on. Never sees credentials. */
final class RedfishErrors {

    /**
     * Status for a request refused here, before sending, because the BMC said it would not accept it
     * (a value outside its allowable values, a missing action). Not transient, like the 400 the BMC would give.
     */
    static final int REFUSED_BEFORE_SENDING = 400;

    private RedfishErrors() {
    }

    static RedfishException httpFailure(String bmc, String method, String path, int status, JsonNode body) {
        List<String> details = new ArrayList<>();
        String extended = extendedMessage(body);
        if (extended != null) {
            details.add(extended);
        }
        String hint = hint(status);
        if (hint != null) {
            details.add(hint);
        }
        String message = "BMC " + bmc + " refused " + method + " " + path + ": " + status + " " + reason(status)
                + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
        return new RedfishException(message, status);
    }

    static RedfishException refused(String bmc, String message) {
        return new RedfishException("BMC " + bmc + ": " + message, REFUSED_BEFORE_SENDING);
    }

    static RedfishException noAnswer(String bmc, String method, String path, Exception e, Duration connectTimeout,
                                     Duration readTimeout) {
        PinnedLeafTrustManager.PinMismatchException pinMismatch = find(e, PinnedLeafTrustManager.PinMismatchException.class);
        String message;
        if (pinMismatch != null) {
            message = "TLS certificate of BMC " + bmc + " does not match the pinned fingerprint (it presents SHA-256 "
                    + pinMismatch.presentedSha256() + "); " + method + " " + path + " was not sent";
        } else if (find(e, CertPathValidatorException.class) != null
                || find(e, javax.net.ssl.SSLPeerUnverifiedException.class) != null
                || (e instanceof SSLException && find(e, CertificateException.class) != null)) {
            message = "TLS certificate of BMC " + bmc + " is not trusted (" + rootMessage(e)
                    + "); pin its SHA-256 fingerprint or add its CA; " + method + " " + path + " was not sent";
        } else if (e instanceof SSLException) {
            message = "TLS handshake with BMC " + bmc + " failed for " + method + " " + path + ": " + rootMessage(e);
        } else if (e instanceof UnknownHostException) {
            message = "BMC " + bmc + " could not be resolved (unknown host) for " + method + " " + path;
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            message = "BMC " + bmc + " refused the connection for " + method + " " + path + " (" + rootMessage(e) + ")";
        } else if (e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).startsWith("connect")) {
            message = "BMC " + bmc + " could not be reached within " + seconds(connectTimeout) + " for " + method
                    + " " + path;
        } else if (e instanceof InterruptedIOException) {
            message = "BMC " + bmc + " did not answer " + method + " " + path + " within " + seconds(readTimeout);
        } else {
            message = "BMC " + bmc + " did not answer " + method + " " + path + ": " + rootMessage(e);
        }
        return new RedfishException(message, 0, e);
    }

    /** error.@Message.ExtendedInfo[0].Message, else error.message, from a Redfish error body. */
    static String extendedMessage(JsonNode body) {
        JsonNode info = Json.at(body, "error", "@Message.ExtendedInfo");
        if (info != null && info.isArray() && !info.isEmpty()) {
            String message = Json.text(info.get(0), "Message");
            if (message != null) {
                return message;
            }
        }
        return Json.text(body, "error", "message");
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 415 -> "Unsupported Media Type";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP error";
        };
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "check the BMC user name and password";
            case 403 -> "the BMC user lacks the privilege for this operation";
            case 412 -> "ETag mismatch: the resource changed since it was read";
            case 428 -> "the BMC requires If-Match";
            case 429, 503 -> "the BMC is busy; retry later";
            default -> null;
        };
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
