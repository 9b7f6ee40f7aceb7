package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the source's own definitions of one phase so that each comes after what it depends on (a view after the
 * function it calls, a trigger after its function), keeping the snapshot's order otherwise. A definition that
 * depends on one of a later phase waits for that phase; a cycle, which a server's catalog cannot hold, is replayed
 * in the snapshot's order so the server names what fails.
 */
public final class NativeReplay {
    private NativeReplay() {
    }

    /** The definitions of {@code engine} replayed in {@code phase}, in replay order. */
    public static List<NativeDefinition> inPhase(List<NativeDefinition> definitions, String engine, String phase) {
        return inPhase(definitions, engine, phase, Set.of());
    }

    /**
     * The definitions of {@code engine} replayed in {@code phase}, in replay order, without those that need a role
     * in {@code absentRoles}.
     */
    public static List<NativeDefinition> inPhase(List<NativeDefinition> definitions, String engine, String phase,
            Set<String> absentRoles) {
        List<NativeDefinition> own = definitions.stream().filter(d -> d.engine().equals(engine))
                .filter(d -> d.roles().stream().noneMatch(absentRoles::contains)).toList();
        Map<String, Integer> phaseOf = new LinkedHashMap<>();
        Map<String, NativeDefinition> byId = new LinkedHashMap<>();
        for (NativeDefinition d : own) {
            byId.put(d.id(), d);
        }
        for (NativeDefinition d : own) {
            effectivePhase(d, byId, phaseOf, new HashSet<>());
        }
        int wanted = NativeDefinition.PHASES.indexOf(phase);
        List<NativeDefinition> pending = new ArrayList<>(own.stream().filter(d -> phaseOf.get(d.id()) == wanted)
                .toList());
        Set<String> waiting = new HashSet<>();
        pending.forEach(d -> waiting.add(d.id()));
        List<NativeDefinition> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            NativeDefinition next = pending.stream()
                    .filter(d -> d.dependsOn().stream().noneMatch(dep -> !dep.equals(d.id()) && waiting.contains(dep)))
                    .findFirst().orElse(pending.get(0));
            pending.remove(next);
            waiting.remove(next.id());
            ordered.add(next);
        }
        return ordered;
    }

    /** All statements of {@link #inPhase}, in order. */
    public static List<String> statements(List<NativeDefinition> definitions, String engine, String phase,
            Set<String> absentRoles) {
        return inPhase(definitions, engine, phase, absentRoles).stream().flatMap(d -> d.sql().stream()).toList();
    }

    /** Every role the definitions of {@code engine} need on the target. */
    public static Set<String> roles(List<NativeDefinition> definitions, String engine) {
        Set<String> roles = new java.util.TreeSet<>();
        definitions.stream().filter(d -> d.engine().equals(engine)).forEach(d -> roles.addAll(d.roles()));
        return roles;
    }

    /** Its own phase, or the latest phase of what it depends on when that is later. */
    private static int effectivePhase(NativeDefinition d, Map<String, NativeDefinition> byId,
            Map<String, Integer> phaseOf, Set<String> visiting) {
        Integer known = phaseOf.get(d.id());
        if (known != null) {
            return known;
        }
        int phase = NativeDefinition.PHASES.indexOf(d.phase());
        if (visiting.add(d.id())) {
            for (String dep : d.dependsOn()) {
                NativeDefinition other = byId.get(dep);
                if (other != null && !visiting.contains(dep)) {
                    phase = Math.max(phase, effectivePhase(other, byId, phaseOf, visiting));
                }
            }
            visiting.remove(d.id());
        }
        phaseOf.put(d.id(), phase);
        return phase;
    }
}
