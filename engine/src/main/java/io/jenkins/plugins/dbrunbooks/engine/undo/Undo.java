package io.jenkins.plugins.dbrunbooks.engine.undo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a state change returns: the way back. Maintenance locks and scratch databases hand one out, so whoever
 * made the change can revert it, and reverting a second time does nothing.
 */
@FunctionalInterface
public interface Undo {

    void revert();

    /**
     * Reverts every undo, the last one first (a later change may rest on an earlier one). Each is tried even when
     * one fails; the first failure is thrown with the later ones added to it as suppressed, so none is hidden.
     */
    static void revertAll(List<? extends Undo> undos) {
        RuntimeException first = null;
        List<Undo> newestFirst = new ArrayList<>(undos);
        Collections.reverse(newestFirst);
        for (Undo undo : newestFirst) {
            try {
                undo.revert();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
