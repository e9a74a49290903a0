package org.metalflow.lab;

import java.util.Optional;

/** How many drives a RAID type takes and how many of them hold data. */
enum RaidLevel {
    RAID0(1, Integer.MAX_VALUE, false),
    RAID1(2, 2, false),
    RAID5(3, Integer.MAX_VALUE, false),
    RAID6(4, Integer.MAX_VALUE, false),
    RAID10(4, Integer.MAX_VALUE, true),
    RAID50(6, Integer.MAX_VALUE, false),
    RAID60(8, Integer.MAX_VALUE, false);

    private final int minimum;
    private final int maximum;
    private final boolean even;

    RaidLevel(int minimum, int maximum, boolean even) {
        this.minimum = minimum;
        this.maximum = maximum;
        this.even = even;
    }

    static Optional<RaidLevel> of(String name) {
        for (RaidLevel level : values()) {
            if (level.name().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** Why {@code drives} drives cannot make this level, or empty if they can. */
    Optional<String> refuse(int drives) {
        if (drives < minimum) {
            return Optional.of(name() + " needs at least " + minimum + " drives, " + drives + " given");
        }
        if (drives > maximum) {
            return Optional.of(name() + " takes exactly " + maximum + " drives, " + drives + " given");
        }
        if (even && drives % 2 != 0) {
            return Optional.of(name() + " needs an even number of drives, " + drives + " given");
        }
        return Optional.empty();
    }

    int dataDrives(int drives) {
        return switch (this) {
            case RAID0 -> drives;
            case RAID1 -> 1;
            case RAID5 -> drives - 1;
            case RAID6, RAID50 -> drives - 2;
            case RAID10 -> drives / 2;
            case RAID60 -> drives - 4;
        };
    }
}
