package org.metalflow.lab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * Maps fleet positions to loopback addresses and back: position 0 is the first address, each next
 * position the next address whose last octet is neither 0 nor 255 (254 usable addresses per /24).
 */
public final class LoopbackAddresses {

    private static final int PER_BLOCK = 254;

    private final int firstBlock;
    private final int firstOffset;
    private final int size;

    public LoopbackAddresses(String firstAddress, int size) {
        int first = toInt(parse(firstAddress));
        int lastOctet = first & 0xff;
        if ((first >>> 24) != 127 || lastOctet == 0 || lastOctet == 255) {
            throw new IllegalArgumentException("metalflow.lab.first-address must be 127.x.y.z with z in 1..254, was " + firstAddress);
        }
        this.firstBlock = first >>> 8;
        this.firstOffset = lastOctet - 1;
        this.size = size;
        if (size > 0 && (toInt(addressAt(size - 1)) >>> 24) != 127) {
            throw new IllegalArgumentException("a fleet of " + size + " from " + firstAddress + " leaves 127.0.0.0/8");
        }
    }

    public InetAddress addressAt(int index) {
        long position = (long) firstOffset + index;
        int block = (int) (firstBlock + position / PER_BLOCK);
        int lastOctet = (int) (position % PER_BLOCK) + 1;
        return fromInt((block << 8) | lastOctet);
    }

    /** The fleet position of an address, if it is one of the fleet's. */
    public OptionalInt indexOf(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return OptionalInt.empty();
        }
        int value = toInt(address);
        int lastOctet = value & 0xff;
        if (lastOctet == 0 || lastOctet == 255) {
            return OptionalInt.empty();
        }
        long position = (long) ((value >>> 8) - firstBlock) * PER_BLOCK + (lastOctet - 1);
        long index = position - firstOffset;
        return index >= 0 && index < size ? OptionalInt.of((int) index) : OptionalInt.empty();
    }

    private static InetAddress parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bytes[i] = (byte) octet;
        }
        return fromBytes(bytes);
    }

    private static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static InetAddress fromInt(int value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong array length
        }
    }
}
