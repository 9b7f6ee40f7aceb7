package hudson.model;

public abstract class Cause {
    public Cause() {
        throw new UnsupportedOperationException();
    }

    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {

        public UserIdCause(String userId) {
            throw new UnsupportedOperationException();
        }

        public String getUserId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException();
        }
    }

    public static class UpstreamCause extends Cause {
        public UpstreamCause(Run<?, ?> up) {
            throw new UnsupportedOperationException();
        }

        public Run<?, ?> getUpstreamRun() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException();
        }
    }
}
