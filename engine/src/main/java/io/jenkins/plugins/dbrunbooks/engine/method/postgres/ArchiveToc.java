package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The table of contents of a custom-format archive on disk whose data offsets are written, read for a restore that
 * loads the tables' rows itself and leaves everything else to pg_restore. It sorts the entries as pg_restore does:
 * an entry without a section of its own belongs to the section of the entry before it, and ACLs, event triggers and
 * materialized view data are restored in passes of their own after everything else.
 */
record ArchiveToc(List<Item> items, String encoding, boolean standardStrings, int intSize, int offsetSize) {
    static final int SECTION_NONE = 1;
    static final int SECTION_PRE_DATA = 2;
    private static final int POS_SET = 2;
    private static final Set<String> LATER_PASS = Set.of("ACL", "ACL LANGUAGE", "DEFAULT ACL", "EVENT TRIGGER",
            "MATERIALIZED VIEW DATA");
    private static final String SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', '', false);\n";

    /**
     * @param section the section pg_restore counts it in
     * @param offset where its data block starts, or -1 where it has none
     */
    record Item(ArchiveOffsets.Entry entry, int section, long offset) {

        /** Whether a restore split at the data runs it before any data: a schema object of the main pass. */
        boolean beforeData() {
            return section == SECTION_PRE_DATA && !laterPass();
        }

        private boolean laterPass() {
            String description = entry.description();
            return LATER_PASS.contains(description)
                    || "COMMENT".equals(description) && entry.tag() != null && entry.tag().startsWith("EVENT TRIGGER ");
        }

        String table() {
            return entry.schema() == null || entry.schema().isEmpty() ? entry.tag()
                    : entry.schema() + "." + entry.tag();
        }
    }

    /**
     * Reads the table of contents; returns null, with the reason given to {@code unreadable}, for an archive whose
     * rows this would not load exactly as pg_restore does: compressed, older than the session entries pg_dump writes
     * since PostgreSQL 11, or without its data offsets.
     */
    static ArchiveToc read(FileChannel channel, Consumer<String> unreadable) throws IOException {
        return read(new ArchiveOffsets.Reader(channel), unreadable, null);
    }

    /**
     * Reads the table of contents from {@code in}, left just after it. With {@code fields}, an archive pg_dump wrote
     * to a pipe is read too: its entries' offsets are unknown (-1), and {@code fields} gets, for each entry with a
     * data block, where its offset field is, to be written once the block is found.
     */
    static ArchiveToc read(ArchiveOffsets.Reader in, Consumer<String> unreadable, Map<Integer, Long> fields)
            throws IOException {
        try {
            ArchiveOffsets.Header header = ArchiveOffsets.Header.read(in);
            if (header.problem() != null) {
                unreadable.accept(header.problem());
                return null;
            }
            if (header.compressed()) {
                unreadable.accept("its data is compressed");
                return null;
            }
            int count = in.readInt();
            List<Item> items = new ArrayList<>(count);
            String encoding = null;
            String standardStrings = null;
            String searchPath = null;
            int current = SECTION_PRE_DATA;
            for (int i = 0; i < count; i++) {
                ArchiveOffsets.Entry entry = ArchiveOffsets.readEntry(in, header.version(), in.readInt());
                long field = in.position();
                int state = in.readByte();
                long offset = 0;
                for (int b = 0; b < header.offsetSize(); b++) {
                    offset |= (long) in.readByte() << (8 * b);
                }
                if (entry.section() != SECTION_NONE) {
                    current = entry.section();
                }
                if (fields != null && state != ArchiveOffsets.NO_DATA) {
                    fields.put(entry.dumpId(), field);
                } else if (ArchiveOffsets.TABLE_DATA.equals(entry.description()) && state != POS_SET) {
                    unreadable.accept("the data of '" + entry.tag() + "' has no offset");
                    return null;
                }
                switch (entry.description()) {
                    case "ENCODING" -> encoding = setting(entry.definition(), "SET client_encoding = '");
                    case "STDSTRINGS" -> standardStrings = setting(entry.definition(),
                            "SET standard_conforming_strings = '");
                    case "SEARCHPATH" -> searchPath = entry.definition();
                    default -> {
                    }
                }
                items.add(new Item(entry, entry.section() == SECTION_NONE ? current : entry.section(),
                        state == POS_SET ? offset : -1));
            }
            if (encoding == null || !encoding.matches("[A-Za-z0-9_]+") || standardStrings == null
                    || !SEARCH_PATH.equals(searchPath)) {
                unreadable.accept("it lacks the session settings of pg_dump 11 and later");
                return null;
            }
            return new ArchiveToc(List.copyOf(items), encoding, "on".equals(standardStrings), in.intSize,
                    header.offsetSize());
        } catch (EOFException e) {
            unreadable.accept("it ends early");
            return null;
        }
    }

    /** The quoted value of a statement such as {@code SET client_encoding = 'UTF8';}, or null. */
    private static String setting(String definition, String prefix) {
        if (definition == null || !definition.startsWith(prefix)) {
            return null;
        }
        int end = definition.indexOf('\'', prefix.length());
        return end < 0 ? null : definition.substring(prefix.length(), end);
    }
}
