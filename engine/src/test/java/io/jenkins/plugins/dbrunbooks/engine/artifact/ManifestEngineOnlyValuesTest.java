package io.jenkins.plugins.dbrunbooks.engine.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/**
 * {@code engineOnlyValues} and {@code valuesNotHeldBy} were added within manifest format 1: a manifest written
 * before them reads as it did, one that holds them reads back, and a manifest without any such column is written as
 * before.
 */
public class ManifestEngineOnlyValuesTest {
    private static final String GOLDEN = "/golden/backups/qa/mariadb_jdbc_v4_plain/"
            + "20261204T172523890Z-1b37.manifest.json";

    @Test
    public void shouldReadAManifestWrittenBeforeTheFieldAsHoldingNone() throws Exception {
        Manifest old;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            old = ManifestCodec.read(in, GOLDEN);
        }
        assertThat(old.engine()).isEqualTo("mariadb");
        assertThat(old.engineOnlyValues()).isEmpty();
        assertThat(new String(ManifestCodec.write(old), StandardCharsets.UTF_8)).doesNotContain("engineOnlyValues");
    }

    @Test
    public void shouldReadBackTheColumnsAndAKindOfALaterVersion() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withColumns = json.replaceFirst("\"purpose\" : \"backup\"", "\"purpose\" : \"backup\","
                + " \"engineOnlyValues\" : [ { \"table\" : \"c\", \"column\" : \"d\", \"kind\" : \"zero-part-date\" },"
                + " { \"table\" : \"c\", \"column\" : \"e\", \"kind\" : \"year-zero\" } ]");
        assertThat(withColumns).isNotEqualTo(json);

        Manifest manifest = ManifestCodec.read(new ByteArrayInputStream(withColumns.getBytes(StandardCharsets.UTF_8)),
                "m.json");

        assertThat(manifest.engineOnlyValues()).containsExactly(
                new EngineOnlyValues("c", "d", EngineOnlyValues.ZERO_PART_DATE),
                new EngineOnlyValues("c", "e", "year-zero"));
        assertThat(manifest.engineOnlyValues()).extracting(EngineOnlyValues::describe).containsExactly(
                "column d of c holds dates with a zero month or day",
                "column e of c holds values only its engine stores (year-zero)");
        Manifest again = ManifestCodec.read(new ByteArrayInputStream(ManifestCodec.write(manifest)), "again.json");
        assertThat(again.engineOnlyValues()).isEqualTo(manifest.engineOnlyValues());
    }

    @Test
    public void shouldReadBackTheColumnsPerEngineThatLacksThem() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withColumns = json.replaceFirst("\"purpose\" : \"backup\"", "\"purpose\" : \"backup\","
                + " \"valuesNotHeldBy\" : { \"mariadb\" : [ { \"table\" : \"public.m\", \"column\" : \"f\","
                + " \"kind\" : \"float-nan-or-infinity\" } ] }");

        Manifest manifest = ManifestCodec.read(new ByteArrayInputStream(withColumns.getBytes(StandardCharsets.UTF_8)),
                "m.json");

        EngineOnlyValues f = new EngineOnlyValues("public.m", "f", EngineOnlyValues.FLOAT_NAN_OR_INFINITY);
        assertThat(manifest.engineOnlyValues()).isEmpty();
        assertThat(manifest.valuesNotHeldIn("mariadb")).containsExactly(f);
        assertThat(manifest.valuesNotHeldIn("h2")).isEmpty();
        assertThat(f.describe())
                .isEqualTo("column f of public.m holds real or double precision values NaN, Infinity or -Infinity");
        Manifest again = ManifestCodec.read(new ByteArrayInputStream(ManifestCodec.write(manifest)), "again.json");
        assertThat(again.valuesNotHeldBy()).isEqualTo(manifest.valuesNotHeldBy());
        assertThat(new String(ManifestCodec.write(again), StandardCharsets.UTF_8)).doesNotContain("engineOnlyValues");
    }

    /** What lets a reader older than the field take a manifest that holds it, as it takes any field it lacks. */
    @Test
    public void shouldIgnoreAFieldThisVersionDoesNotKnow() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String later = json.replaceFirst("\"purpose\" : \"backup\"",
                "\"purpose\" : \"backup\", \"laterField\" : [ { \"table\" : \"c\" } ]");

        Manifest manifest = ManifestCodec.read(new ByteArrayInputStream(later.getBytes(StandardCharsets.UTF_8)),
                "m.json");

        assertThat(manifest.id()).isEqualTo("20261204T172523890Z-1b37");
        assertThat(manifest.engineOnlyValues()).isEqualTo(List.of());
    }
}
