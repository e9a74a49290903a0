package org.metalflow.connectors.dhcp.dnsmasq;

/**
 * Which hosts the boot lines in dhcp-optsfile apply to. dnsmasq can key an option to one host only through a tag
 * the host's dhcp-host line sets ({@code set:TAG}), and dnsmasq 2.90 aborts on SIGHUP once such a line has served
 * a lease (it frees the tag list it linked into a request). So per-host boot files and SIGHUP exclude each other.
 */
public enum BootScope {

    /**
     * One set of boot files for every reserved host, keyed by dnsmasq's built-in tag {@code known}; host lines carry
     * no {@code set:}, so SIGHUP is safe. Reservations that network-boot must agree on their boot files, and cannot
     * be mixed with reservations that must not network-boot.
     */
    SHARED,

    /**
     * Each host line sets its own tag ({@code set:mf-<mac>}) and its boot lines are keyed by it. Any mix of boot
     * files works, but dnsmasq 2.90 must be restarted instead of sent SIGHUP.
     */
    PER_HOST
}
