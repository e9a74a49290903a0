package org.metalflow.network;

/** How full a network's pools are, summed over the pools (see {@link Pool}). */
public record Usage(long size, long allocated, long free) {
}
