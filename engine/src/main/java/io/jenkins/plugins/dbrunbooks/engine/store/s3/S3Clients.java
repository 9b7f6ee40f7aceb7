package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 client of one environment: its endpoint, region, addressing and key. */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client open(ObjectStoreSettings settings, ObjectStoreCredential credential) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(30))
                        .socketTimeout(Duration.ofMinutes(5)))
                .credentialsProvider(provider(credential))
                .region(region(settings))
                .forcePathStyle(settings.pathStyle())
                // Only the checksums asked for: ours are SHA-256 (uploads ask for it), and services that do not
                // know the SDK's newer default (CRC32 trailers) still work.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider provider(ObjectStoreCredential credential) {
        if (credential.usesDefaultChain()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = credential.secretAccessKey().reveal();
        return StaticCredentialsProvider.create(credential.sessionToken() == null
                ? AwsBasicCredentials.create(credential.accessKeyId(), secret)
                : AwsSessionCredentials.create(credential.accessKeyId(), secret,
                        credential.sessionToken().reveal()));
    }

    private static Region region(ObjectStoreSettings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            // Self-hosted services ignore the region, but requests must still be signed for one.
            return Region.US_EAST_1;
        }
    }
}
