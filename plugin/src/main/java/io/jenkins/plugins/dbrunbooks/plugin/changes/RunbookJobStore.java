package io.jenkins.plugins.dbrunbooks.plugin.changes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import hudson.Extension;
import hudson.ExtensionList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import jenkins.model.Jenkins;

/**
 * The jobs known to use the runbook steps, one private JSON file each under
 * {@code $JENKINS_HOME/database-runbooks/jobs/}, named by a hash of the job's full name so any name is safe.
 */
@Extension
public class RunbookJobStore {
    private static final Logger LOGGER = Logger.getLogger(RunbookJobStore.class.getName());
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public static RunbookJobStore get() {
        return ExtensionList.lookupSingleton(RunbookJobStore.class);
    }

    Path directory() {
        return Jenkins.get().getRootDir().toPath().resolve("database-runbooks").resolve("jobs");
    }

    public synchronized Optional<RunbookJob> find(String fullName) {
        Path file = fileOf(fullName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            RunbookJob job = MAPPER.readValue(file.toFile(), RunbookJob.class);
            return fullName.equals(job.fullName()) ? Optional.of(job) : Optional.empty();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the audit record of job " + fullName + "; starting afresh", e);
            return Optional.empty();
        }
    }

    /** Every job under {@code folder} ({@code folder/...}), for a folder deleted as a whole. */
    public synchronized List<RunbookJob> under(String folder) {
        List<RunbookJob> jobs = new ArrayList<>();
        if (!Files.isDirectory(directory())) {
            return jobs;
        }
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                try {
                    RunbookJob job = MAPPER.readValue(file.toFile(), RunbookJob.class);
                    if (job.fullName() != null && job.fullName().startsWith(folder + "/")) {
                        jobs.add(job);
                    }
                } catch (IOException e) {
                    LOGGER.log(Level.FINE, "Skipping unreadable " + file, e);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot list the audited jobs", e);
        }
        return jobs;
    }

    public synchronized void put(RunbookJob job) {
        try {
            Path dir = directory();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (posix()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Path target = fileOf(job.fullName());
            Path partial = dir.resolve(target.getFileName() + ".partial");
            Files.write(partial, MAPPER.writeValueAsBytes(job));
            if (posix()) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the audit record of job " + job.fullName(), e);
        }
    }

    public synchronized void remove(String fullName) {
        try {
            Files.deleteIfExists(fileOf(fullName));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot remove the audit record of job " + fullName, e);
        }
    }

    /** Moves a job's record to its new name; returns it under that name, if there was one. */
    public synchronized Optional<RunbookJob> move(String oldName, String newName) {
        Optional<RunbookJob> moved = find(oldName).map(job -> job.withName(newName));
        moved.ifPresent(job -> {
            put(job);
            remove(oldName);
        });
        return moved;
    }

    private Path fileOf(String fullName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fullName.getBytes(StandardCharsets.UTF_8));
            return directory().resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
