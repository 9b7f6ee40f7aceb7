package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Encodes and decodes one non-null value by its column's kind. The Java types are: Boolean; Short, Integer, Long;
 * BigDecimal (or a Double NaN or infinity, which only version 2 carries); Float, Double; String (also for JSON, ENUM, INTERVAL and OTHER); byte[]; LocalDate, LocalTime,
 * LocalDateTime, OffsetDateTime; UUID; List for ARRAY. From MariaDB also: a Byte for a BOOLEAN (TINYINT(1)) other
 * than 0 and 1, a Duration for a TIME outside one day, a {@link ZeroPartDate} for a DATE or TIMESTAMP with a zero
 * month or day. TEXT is written from a String, a Reader or its UTF-8 bytes
 * (a byte[]) and BLOB from a byte[] or an InputStream; read back they are a String or byte[] up to {@code spillAbove} bytes, else a
 * {@link SpooledValue}.
 */
final class ValueCodec {
    private final Path spoolDirectory;
    private final int spillAbove;

    ValueCodec(Path spoolDirectory, int spillAbove) {
        this.spoolDirectory = spoolDirectory;
        this.spillAbove = spillAbove;
    }

    /** Writes one non-null value of a column. */
    @FunctionalInterface
    interface ValueWriter {
        void write(DataOutput out, Object value) throws IOException;
    }

    /**
     * The writer of a kind's values, chosen once per column: each is a method of its own, so the compiled code of
     * one kind is not thrown away when another kind's first value comes, as one method for every kind was, again
     * and again on a backup that reads its rows with {@code SELECT}.
     */
    static ValueWriter writer(PortableType type) {
        return switch (type.kind()) {
            // MariaDB's BOOLEAN is TINYINT(1), which holds -128 to 127: other values go as their byte.
            case BOOLEAN -> (out, value) -> out.writeByte(value instanceof Boolean b ? b ? 1 : 0
                    : ((Number) value).byteValue());
            case SMALLINT -> (out, value) -> out.writeShort(((Number) value).shortValue());
            case INTEGER -> (out, value) -> out.writeInt(((Number) value).intValue());
            case BIGINT -> (out, value) -> out.writeLong(((Number) value).longValue());
            case DECIMAL -> ValueCodec::writeDecimal;
            case REAL -> (out, value) -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE -> (out, value) -> out.writeDouble(((Number) value).doubleValue());
            // Text read as its UTF-8 bytes (MariaDB's) goes as it is.
            case CHAR, VARCHAR, JSON, ENUM, INTERVAL, OTHER -> (out, value) -> writeBytes(out,
                    value instanceof byte[] utf8 ? utf8 : value.toString().getBytes(StandardCharsets.UTF_8));
            case BINARY, VARBINARY -> (out, value) -> writeBytes(out, (byte[]) value);
            case TEXT -> ValueCodec::writeText;
            case BLOB -> ValueCodec::writeBlob;
            case DATE -> (out, value) -> out.writeLong(value instanceof DateText date ? date.epoch()
                    : value instanceof ZeroPartDate zero ? zero.dateCode() : ((LocalDate) value).toEpochDay());
            case TIME -> (out, value) -> out.writeLong(value instanceof Duration duration ? duration.toNanos()
                    : ((LocalTime) value).toNanoOfDay());
            case TIMESTAMP -> ValueCodec::writeTimestamp;
            case TIMESTAMP_TZ -> (out, value) -> {
                OffsetDateTime time = (OffsetDateTime) value;
                out.writeLong(time.toEpochSecond());
                out.writeInt(time.getNano());
                out.writeInt(time.getOffset().getTotalSeconds());
            };
            case UUID -> (out, value) -> {
                UUID uuid = (UUID) value;
                out.writeLong(uuid.getMostSignificantBits());
                out.writeLong(uuid.getLeastSignificantBits());
            };
            case ARRAY -> {
                ValueWriter element = writer(type.element());
                yield (out, value) -> writeArray(out, element, value);
            }
            default -> (out, value) -> {
                throw new IllegalArgumentException("No encoding for kind " + type.kind());
            };
        };
    }

    private static void writeDecimal(DataOutput out, Object value) throws IOException {
        if (value instanceof Double special) {
            // PostgreSQL's NaN and infinities; only version 2 streams carry them.
            out.writeInt(0);
            out.writeInt(special.isNaN() ? SnapshotFormat.DECIMAL_NAN : special > 0
                    ? SnapshotFormat.DECIMAL_POSITIVE_INFINITY : SnapshotFormat.DECIMAL_NEGATIVE_INFINITY);
            return;
        }
        if (value instanceof DecimalText text) {
            text.write(out);
            return;
        }
        BigDecimal decimal = (BigDecimal) value;
        writeBytes(out, decimal.unscaledValue().toByteArray());
        out.writeInt(decimal.scale());
    }

    private static void writeTimestamp(DataOutput out, Object value) throws IOException {
        if (value instanceof DateText time) {
            out.writeLong(time.epoch());
            out.writeInt(time.nano());
            return;
        }
        if (value instanceof ZeroPartDate zero) {
            out.writeLong(zero.timestampCode());
            out.writeInt(zero.time().getNano());
            return;
        }
        LocalDateTime time = (LocalDateTime) value;
        out.writeLong(time.toEpochSecond(ZoneOffset.UTC));
        out.writeInt(time.getNano());
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeText(DataOutput out, Object value) throws IOException {
        if (value instanceof byte[] utf8) {
            writeChunks(out, utf8);
            return;
        }
        if (value instanceof String text) {
            writeChunks(out, text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ChunkedOutputStream chunks = new ChunkedOutputStream(out);
        // The writer's encoder keeps a surrogate pair together even when a Reader splits it across reads.
        try (Writer writer = new OutputStreamWriter(chunks, StandardCharsets.UTF_8)) {
            if (value instanceof Reader reader) {
                reader.transferTo(writer);
            } else {
                writer.write(value.toString());
            }
        }
    }

    private static void writeBlob(DataOutput out, Object value) throws IOException {
        if (value instanceof byte[] bytes) {
            writeChunks(out, bytes);
            return;
        }
        try (OutputStream chunks = new ChunkedOutputStream(out)) {
            ((InputStream) value).transferTo(chunks);
        }
    }

    /**
     * A value held whole, in the chunks {@link ChunkedOutputStream} would cut it into: no buffer and no encoder per
     * value, which for many short TEXT and BLOB values cost more than writing them.
     */
    private static void writeChunks(DataOutput out, byte[] value) throws IOException {
        for (int offset = 0; offset < value.length; offset += SnapshotFormat.CHUNK) {
            int length = Math.min(SnapshotFormat.CHUNK, value.length - offset);
            out.writeInt(length);
            out.write(value, offset, length);
        }
        out.writeInt(0);
    }

    private static void writeArray(DataOutput out, ValueWriter element, Object value) throws IOException {
        List<?> elements = value instanceof Object[] array ? Arrays.asList(array) : (List<?>) value;
        out.writeInt(elements.size());
        for (Object item : elements) {
            out.writeBoolean(item == null);
            if (item != null) {
                element.write(out, item);
            }
        }
    }

    Object read(DataInputStream in, PortableType type) throws IOException {
        return switch (type.kind()) {
            case BOOLEAN -> {
                byte b = in.readByte();
                yield b == 0 ? Boolean.FALSE : b == 1 ? Boolean.TRUE : (Object) b;
            }
            case SMALLINT -> in.readShort();
            case INTEGER -> in.readInt();
            case BIGINT -> in.readLong();
            case DECIMAL -> {
                int length = in.readInt();
                if (length == 0) {
                    yield special(in.readInt());
                }
                if (length > 0 && length <= 8) {
                    // Up to 18 digits, as most columns: a long, without a BigInteger on the way.
                    long unscaled = in.readByte();
                    for (int i = 1; i < length; i++) {
                        unscaled = unscaled << 8 | in.readUnsignedByte();
                    }
                    yield BigDecimal.valueOf(unscaled, in.readInt());
                }
                yield new BigDecimal(new BigInteger(readBytes(in, length)), in.readInt());
            }
            case REAL -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case CHAR, VARCHAR, JSON, ENUM, INTERVAL, OTHER -> new String(readBytes(in), StandardCharsets.UTF_8);
            case BINARY, VARBINARY -> readBytes(in);
            case TEXT -> readLarge(in, true);
            case BLOB -> readLarge(in, false);
            case DATE -> {
                long days = in.readLong();
                yield ZeroPartDate.isDateCode(days) ? ZeroPartDate.ofDateCode(days) : LocalDate.ofEpochDay(days);
            }
            case TIME -> MariaDbTime.of(in.readLong());
            case TIMESTAMP -> {
                long seconds = in.readLong();
                int nanos = in.readInt();
                yield ZeroPartDate.isTimestampCode(seconds) ? ZeroPartDate.ofTimestampCode(seconds, nanos)
                        : LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
            }
            case TIMESTAMP_TZ -> {
                Instant instant = Instant.ofEpochSecond(in.readLong(), in.readInt());
                yield instant.atOffset(ZoneOffset.ofTotalSeconds(in.readInt()));
            }
            case UUID -> new UUID(in.readLong(), in.readLong());
            case ARRAY -> readArray(in, type);
            default -> throw new IOException("no encoding for kind " + type.kind());
        };
    }

    /** NaN and the infinities of a DECIMAL, as the Double of the same name. */
    static Double special(int code) throws IOException {
        return switch (code) {
            case SnapshotFormat.DECIMAL_NAN -> Double.NaN;
            case SnapshotFormat.DECIMAL_POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case SnapshotFormat.DECIMAL_NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            default -> throw new IOException("unknown special DECIMAL value " + code);
        };
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return readBytes(in, in.readInt());
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length < 0 || length > SnapshotFormat.MAX_INLINE) {
            throw new IOException("value length " + length + " is out of range");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private Object readLarge(DataInputStream in, boolean text) throws IOException {
        try (ChunkedInputStream chunks = new ChunkedInputStream(in)) {
            return large(chunks, text);
        }
    }

    /**
     * Reads a value to its end, holding up to {@code spillAbove} bytes in memory and moving the value to a private
     * file beyond that.
     */
    Object large(InputStream value, boolean text) throws IOException {
        byte[] head = value.readNBytes(spillAbove + 1);
        if (head.length <= spillAbove) {
            return text ? new String(head, StandardCharsets.UTF_8) : head;
        }
        Path file = Files.createTempFile(spoolDirectory, "value-", text ? ".txt" : ".bin");
        try (OutputStream spool = Files.newOutputStream(file)) {
            spool.write(head);
            long length = head.length + value.transferTo(spool);
            return new SpooledValue(file, text, length);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private List<Object> readArray(DataInputStream in, PortableType type) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("array length " + count + " is out of range");
        }
        List<Object> elements = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            elements.add(in.readBoolean() ? null : read(in, type.element()));
        }
        return elements;
    }
}
