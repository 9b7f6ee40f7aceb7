package hudson;

public class Functions {
    public Functions() {
        throw new UnsupportedOperationException();
    }

    public static boolean isWindows() {
        throw new UnsupportedOperationException();
    }
}
