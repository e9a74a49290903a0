package org.metalflow.network;

/**
 * A range of a network's addresses that allocation hands out, lowest first, with how much of it is used.
 *
 * @param size      addresses in the range, first and last included
 * @param allocated addresses of the range allocated to machines
 * @param free      addresses still to hand out: size less allocations and the addresses allocation skips
 *                  (network, broadcast, gateway, boot server, DNS servers, reserved)
 */
public record Pool(String name, String firstAddress, String lastAddress, long size, long allocated, long free) {
}
