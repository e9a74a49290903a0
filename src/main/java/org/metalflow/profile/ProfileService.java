package org.metalflow.profile;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metalflow.api.ProblemException;
import org.metalflow.inventory.Machine;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hardware profiles and which one a machine gets. */
@Service
public class ProfileService {

    private final ProfileRepository profiles;
    private final Clock clock;

    public ProfileService(ProfileRepository profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /** Stores the profile under its name; returns true when it did not exist before. */
    @Transactional
    public boolean put(HardwareProfile profile) {
        return profiles.save(profile, clock.instant());
    }

    @Transactional
    public boolean putIfAbsent(HardwareProfile profile) {
        return profiles.find(profile.name()).isEmpty() && profiles.save(profile, clock.instant());
    }

    @Transactional(readOnly = true)
    public HardwareProfile get(String name) {
        return profiles.find(name).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, null,
                "no hardware profile " + name));
    }

    @Transactional(readOnly = true)
    public List<HardwareProfile> list() {
        return profiles.all();
    }

    @Transactional
    public void delete(String name) {
        if (!profiles.delete(name)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null, "no hardware profile " + name);
        }
    }

    /** The highest-priority profile whose match selects the machine, if any. */
    @Transactional(readOnly = true)
    public Optional<HardwareProfile> match(Machine machine) {
        return profiles.all().stream().filter(p -> matches(p.match(), machine.identity())).findFirst();
    }

    static boolean matches(HardwareProfile.Match match, Machine.SystemIdentity identity) {
        return glob(match.manufacturer(), identity.manufacturer()) && glob(match.model(), identity.model());
    }

    private static boolean glob(String pattern, String value) {
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return value.trim().toLowerCase(Locale.ROOT).matches(regex);
    }
}
