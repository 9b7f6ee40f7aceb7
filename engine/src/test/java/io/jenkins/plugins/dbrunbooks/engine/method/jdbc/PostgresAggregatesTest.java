package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * User-defined aggregates (CREATE AGGREGATE) a jdbc backup carries from PostgreSQL to PostgreSQL as pg_dump writes
 * them, after the functions and types they use; another engine has no equivalent and names each.
 */
public class PostgresAggregatesTest {
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Aggregates of every form pg_dump writes, over types and functions of the database's own. */
    private static String[] aggregates(String owner) {
        return new String[] {
            "CREATE SCHEMA stats",
            "CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric(10,2), qty int)",
            "INSERT INTO sales SELECT g, (ARRAY['north', 'south', 'east'])[g % 3 + 1], g * 1.25, g % 7"
                    + " FROM generate_series(1, 60) g",
            // As pagila's and sakila's group_concat: a user-defined transition function and an initial state.
            "CREATE FUNCTION public._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
                    + " SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$",
            "CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text)",
            "CREATE AGGREGATE public.joined(text) (SFUNC = public._group_concat, STYPE = text, INITCOND = 'it''s:')",
            // Moving-aggregate mode with an inverse function, its own state and final function.
            "CREATE FUNCTION stats.add_int(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT"
                    + " AS 'SELECT $1 + $2'",
            "CREATE FUNCTION stats.sub_int(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT"
                    + " AS 'SELECT $1 - $2'",
            "CREATE FUNCTION stats.doubled(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'",
            "CREATE AGGREGATE stats.moving_sum(int) (SFUNC = stats.add_int, STYPE = bigint, INITCOND = '0',"
                    + " FINALFUNC = stats.doubled, MSFUNC = stats.add_int, MINVFUNC = stats.sub_int,"
                    + " MSTYPE = bigint, MSSPACE = 16, MINITCOND = '0', MFINALFUNC = stats.doubled, SSPACE = 8)",
            // A window function takes only a final function that leaves the state read-only.
            "CREATE FUNCTION stats.doubled_extra(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE"
                    + " AS 'SELECT $1 * 2'",
            "CREATE AGGREGATE stats.moving_shared(int) (SFUNC = stats.add_int, STYPE = bigint, INITCOND = '0',"
                    + " MSFUNC = stats.add_int, MINVFUNC = stats.sub_int, MSTYPE = bigint, MINITCOND = '0',"
                    + " MFINALFUNC = stats.doubled_extra, MFINALFUNC_EXTRA, MFINALFUNC_MODIFY = SHAREABLE)",
            // Ordered-set and hypothetical-set, with direct arguments and an extra final function argument.
            "CREATE FUNCTION stats.pick_final(internal, float8, anyelement) RETURNS anyelement LANGUAGE internal"
                    + " IMMUTABLE AS 'percentile_disc_final'",
            "CREATE AGGREGATE stats.pick(float8 ORDER BY anyelement) (SFUNC = pg_catalog.ordered_set_transition,"
                    + " STYPE = internal, FINALFUNC = stats.pick_final, FINALFUNC_EXTRA)",
            "CREATE AGGREGATE stats.place(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (SFUNC ="
                    + " pg_catalog.ordered_set_transition_multi, STYPE = internal, FINALFUNC = pg_catalog.rank_final,"
                    + " FINALFUNC_EXTRA, HYPOTHETICAL)",
            // Parallel, with combine, serial and deserial functions, a final function that changes the state.
            "CREATE AGGREGATE stats.avg_par(int) (SFUNC = pg_catalog.int4_avg_accum, STYPE = bigint[],"
                    + " FINALFUNC = pg_catalog.int8_avg, FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC ="
                    + " pg_catalog.int4_avg_combine, INITCOND = '{0,0}', PARALLEL = safe)",
            "CREATE AGGREGATE stats.sum_par(numeric) (SFUNC = pg_catalog.numeric_avg_accum, STYPE = internal,"
                    + " SSPACE = 128, FINALFUNC = pg_catalog.numeric_sum, COMBINEFUNC = pg_catalog.numeric_avg_combine,"
                    + " SERIALFUNC = pg_catalog.numeric_avg_serialize, DESERIALFUNC ="
                    + " pg_catalog.numeric_avg_deserialize, PARALLEL = restricted)",
            // Over a composite type and an enum of the database; with a sort operator; without arguments.
            "CREATE TYPE stats.span AS (lo int, hi int)",
            "CREATE TYPE stats.level AS ENUM ('low', 'mid', 'high')",
            "CREATE FUNCTION stats.widen(stats.span, int) RETURNS stats.span LANGUAGE sql IMMUTABLE AS"
                    + " $$SELECT ROW(least(($1).lo, $2), greatest(($1).hi, $2))::stats.span$$",
            "CREATE AGGREGATE stats.range_of(int) (SFUNC = stats.widen, STYPE = stats.span,"
                    + " INITCOND = '(2147483647,-2147483648)')",
            "CREATE AGGREGATE stats.top_level(stats.level) (SFUNC = pg_catalog.enum_larger, STYPE = stats.level)",
            "CREATE AGGREGATE stats.biggest(numeric) (SFUNC = pg_catalog.numeric_larger, STYPE = numeric,"
                    + " SORTOP = >)",
            "CREATE FUNCTION stats.count_one(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1'",
            "CREATE AGGREGATE stats.rows_seen(*) (SFUNC = stats.count_one, STYPE = bigint, INITCOND = '0')",
            // What follows an aggregate as it follows a function.
            "COMMENT ON AGGREGATE public.group_concat(text) IS 'as pagila''s'",
            "COMMENT ON AGGREGATE stats.pick(float8 ORDER BY anyelement) IS 'ordered'",
            "COMMENT ON AGGREGATE stats.rows_seen(*) IS 'counts'",
            "ALTER AGGREGATE stats.rows_seen(*) OWNER TO " + owner,
            "ALTER AGGREGATE stats.pick(float8 ORDER BY anyelement) OWNER TO " + owner,
            "REVOKE ALL ON FUNCTION stats.moving_sum(int) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION stats.moving_sum(int) TO " + owner,
            "REVOKE ALL ON FUNCTION stats.pick(float8, anyelement) FROM PUBLIC",
            // A view calling one, created after it.
            "CREATE VIEW regions AS SELECT region, public.group_concat(id::text ORDER BY id) AS ids FROM sales"
                    + " GROUP BY region"};
    }

    /** Each aggregate called, so the copy must compute what the source does. */
    private static final String CALLS = "SELECT public.group_concat(region ORDER BY id), public.joined(region"
            + " ORDER BY id), stats.moving_sum(qty), stats.moving_shared(qty), (SELECT string_agg(s::text, ',')"
            + " FROM (SELECT stats.moving_sum(qty) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) s FROM sales) w),"
            + " stats.pick(0.5) WITHIN GROUP (ORDER BY amount), stats.place(30) WITHIN GROUP (ORDER BY qty),"
            + " stats.avg_par(qty), stats.sum_par(amount), stats.range_of(qty)::text,"
            + " stats.top_level((ARRAY['low', 'high', 'mid'])[qty % 3 + 1]::stats.level), stats.biggest(amount),"
            + " stats.rows_seen(*) FROM sales";

    @Test
    public void shouldRestoreAggregatesAsTheServerDefinedThem() {
        String owner = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + owner);
        String copy = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(aggregates(owner));
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

            PostgresSnapshot original = PostgresSnapshot.withPrivileges(source.name());
            PostgresSnapshot restored = PostgresSnapshot.withPrivileges(copy);
            assertThat(restored.schema()).contains("CREATE AGGREGATE public.group_concat(text)",
                    "MFINALFUNC_EXTRA", "MFINALFUNC_MODIFY = SHAREABLE", "HYPOTHETICAL", "SERIALFUNC",
                    "PARALLEL = safe",
                    "SORTOP = OPERATOR(pg_catalog.>)", "stats.rows_seen(*)", "COMMENT ON AGGREGATE stats.pick(",
                    "OWNER TO " + owner, "REVOKE ALL ON FUNCTION stats.pick(double precision, anyelement) FROM PUBLIC",
                    "GRANT ALL ON FUNCTION stats.moving_sum(integer) TO " + owner)
                    .isEqualTo(original.schema());
            String url = TestServers.postgresUrl(copy);
            assertThat(Queries.rows(url, TestServers.PG_USER, CALLS))
                    .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, CALLS));
            assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT ids FROM regions WHERE region = 'east'"))
                    .singleElement().asString().startsWith("2, 5, 8");
        } finally {
            TestServers.dropPostgres(copy);
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + owner);
        }
    }

    /** An aggregate whose sort operator, or whose transition function, the snapshot leaves out is left out too. */
    @Test
    public void shouldRefuseAnAggregateThatUsesWhatTheSnapshotLeavesOut() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY)",
                    "CREATE FUNCTION above(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > $2'",
                    "CREATE OPERATOR >>> (LEFTARG = int, RIGHTARG = int, FUNCTION = above)",
                    "CREATE AGGREGATE top(int) (SFUNC = int4larger, STYPE = int, SORTOP = >>>)",
                    // A base type is refused, and the function over it with it.
                    "CREATE TYPE myint",
                    "CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in'",
                    "CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT"
                            + " AS 'int4out'",
                    "CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, LIKE = int4)",
                    "CREATE FUNCTION keep(myint, int) RETURNS myint LANGUAGE sql AS 'SELECT $1'",
                    "CREATE AGGREGATE kept(int) (SFUNC = keep, STYPE = myint)",
                    "CREATE AGGREGATE fine(int) (SFUNC = int4pl, STYPE = int)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            RunbookException refused = catchThrowableOfType(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("operator public.>>>(integer, integer)",
                    "aggregate public.top(integer)", "base type public.myint",
                    "routine public.keep(myint, integer)", "aggregate public.kept(integer)")
                    .doesNotContain("fine");
        }
    }

    @Test
    public void shouldRefuseARestoreIntoH2NamingTheAggregateOrLeaveItOutOfAPartialOne() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                    "INSERT INTO items VALUES (1, 'a'), (2, 'b')",
                    "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)");
            Path h2 = tmp.getRoot().toPath().resolve("db/copy");
            String target = "jdbc:h2:" + h2.toAbsolutePath();
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                    .environment("dev", EngineFixture.database("copy", target, MethodChoice.JDBC))
                    .environment("partial", new DatabaseTarget("copy", target, MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), true));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().notCarried()).isEmpty();
            fixture.login(H2_LOGIN);

            RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders")), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("aggregate public.total(integer)", "nothing was touched");
            assertThat(Files.exists(Path.of(h2 + ".mv.db"))).as("the target database was created").isFalse();

            RestoreResult result = new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("partial", "copy").from("qa", "orders"));
            assertThat(result.leftOut()).anySatisfy(note -> assertThat(note)
                    .startsWith("aggregate public.total(integer)"));
            assertThat(Queries.rows(target, "sa", "SELECT COUNT(*) FROM \"PUBLIC\".\"items\""))
                    .containsExactly("2");
        }
    }
}
