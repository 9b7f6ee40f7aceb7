package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A native restore split at the data, in the order a whole pg_restore keeps: first the schema objects of the main
 * pass (pg_restore), then the tables' rows (loaded over several connections, largest table first), then the rest
 * (pg_restore again: sequence values, large objects, indexes, constraints, triggers, then ACLs and materialized
 * views in their later passes).
 *
 * @param toc the archive's table of contents
 * @param schema the entries restored before the rows
 * @param rows the table data entries loaded here: largest first, or in archive order for an archive read as it
 *     streams
 * @param rest every other entry, in archive order
 */
record RestorePlan(ArchiveToc toc, List<ArchiveToc.Item> schema, List<ArchiveToc.Item> rows, List<ArchiveToc.Item> rest) {

    static RestorePlan of(ArchiveToc toc, long archiveSize) {
        Map<Long, Long> sizes = blockSizes(toc, archiveSize);
        RestorePlan plan = split(toc, true);
        List<ArchiveToc.Item> rows = new ArrayList<>(plan.rows());
        rows.sort(Comparator.comparingLong((ArchiveToc.Item item) -> sizes.get(item.offset())).reversed());
        return new RestorePlan(toc, plan.schema(), List.copyOf(rows), plan.rest());
    }

    /**
     * The plan of an archive read as it streams by, its data offsets not known yet: the rows load in the order
     * their blocks arrive.
     */
    static RestorePlan streamed(ArchiveToc toc) {
        return split(toc, false);
    }

    private static RestorePlan split(ArchiveToc toc, boolean withOffsets) {
        List<ArchiveToc.Item> schema = new ArrayList<>();
        List<ArchiveToc.Item> rows = new ArrayList<>();
        List<ArchiveToc.Item> rest = new ArrayList<>();
        for (ArchiveToc.Item item : toc.items()) {
            if (item.beforeData()) {
                schema.add(item);
            } else if (loadable(item, toc.encoding()) && (item.offset() >= 0 || !withOffsets)) {
                rows.add(item);
            } else {
                rest.add(item);
            }
        }
        return new RestorePlan(toc, List.copyOf(schema), List.copyOf(rows), List.copyOf(rest));
    }

    /**
     * A table's rows this loads as pg_restore would: COPY in text format, with a statement the driver sends as the
     * archive has it (any statement where the archive is UTF-8, else one in ASCII).
     */
    private static boolean loadable(ArchiveToc.Item item, String encoding) {
        String copy = item.entry().copyStatement();
        if (!ArchiveOffsets.TABLE_DATA.equals(item.entry().description()) || copy == null
                || !copy.startsWith("COPY ") || !copy.strip().endsWith("FROM stdin;")) {
            return false;
        }
        return "UTF8".equalsIgnoreCase(encoding) ? !copy.contains("\uFFFD")
                : StandardCharsets.US_ASCII.newEncoder().canEncode(copy);
    }

    /** Each data block's size: up to the next block, or the archive's end. */
    private static Map<Long, Long> blockSizes(ArchiveToc toc, long archiveSize) {
        TreeMap<Long, Long> sizes = new TreeMap<>();
        toc.items().stream().filter(i -> i.offset() >= 0).forEach(i -> sizes.put(i.offset(), 0L));
        for (Map.Entry<Long, Long> block : sizes.entrySet()) {
            Long next = sizes.higherKey(block.getKey());
            block.setValue((next == null ? archiveSize : next) - block.getKey());
        }
        return sizes;
    }

    /** The entries as a pg_restore --use-list file. */
    static String list(List<ArchiveToc.Item> items) {
        StringBuilder list = new StringBuilder();
        for (ArchiveToc.Item item : items) {
            list.append(item.entry().dumpId()).append(";\n");
        }
        return list.toString();
    }
}
