package org.metalflow.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Reads the JSON body a machine sends to an unauthenticated endpoint, refusing more than a bound before
 * reading it all: such endpoints must not let anyone on the provisioning network fill the platform's memory.
 */
public final class MachineBody {

    private MachineBody() {
    }

    public static <T> T read(HttpServletRequest request, int maxBytes, ObjectMapper json, Class<T> type) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, null, "the request body could not be read");
        }
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (body.length == 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, null, "a JSON body is required");
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, null, "the body is not valid JSON for this endpoint: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, null, "the request body could not be read");
        }
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, null, "the body is larger than " + maxBytes + " bytes");
    }
}
