package io.jenkins.plugins.dbrunbooks.engine.artifact;

/** The compression layer of a payload, as written in the manifest. */
public enum Compression {
    /** The method's stream was already compressed and is stored as is. */
    NONE("none", ""),
    ZSTD("zstd", ".zst");

    private final String id;
    private final String suffix;

    Compression(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    public String id() {
        return id;
    }

    public String suffix() {
        return suffix;
    }

    public static Compression of(String id) {
        for (Compression c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown compression '" + id + "'");
    }
}
