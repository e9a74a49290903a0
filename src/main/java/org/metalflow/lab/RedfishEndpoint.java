package org.metalflow.lab;

import java.util.Optional;

/** Answers the requests that change one area of a BMC; empty when the request is not for it. */
interface RedfishEndpoint {

    Optional<RedfishAnswer> handle(RedfishRequest request);
}
