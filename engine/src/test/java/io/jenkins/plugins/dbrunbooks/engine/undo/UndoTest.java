package io.jenkins.plugins.dbrunbooks.engine.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class UndoTest {

    @Test
    public void shouldRevertNewestFirst() {
        List<String> order = new ArrayList<>();
        Undo.revertAll(List.of(() -> order.add("first"), () -> order.add("second"), () -> order.add("third")));
        assertThat(order).containsExactly("third", "second", "first");
    }

    @Test
    public void shouldTryEveryUndoAndThrowTheFirstFailureWithLaterOnesSuppressed() {
        List<String> order = new ArrayList<>();
        IllegalStateException oldest = new IllegalStateException("oldest failed");
        IllegalStateException newest = new IllegalStateException("newest failed");
        List<Undo> undos = List.of(
                () -> order.add("a"),
                () -> {
                    order.add("b");
                    throw oldest;
                },
                () -> order.add("c"),
                () -> {
                    order.add("d");
                    throw newest;
                });

        assertThatThrownBy(() -> Undo.revertAll(undos)).isSameAs(newest);

        assertThat(order).containsExactly("d", "c", "b", "a");
        assertThat(newest.getSuppressed()).containsExactly(oldest);
    }
}
