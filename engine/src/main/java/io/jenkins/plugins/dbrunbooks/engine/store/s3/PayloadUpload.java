package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A payload streamed into one S3 multipart upload while the backup is taken: one part is buffered at a time, so
 * memory stays at one part whatever the size of the database, and nothing is written to local disk. Parts start at
 * {@code firstPartSize} and double every 1,000 parts, which keeps within S3's 10,000 parts up to terabytes while
 * small backups use small buffers. Each part carries its SHA-256 in the service's own checksum header, which
 * services that support it check on receipt; it is computed here, in a header rather than a trailer, so that
 * services that know only plainly signed requests take it too.
 */
final class PayloadUpload extends OutputStream {
    private static final int PARTS_PER_SIZE = 1000;
    private static final int MAX_PARTS = 10_000;
    private static final int MAX_PART = 1 << 30;

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final int firstPartSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private boolean closed;

    PayloadUpload(S3Client client, String bucket, String key, String uploadId, int firstPartSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.firstPartSize = firstPartSize;
        this.buffer = new byte[firstPartSize];
    }

    String uploadId() {
        return uploadId;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("The upload of '" + key + "' is closed");
        }
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                uploadPart();
            }
        }
    }

    /** Sends the last part; the upload stays invisible until {@link #complete}. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0 || parts.isEmpty()) {
            uploadPart();
        }
        buffer = null;
    }

    /** Joins the parts into the object, refusing to replace one of the same name where the service can. */
    void complete() {
        client.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                .uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
    }

    void abort() {
        closed = true;
        buffer = null;
        client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key)
                .uploadId(uploadId).build());
    }

    private void uploadPart() throws IOException {
        int partNumber = parts.size() + 1;
        if (partNumber > MAX_PARTS) {
            throw new IOException("The backup is larger than one object store upload can hold");
        }
        byte[] data = buffer;
        int length = filled;
        String checksum = Sha256.base64(data, length);
        try {
            UploadPartResponse response = client.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).partNumber(partNumber).contentLength((long) length)
                    .checksumSHA256(checksum).build(),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                            "application/octet-stream"));
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumSHA256(checksum).build());
        } catch (SdkException e) {
            throw new IOException("Uploading part " + partNumber + " of '" + key + "' failed: " + e.getMessage(), e);
        }
        filled = 0;
        int next = partSize(parts.size() + 1);
        if (next != buffer.length) {
            buffer = new byte[next];
        }
    }

    private int partSize(int partNumber) {
        long size = (long) firstPartSize << Math.min((partNumber - 1) / PARTS_PER_SIZE, 20);
        return (int) Math.min(size, MAX_PART);
    }
}
