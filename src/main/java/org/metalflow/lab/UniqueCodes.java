package org.metalflow.lab;

/**
 * Identifiers that look random but are unique by construction: a fleet position goes through a
 * bijection (multiply by a number coprime with the code space, add a seed offset) and is then written
 * in the pattern's mixed radix. Pattern letters: {@code D} digit, {@code L} letter, {@code A} digit or
 * letter, {@code H} hex digit; any other character is copied.
 */
final class UniqueCodes {

    private static final String DIGITS = "0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALPHANUMERIC = DIGITS + LETTERS;
    private static final String HEX = "0123456789ABCDEF";
    /** Prime, and none of the radices (10, 26, 36, 16) share a factor with it. */
    private static final long MULTIPLIER = 1_000_003L;

    private UniqueCodes() {
    }

    static String code(String pattern, long index, long seed) {
        long capacity = 1;
        for (char c : pattern.toCharArray()) {
            String alphabet = alphabet(c);
            if (alphabet != null) {
                capacity = Math.multiplyExact(capacity, alphabet.length());
            }
        }
        if (index < 0 || index >= capacity) {
            throw new IllegalArgumentException("pattern " + pattern + " has room for " + capacity + " codes, asked for #" + index);
        }
        long offset = Math.floorMod(mix(seed ^ pattern.hashCode()), capacity);
        long value = Math.floorMod(Math.addExact(Math.multiplyExact(index % capacity, MULTIPLIER % capacity), offset), capacity);
        char[] out = pattern.toCharArray();
        for (int i = out.length - 1; i >= 0; i--) {
            String alphabet = alphabet(pattern.charAt(i));
            if (alphabet != null) {
                out[i] = alphabet.charAt((int) (value % alphabet.length()));
                value /= alphabet.length();
            }
        }
        return new String(out);
    }

    /** SplitMix64 finaliser: spreads a seed over all 64 bits. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String alphabet(char c) {
        return switch (c) {
            case 'D' -> DIGITS;
            case 'L' -> LETTERS;
            case 'A' -> ALPHANUMERIC;
            case 'H' -> HEX;
            default -> null;
        };
    }
}
