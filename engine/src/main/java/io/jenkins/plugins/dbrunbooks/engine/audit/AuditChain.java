package io.jenkins.plugins.dbrunbooks.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an audit log's hash chain line by line. */
public final class AuditChain {
    private AuditChain() {
    }

    /** The result: how many lines were good, and the first broken line if any (1-based). */
    public record Result(long lines, long brokenLine, String problem) {
        public boolean intact() {
            return brokenLine == 0;
        }
    }

    public static Result verify(Path file) throws IOException {
        String previous = AuditLog.GENESIS;
        long number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    return new Result(number - 1, number, "blank line");
                }
                JsonNode node;
                try {
                    node = AuditLog.MAPPER.readTree(line);
                } catch (IOException e) {
                    return new Result(number - 1, number, "not JSON");
                }
                if (!(node instanceof ObjectNode object) || !object.has("hash") || !object.has("prev")) {
                    return new Result(number - 1, number, "not an audit event");
                }
                if (!previous.equals(object.get("prev").asText())) {
                    return new Result(number - 1, number, "does not follow the line before it (a line was removed"
                            + " or reordered)");
                }
                String expected = AuditLog.hash(previous, object);
                if (!expected.equals(object.get("hash").asText())) {
                    return new Result(number - 1, number, "its content does not match its hash (altered)");
                }
                previous = expected;
            }
        }
        return new Result(number, 0, null);
    }
}
