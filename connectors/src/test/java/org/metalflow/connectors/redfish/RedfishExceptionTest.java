package org.metalflow.connectors.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedfishExceptionTest {

    @ParameterizedTest(name = "{0} transient={1}")
    @CsvSource({"0,true", "400,false", "401,false", "403,false", "404,false", "405,false", "408,true", "409,true",
            "412,true", "428,true", "429,true", "500,true", "501,false", "503,true"})
    void sortsAnswersIntoRetryableAndRefused(int status, boolean transientFailure) {
        assertThat(new RedfishException("x", status).transientFailure()).isEqualTo(transientFailure);
    }
}
