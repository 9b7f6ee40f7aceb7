package hudson.triggers;

import hudson.model.Cause;

public class TimerTrigger {
    private TimerTrigger() {
        throw new UnsupportedOperationException();
    }

    public static class TimerTriggerCause extends Cause {
        @Override
        public String getShortDescription() {
        throw new UnsupportedOperationException();
        }
    }
}
