package io.jenkins.plugins.dbrunbooks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.drill.Proof;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = {"Lists a database's backups, newest first; KIND 'safety' marks the copies taken before in-place",
            "restores, which 'latest' never means. Manifests that cannot be read are listed as UNREADABLE, with why.",
            "PROVEN is how far each backup was proven: stored, checksum, stream or structure verified, restored,",
            "restored and checked (a drill compared its data), or drill failed; '(fingerprints off)' follows it where",
            "the database's configuration turned data fingerprints off, so a drill cannot check the data."})
final class ListCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ID", "STARTED (UTC)", "SIZE", "KIND", "LABEL", "ENCRYPTION",
        "CREATED BY", "CONTENTS", "PROVEN"};

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = {"Print the manifests as a JSON array, each with 'safetyBackup';",
        "unreadable manifests follow with 'unreadable' and 'reason'."})
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        BackupListing listing = new Inventory(main.context()).scan(target.environment, target.database);
        BackupStore store = main.context().store(main.context().config().environment(target.environment));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ManifestCodec.mapper().writeValueAsString(jsonEntries(listing, store)));
            return 0;
        }
        if (listing.backups().isEmpty() && listing.unreadable().isEmpty()) {
            main.progress().message("No backups of " + target.describe() + " yet.");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (StoredBackup backup : listing.backups()) {
            Manifest m = backup.manifest();
            rows.add(new String[] {m.id(), Formats.utc(m.startedAt()), Bytes.human(m.payload().size()),
                m.safetyBackup() ? "safety" : "backup", Formats.orDash(m.label()),
                m.encrypted() ? m.payload().encryption() : "none", Formats.orDash(m.createdBy()),
                m.partial() ? "partial (" + m.notCarried().size() + " left out)" : "complete",
                Proof.of(store, backup).level().label() + (m.fingerprintsOff() ? " (fingerprints off)" : "")});
        }
        for (UnreadableBackup unreadable : listing.unreadable()) {
            rows.add(new String[] {unreadable.id(), "-", "-", "UNREADABLE", "-", "-", "-", "-", "-"});
        }
        Formats.table(rows, out);
        for (UnreadableBackup unreadable : listing.unreadable()) {
            out.println("UNREADABLE " + unreadable.id() + ": " + unreadable.reason());
        }
        return 0;
    }

    /** Each manifest as written, with whether it is a safety backup; then what could not be read, and why. */
    private static List<Object> jsonEntries(BackupListing listing, BackupStore store) {
        List<Object> entries = new ArrayList<>();
        for (StoredBackup backup : listing.backups()) {
            ObjectNode node = ManifestCodec.mapper().valueToTree(backup.manifest());
            node.put("safetyBackup", backup.manifest().safetyBackup());
            Proof proof = Proof.of(store, backup);
            node.put("proven", proof.level().id());
            node.put("fingerprintsOff", backup.manifest().fingerprintsOff());
            if (proof.lastDrill() != null) {
                node.set("lastDrill", ManifestCodec.mapper().valueToTree(proof.lastDrill()));
            }
            entries.add(node);
        }
        for (UnreadableBackup unreadable : listing.unreadable()) {
            ObjectNode node = ManifestCodec.mapper().createObjectNode();
            node.put("id", unreadable.id());
            node.put("unreadable", true);
            node.put("reason", unreadable.reason());
            node.put("manifest", unreadable.location());
            entries.add(node);
        }
        return entries;
    }
}
