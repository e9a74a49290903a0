package org.metalflow.roles;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles, the roles each machine carries, and what they add up to for Puppet and Chef. */
@Service
public class RoleService {

    private final RoleRepository roles;
    private final Clock clock;

    RoleService(RoleRepository roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    public List<Role> list() {
        return roles.all();
    }

    public Role get(String name) {
        return roles.find(name).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, null, "no role " + name));
    }

    @Transactional
    public boolean put(Role role) {
        return roles.save(role, clock.instant());
    }

    @Transactional
    public boolean putIfAbsent(Role role) {
        return roles.find(role.name()).isEmpty() && roles.save(role, clock.instant());
    }

    @Transactional
    public void delete(String name) {
        get(name);
        if (roles.inUse(name)) {
            throw new ProblemException(HttpStatus.CONFLICT, null, "role " + name + " is carried by machines; take it "
                    + "off them first");
        }
        roles.delete(name);
    }

    public List<String> rolesOf(UUID machineId) {
        return roles.rolesOf(machineId);
    }

    /** Gives the machine exactly these roles; every one must exist ({@code field} names the request field). */
    @Transactional
    public void assign(UUID machineId, List<String> names, String field) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        for (int i = 0; i < distinct.size(); i++) {
            if (roles.find(distinct.get(i)).isEmpty()) {
                throw new InvalidFieldException(field + "[" + i + "]", "'" + distinct.get(i) + "' is not a role");
            }
        }
        roles.replaceRoles(machineId, distinct);
    }

    /** The Puppet classes of the machine's roles, merged in role-name order (a later role's parameters win). */
    public Map<String, Map<String, Object>> puppetClasses(UUID machineId) {
        Map<String, Map<String, Object>> classes = new LinkedHashMap<>();
        for (String name : roles.rolesOf(machineId)) {
            get(name).puppetClasses().forEach((cls, params) ->
                    classes.computeIfAbsent(cls, c -> new LinkedHashMap<>()).putAll(params == null ? Map.of() : params));
        }
        return classes;
    }

    /** The Chef run list of the machine's roles, in role-name order, without repeats. */
    public List<String> chefRunList(UUID machineId) {
        LinkedHashSet<String> runList = new LinkedHashSet<>();
        for (String name : roles.rolesOf(machineId)) {
            runList.addAll(get(name).chefRunList());
        }
        return List.copyOf(runList);
    }
}
