package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** H2 keeps neither a log position nor row counters a reader can see: its position says so and nothing more. */
public final class H2Positions implements ServerPositions {
    static final String NO_COUNTERS = "H2 keeps no log position or row counters";

    @Override
    public ServerPosition read(Connection c, String moment) {
        return new ServerPosition(Instant.now(), moment, null, null, null, null, null, ServerPosition.COUNTERS_NONE,
                null, Map.of(), null, List.of(NO_COUNTERS));
    }

    @Override
    public Long logBytesBetween(Connection c, ServerPosition then, ServerPosition now) {
        return null;
    }
}
