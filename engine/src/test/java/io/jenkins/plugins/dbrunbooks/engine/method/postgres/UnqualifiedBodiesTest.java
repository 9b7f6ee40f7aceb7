package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.postgres.UnqualifiedBodies.Body;
import org.junit.Test;

public class UnqualifiedBodiesTest {
    @Test
    public void shouldReadTheNamesABodyCallsOrCastsToWithoutTheirSchema() {
        Body body = Body.read("SELECT cube(cube(earth()*cos(radians($1))))::earth");

        assertThat(body.unqualified()).containsExactly("cube", "cube", "earth", "cos", "radians", "earth");
    }

    @Test
    public void shouldLeaveOutQualifiedNamesAndWhatStringsAndCommentsHold() {
        Body body = Body.read("SELECT public.cube($1)::public.earth, 'earth()', E'\\'cube(', $q$ cube( $q$,"
                + " \"Mixed\"(1), x::\"Earth\", \"s\".f(2) -- earth(\n /* a /* nested */ cube( */ FROM t");

        assertThat(body.unqualified()).containsExactly("Mixed", "Earth");
        assertThat(body.calls()).containsExactly(new Body.Call("public", "cube"), new Body.Call(null, "Mixed"),
                new Body.Call("s", "f"));
    }
}
