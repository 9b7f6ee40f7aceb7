package io.jenkins.plugins.dbrunbooks.engine.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An append-only JSON Lines file of audit events. Each line carries the hash of the line before it and its own
 * hash, so removing or altering a line breaks the chain ({@link AuditChain#verify}). Appends take a file lock,
 * so several processes can share one log.
 */
public final class AuditLog implements AuditSink {
    static final String GENESIS = "0".repeat(64);
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /** Appends the event and returns the hash of its line, which identifies it from then on. */
    public synchronized String append(AuditEvent event) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix && !Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Another process created it first.
                }
            }
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)); FileLock lock = channel.lock()) {
                String previous = lastHash(channel);
                ObjectNode node = node(event, previous);
                byte[] line = (node + "\n").getBytes(StandardCharsets.UTF_8);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
                return node.get("hash").asText();
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot append to audit log '" + file + "': "
                    + e.getMessage(), null, e);
        }
    }

    /** The newest events of a log, newest first, at most {@code max}; an absent log has none. */
    public static List<AuditEvent> readRecent(Path file, int max) {
        return readRecent(file, max, event -> true).stream().map(AuditEntry::event).toList();
    }

    /**
     * The newest entries whose events pass {@code filter}, newest first, at most {@code max}. The whole log is
     * read once, front to back, keeping only the {@code max} newest matches in memory.
     */
    public static List<AuditEntry> readRecent(Path file, int max, Predicate<AuditEvent> filter) {
        Deque<AuditEntry> newest = new ArrayDeque<>();
        forEach(file, entry -> {
            if (filter.test(entry.event())) {
                newest.addFirst(entry);
                if (newest.size() > max) {
                    newest.removeLast();
                }
            }
        });
        return List.copyOf(newest);
    }

    /** Calls {@code consumer} with every entry of the log, oldest first; an absent log has none. */
    public static void forEach(Path file, Consumer<AuditEntry> consumer) {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode node = (ObjectNode) MAPPER.readTree(line);
                node.remove("prev");
                JsonNode hash = node.remove("hash");
                consumer.accept(new AuditEntry(MAPPER.treeToValue(node, AuditEvent.class),
                        hash == null ? null : hash.asText()));
            }
        } catch (IOException | ClassCastException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read audit log '" + file + "': " + e.getMessage(),
                    null, e);
        }
    }

    static String line(AuditEvent event, String previous) {
        return node(event, previous).toString();
    }

    private static ObjectNode node(AuditEvent event, String previous) {
        ObjectNode node = MAPPER.valueToTree(event);
        if (event.change() == null) {
            // Operation events keep the exact shape they had before configuration changes were audited.
            node.remove("change");
        }
        node.put("prev", previous);
        node.put("hash", hash(previous, node));
        return node;
    }

    /** The hash of a line is over the previous hash and the line's own fields, without its hash field. */
    static String hash(String previous, ObjectNode lineWithoutHash) {
        ObjectNode copy = lineWithoutHash.deepCopy();
        copy.remove("hash");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous.getBytes(StandardCharsets.UTF_8));
            digest.update(copy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastHash(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return GENESIS;
        }
        // Read back from the end far enough to hold the last full line: a window, twice as far each time the
        // newline before the line is not in it (a tool's error output can make one event megabytes long).
        for (long window = 64 * 1024; ; window *= 2) {
            long start = Math.max(0, size - window);
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // Read until the window is full.
            }
            byte[] bytes = buffer.array();
            int end = buffer.position();
            while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
                end--;
            }
            int newline = end - 1;
            while (newline >= 0 && bytes[newline] != '\n') {
                newline--;
            }
            if (newline >= 0 || start == 0) {
                JsonNode node = MAPPER.readTree(new String(bytes, newline + 1, end - newline - 1,
                        StandardCharsets.UTF_8));
                JsonNode hash = node == null ? null : node.get("hash");
                if (hash == null) {
                    throw new IOException("its last line is not an audit event");
                }
                return hash.asText();
            }
        }
    }
}
