package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.postgresql.PGConnection;

public class PostgresNativeLoadTest {
    /** Values COPY escapes: newlines, carriage returns, tabs, backslashes, the end-of-data line, non-ASCII, NULL. */
    private static final String AWKWARD_ROWS = "INSERT INTO awkward (v, b) SELECT CASE i % 7"
            + " WHEN 0 THEN E'line one\\nline two\\r\\n' || i WHEN 1 THEN E'tab\\there \\\\ back\\\\slash ' || i"
            + " WHEN 2 THEN E'\\\\.' WHEN 3 THEN '' WHEN 4 THEN NULL WHEN 5 THEN 'Grüße, ĉiuj, 日本語 ' || i"
            + " ELSE repeat(md5(i::text), 3) END, decode(md5(i::text), 'hex') FROM generate_series(1, 40000) i";

    private static final String AWKWARD = "\"public\".\"awkward\"";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreEveryRowOfATableLargerThanAPieceExactly() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS,
                    "CREATE INDEX awkward_v ON awkward (v)", "CREATE TABLE \"Mixed Case\" (\"ä\" int)",
                    "INSERT INTO \"Mixed Case\" VALUES (1), (2)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(fixture.listener.messages).as("the rows are loaded here as the backup streams by, in"
                        + " the archive's order, the rest by pg_restore")
                        .anyMatch(m -> m.contains("as the backup is read") && m.contains("the rows of 2 tables over"))
                        .anyMatch(m -> m.matches("Loading table 'public\\.Mixed Case' \\(1 of 2\\)"))
                        .anyMatch(m -> m.matches("Loading table 'public\\.awkward' \\(2 of 2\\)"))
                        .noneMatch(m -> m.startsWith("Unpacking backup"))
                        .as("the loader takes every block: no working file")
                        .noneMatch(m -> m.contains("private working file"));
                assertThat(PostgresSnapshot.of(copy, source)).isEqualTo(PostgresSnapshot.of(source));
                assertThat(Queries.rows(source.url(), TestServers.PG_USER, "SELECT count(*) FROM pg_db_role_setting s"
                        + " JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = '" + copy + "'"))
                        .as("the relaxed commits are taken off the database again").containsExactly("0");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldSpreadOneTablesPiecesOverTheConnections() throws Exception {
        assertThat(loadRowsOnly(2)).as("loaded by a COPY on each connection").containsExactly("2");
    }

    @Test
    public void shouldLoadEveryPieceOnOneConnectionWithOneJob() throws Exception {
        assertThat(loadRowsOnly(1)).as("one COPY").containsExactly("1");
    }

    /** Loads an archive's rows into a database holding its schema; returns how many transactions loaded them. */
    private List<String> loadRowsOnly(int jobs) throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS);
            Path dir = tmp.newFolder().toPath();
            ExternalTools.sh(dir, "pg_dump " + Archives.connection() + " --format=custom --compress=0 -f archive.dump "
                    + source.name() + " && pg_restore " + Archives.connection() + " --section=pre-data -d " + target.name()
                    + " archive.dump");
            Path archive = dir.resolve("archive.dump");
            RestorePlan plan = Archives.plan(archive);
            RecordingListener listener = new RecordingListener();

            new TableDataLoader(new MethodContext(target.url(), target.login(), null, dir, listener), plan.toc(),
                    archive, jobs, 4096, TableDataLoader.Loaded.NONE).load(plan.rows(), 1, listener);

            assertThat(listener.messages).containsExactly("Loading table 'public.awkward' (1 of 1)");
            assertThat(PostgresSnapshot.tableChecksums(target.name())).as("the rows; the sequence is set later")
                    .containsEntry(AWKWARD, PostgresSnapshot.tableChecksums(source.name()).get(AWKWARD));
            return Queries.rows(target.url(), TestServers.PG_USER, "SELECT count(DISTINCT xmin::text) FROM awkward");
        }
    }

    @Test
    public void shouldCutPiecesAtRowEndsWithoutTheEndOfDataLine() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS,
                    "CREATE TABLE empty_one (id int)");
            Path dir = tmp.getRoot().toPath();
            ExternalTools.sh(dir, "pg_dump " + Archives.connection() + " --format=custom --compress=0 -f archive.dump "
                    + source.name());
            Path archive = dir.resolve("archive.dump");
            RestorePlan plan = Archives.plan(archive);
            assertThat(plan.rows()).extracting(ArchiveToc.Item::table)
                    .as("largest first").containsExactly("public.awkward", "public.empty_one");

            List<byte[]> pieces = new ArrayList<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
                ArchiveOffsets.Reader in = new ArchiveOffsets.Reader(channel, 4096);
                in.intSize = plan.toc().intSize();
                TableDataReader reader = new TableDataReader(in, plan.rows().get(0), 1000);
                byte[] piece;
                while ((piece = reader.next()) != null) {
                    pieces.add(piece);
                    all.write(piece);
                }
                assertThat(new TableDataReader(in, plan.rows().get(1), 1000).next())
                        .as("an empty table has no piece").isNull();
            }

            assertThat(pieces).hasSizeGreaterThan(100).allMatch(p -> p[p.length - 1] == '\n');
            assertThat(all.toByteArray()).isEqualTo(copyOut(source, "COPY public.awkward (id, v, b) TO STDOUT"));
        }
    }

    @Test
    public void shouldRestoreADatabaseInLatin1() throws Exception {
        String name = TestServers.uniqueName();
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "CREATE DATABASE " + name
                + " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
        try (TestDatabase source = new TestDatabase(name, TestServers.postgresUrl(name), TestServers.postgresLogin(),
                () -> TestServers.dropPostgres(name))) {
            source.execute("CREATE TABLE texts (id int PRIMARY KEY, v text)",
                    "INSERT INTO texts SELECT i, 'Grüße à ' || i || E' ÿ\\n½' FROM generate_series(1, 5000) i");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = name + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(fixture.listener.messages).anyMatch(m -> m.contains("the rows of 1 table over"));
                String check = "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname ="
                        + " current_database() UNION ALL SELECT md5(string_agg(v, ',' ORDER BY id)) FROM texts";
                String url = TestServers.postgresUrl(copy);
                assertThat(Queries.rows(url, TestServers.PG_USER, check)).startsWith("LATIN1")
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, check));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldLeaveNoDatabaseBehindWhenARowIsRefused() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            // A check whose function changed after the rows went in: the rows dump, and the restore refuses one.
            source.execute("CREATE FUNCTION public.allowed(int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true'",
                    "CREATE TABLE guarded (id int PRIMARY KEY, v int CHECK (public.allowed(v)))",
                    "INSERT INTO guarded SELECT i, i FROM generate_series(1, 50000) i",
                    "CREATE OR REPLACE FUNCTION public.allowed(int) RETURNS boolean LANGUAGE sql IMMUTABLE"
                            + " AS 'SELECT $1 <> 40000'");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").intoNew(copy)))
                        .isInstanceOf(RunbookException.class)
                        .hasMessageContaining("Loading the rows of table 'public.guarded' failed")
                        .hasMessageContaining("guarded_v_check");
                assertThat(TestServers.postgresHas(copy)).as("the new database is dropped again").isFalse();
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Loaded as it streams, the payload is checked whole only once its rows are in: a raw size the manifest misstates
     * fails the restore then, and the database it loaded is dropped.
     */
    @Test
    public void shouldDropTheNewDatabaseWhenThePayloadProvesWrongAfterItsRowsLoaded() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            Path manifestFile = Path.of(backup.manifestLocation());
            Manifest m;
            try (InputStream in = Files.newInputStream(manifestFile)) {
                m = ManifestCodec.read(in, manifestFile.toString());
            }
            Files.write(manifestFile, ManifestCodec.write(new Manifest(m.formatVersion(), m.id(), m.label(),
                    m.environment(), m.database(), m.engine(), m.serverVersion(), m.method(), m.tool(),
                    m.toolVersion(), m.payload(), m.rawSize() - 1, m.startedAt(), m.finishedAt(), m.rowCounts(),
                    m.createdBy(), m.build(), m.purpose())));
            String copy = source.name() + "_copy";
            try {
                assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").intoNew(copy)))
                        .isInstanceOfSatisfying(RunbookException.class,
                                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY))
                        .hasMessageContaining("decodes to");
                assertThat(fixture.listener.messages).as("the rows were loading when the payload proved wrong")
                        .anyMatch(msg -> msg.startsWith("Loading table 'public.awkward'"));
                assertThat(TestServers.postgresHas(copy)).as("the new database is dropped again").isFalse();
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /** Where the loader takes every data block, only the table of contents is written locally. */
    @Test
    public void shouldWriteLittleMoreThanTheTableOfContentsLocallyWhenItLoadsEveryBlock() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS,
                    "CREATE INDEX awkward_v ON awkward (v)");
            Path dir = tmp.newFolder().toPath();
            Path archive = Archives.piped(dir, source, "--compress=0");
            RecordingListener listener = new RecordingListener();
            MethodContext context = new MethodContext(target.url(), target.login(),
                    ToolLocator.fromEnvironment(List.of()), tmp.newFolder().toPath(), listener);
            try (PrivateFiles files = PostgresTools.privateFiles(context)) {
                Path working = files.directory().resolve("payload");
                PgRestore pgRestore = new PgRestore(context, files,
                        PostgresTools.require(context, "pg_restore").tool().path(), working, target.name(), false);
                StreamedRestore.Loaded loaded;
                try (InputStream in = Files.newInputStream(archive);
                        OutputStream out = files.newFile("payload")) {
                    loaded = new StreamedRestore(context, files, pgRestore, target.name(), 2, TableDataLoader.PIECE,
                            EarlyIndexes.MIN_BYTES, SchemaWaves.MIN_TABLES).load(in, out, working, Files.size(archive));
                }
                assertThat(Files.size(working)).as("the table of contents and one read past it")
                        .isLessThan(Files.size(archive) / 10);
                try (loaded) {
                    loaded.finish(working);
                }
            }
            assertThat(listener.messages).noneMatch(m -> m.contains("private working file"));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    /**
     * Archives the loader does not take stream to a working file and go to pg_restore whole, saying why once: rows
     * written as INSERT statements, and data pg_dump compressed.
     */
    @Test
    public void shouldRestoreWholeWithPgRestoreWhatTheLoaderDoesNotTake() throws Exception {
        for (String options : List.of("--inserts --compress=0", "--compress=6")) {
            try (TestDatabase source = TestServers.newPostgresDatabase();
                    TestDatabase target = TestServers.newPostgresDatabase()) {
                source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS,
                        "CREATE INDEX awkward_v ON awkward (v)");
                Path dir = tmp.newFolder().toPath();
                Path archive = Archives.piped(dir, source, options);
                RecordingListener listener = new RecordingListener();

                new PostgresNativeMethod().restore(new MethodContext(target.url(), target.login(),
                        ToolLocator.fromEnvironment(List.of()), dir, listener),
                        StreamSource.of(Files.newInputStream(archive)),
                        new RestoreOptions(false, 2));

                assertThat(listener.messages).as(options)
                        .anyMatch(m -> m.startsWith("The backup is written on the way to a private working file"))
                        .anyMatch(m -> m.startsWith("Restoring into '" + target.name() + "' with pg_restore, 2 jobs"))
                        .noneMatch(m -> m.contains("as the backup is read"))
                        .filteredOn(m -> m.startsWith("The backup is restored by pg_restore alone"))
                        .as("said once, where the archive gives a reason").hasSize(options.contains("6") ? 1 : 0);
                assertThat(PostgresSnapshot.of(target.name(), source)).as(options)
                        .isEqualTo(PostgresSnapshot.of(source));
            }
        }
    }

    /** A payload that arrives unpacked already (written to a pipe, so without offsets) is restored from that file. */
    @Test
    public void shouldRestoreFromAStagedFile() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE awkward (id serial PRIMARY KEY, v text, b bytea)", AWKWARD_ROWS,
                    "CREATE INDEX awkward_v ON awkward (v)");
            Path dir = tmp.newFolder().toPath();
            Path archive = Archives.piped(dir, source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod().restore(new MethodContext(target.url(), target.login(),
                    ToolLocator.fromEnvironment(List.of()), dir, listener), Archives.staged(archive),
                    new RestoreOptions(false, 2));

            assertThat(listener.messages).anyMatch(msg -> msg.contains("the schema with pg_restore, the rows of 1"
                    + " table over 2 connections")).noneMatch(msg -> msg.contains("as the backup is read"));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    private static byte[] copyOut(TestDatabase db, String copy) throws Exception {
        try (Connection c = db.connect()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
            return out.toByteArray();
        }
    }
}
