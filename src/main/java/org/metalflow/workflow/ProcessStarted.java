package org.metalflow.workflow;

/** Published when a lifecycle process was started; the worker fetches its first task at once. */
record ProcessStarted(String processInstanceId) {
}
