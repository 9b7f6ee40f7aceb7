package hudson;

public class Util {
    public Util() {
        throw new UnsupportedOperationException();
    }

    public static String fixEmptyAndTrim(String s) {
        throw new UnsupportedOperationException();
    }
}
