package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class SecretMaskerTest {
    @Test
    public void shouldMaskSecretElementsButKeepCredentialIds() {
        String xml = """
                <project>
                  <password>hunter2</password>
                  <apiToken>abc123</apiToken>
                  <secretKey class="x">s3cr3t</secretKey>
                  <backupCredentialsId>prod-backup</backupCredentialsId>
                  <tokenCredentialId>gh-token</tokenCredentialId>
                  <environment>prod</environment>
                </project>
                """;

        String masked = SecretMasker.maskText(xml);

        assertThat(masked).doesNotContain("hunter2", "abc123", "s3cr3t")
                .contains("<password>****</password>", "<apiToken>****</apiToken>",
                        "<secretKey class=\"x\">****</secretKey>",
                        "<backupCredentialsId>prod-backup</backupCredentialsId>",
                        "<tokenCredentialId>gh-token</tokenCredentialId>", "<environment>prod</environment>");
    }

    @Test
    public void shouldMaskEncryptedSecretsUrlPasswordsKeysAndTokens() {
        String text = """
                <secret>{AQAAABAAAAAQmGQ3oGzOlxDAQZuvxQiXbJ0fO5DlQdJYCr0+OmhPXwc=}</secret>
                <value>{AQAAABAAAAAQmGQ3oGzOlxDAQZuvxQiXbJ0fO5DlQdJYCr0+OmhPXwc=}</value>
                url = 'postgresql://app:pa55word@db.example.com:5432/orders'
                jdbc:mariadb://db:3306/shop?user=app&password=pa55&ssl=true
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmU=
                -----END OPENSSH PRIVATE KEY-----
                sh 'curl -H "Authorization: token ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ" https://api'
                AWS AKIAABCDEFGHIJKLMNOP here
                AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGP
                """;

        String masked = SecretMasker.maskText(text);

        assertThat(masked).doesNotContain("AQAAABAAAA", "pa55word", "pa55&", "b3BlbnNzaC1rZXkt",
                "ghp_abcdef", "AKIAABCDEFGHIJKLMNOP", "AGE-SECRET-KEY-1QYQ");
        assertThat(masked).contains("postgresql://app:****@db.example.com:5432/orders", "password=****&ssl=true",
                "<value>{****}</value>");
    }

    @Test
    public void shouldMaskAssignmentsInScriptsAlsoWhenXmlEscaped() {
        String script = """
                def dbPassword = 'hunter2'
                withEnv(["API_KEY=k-123"]) { }
                restoreDatabase(environment: &apos;qa&apos;, password: &apos;s3cr3t&apos;)
                backupDatabase(environment: "prod", credentialsId: "prod-backup")
                def pass = "${env.PASSWORD}"
                """;

        String masked = SecretMasker.maskText(script);

        assertThat(masked).doesNotContain("hunter2", "k-123", "s3cr3t")
                .contains("dbPassword = '****'", "API_KEY=****", "password: &apos;****&apos;",
                        "environment: \"prod\"", "credentialsId: \"prod-backup\"",
                        "environment: &apos;qa&apos;", "\"${env.PASSWORD}\"");
    }

    @Test
    public void shouldMaskFieldsByNameAndByContent() {
        assertThat(SecretMasker.maskField("environments[prod].ageIdentityCredentialsId", "age-id"))
                .isEqualTo("age-id");
        assertThat(SecretMasker.maskField("environments[prod].databases[x].password", "p")).isEqualTo("****");
        assertThat(SecretMasker.maskField("environments[prod].databases[x].url",
                "jdbc:postgresql://db/orders?password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/orders?password=****&ssl=true");
        assertThat(SecretMasker.maskField("environments[prod].keepLast", "7")).isEqualTo("7");
        assertThat(SecretMasker.maskField("x.password", null)).isNull();
    }

    @Test
    public void shouldLeaveOrdinaryTextAlone() {
        String text = "<description>Restores the token shop nightly</description>\nstage('Restore') { }\n";

        assertThat(SecretMasker.maskText(text)).isEqualTo(text);
    }
}
