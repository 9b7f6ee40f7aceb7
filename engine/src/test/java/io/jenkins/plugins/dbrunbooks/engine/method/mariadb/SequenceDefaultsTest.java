package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.Test;

public class SequenceDefaultsTest {
    private static final String HEAD = "-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB\n--\n"
            + "-- Host: 127.0.0.1    Database: shop`s\n-- ------------------------------------------------------\n";

    @Test
    public void takesTheDatabaseOutOfSequenceDefaultsAndTheLockOffTheirTablesOnly() throws IOException {
        String rows = "INSERT INTO `t``1` VALUES\n(1,'LOCK TABLES `t``1` WRITE;'),\n(2,'" + "x".repeat(400_000) + "');\n";
        String script = HEAD + "CREATE TABLE `t``1` (\n"
                + "  `id` int(11) NOT NULL DEFAULT nextval(`shop``s`.`s`),\n"
                + "  `other` int(11) DEFAULT nextval(`elsewhere`.`s`),\n"
                + "  `prev` int(11) DEFAULT lastval(`shop``s`.`s`),\n"
                + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n"
                + "CREATE TABLE `plain` (\n  `id` int(11) NOT NULL\n) ENGINE=InnoDB;\n"
                + "--\n-- Dumping data for table `t``1`\n--\n\nLOCK TABLES `t``1` WRITE;\n" + rows + "UNLOCK TABLES;\n"
                + "LOCK TABLES `plain` WRITE;\nINSERT INTO `plain` VALUES (1);\nUNLOCK TABLES;\n-- Dump completed";
        String expected = HEAD + "CREATE TABLE `t``1` (\n"
                + "  `id` int(11) NOT NULL DEFAULT nextval(`s`),\n"
                + "  `other` int(11) DEFAULT nextval(`elsewhere`.`s`),\n"
                + "  `prev` int(11) DEFAULT lastval(`s`),\n"
                + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n"
                + "CREATE TABLE `plain` (\n  `id` int(11) NOT NULL\n) ENGINE=InnoDB;\n"
                + "--\n-- Dumping data for table `t``1`\n--\n\n" + rows + "UNLOCK TABLES;\n"
                + "LOCK TABLES `plain` WRITE;\nINSERT INTO `plain` VALUES (1);\nUNLOCK TABLES;\n-- Dump completed";
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            assertThat(readAll(new SequenceDefaults(trickle(script, random)), random)).isEqualTo(expected);
        }
    }

    @Test
    public void givesAForeignKeyWithoutAnIndexOneBeforeItsTablesClosingLineButLeavesRoutineBodiesAlone()
            throws IOException {
        String table = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `a` varchar(9) DEFAULT NULL,\n"
                + "  `b` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k` (`b`,`a`),\n"
                + "  UNIQUE KEY `u` (`a`(3)),\n  FULLTEXT KEY `f``k` (`a`),\n"
                + "  CONSTRAINT `f``k` FOREIGN KEY (`a`) REFERENCES `p` (`x`),\n"
                + "  CONSTRAINT `by_b` FOREIGN KEY (`b`, `a`) REFERENCES `p` (`y`, `x`),\n"
                + "  CONSTRAINT `by_id` FOREIGN KEY (`id`) REFERENCES `p` (`z`),\n"
                + "  CONSTRAINT `positive` CHECK (`b` > 0)\n";
        String body = "DELIMITER ;;\nCREATE PROCEDURE `make`()\nBEGIN\n" + table + ");\nEND ;;\nDELIMITER ;\n";
        String script = HEAD + table + ") ENGINE=InnoDB;\n" + body + table + ") ENGINE=InnoDB;\n";
        String fixed = HEAD + table + "  ,KEY `f``k_2` (`a`)\n) ENGINE=InnoDB;\n" + body + table
                + "  ,KEY `f``k_2` (`a`)\n) ENGINE=InnoDB;\n";
        SequenceDefaults filter = new SequenceDefaults(trickle(script, new Random(11)));
        assertThat(readAll(filter, new Random(13))).isEqualTo(fixed);
        assertThat(filter.addedIndexes()).containsExactly("'t'.'f`k_2' on (a)", "'t'.'f`k_2' on (a)");
    }

    @Test
    public void leavesAScriptWithoutSequenceDefaultsByteForByte() throws IOException {
        byte[] bytes = new byte[600_000];
        new Random(3).nextBytes(bytes);
        String script = HEAD + "CREATE TABLE `t` (\n  `b` blob\n);\nLOCK TABLES `t` WRITE;\n";
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(script.getBytes(StandardCharsets.UTF_8));
        whole.write(bytes);
        Random random = new Random(5);
        InputStream in = new SequenceDefaults(new ByteArrayInputStream(whole.toByteArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[70_000];
        int n;
        while ((n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
            out.write(buffer, 0, n);
        }
        assertThat(out.toByteArray()).isEqualTo(whole.toByteArray());
    }

    /** The script in reads of random sizes, as a pipe gives it. */
    private static InputStream trickle(String script, Random random) {
        return new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(50_000)));
            }
        };
    }

    private static String readAll(InputStream in, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 17];
        int n;
        while ((n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
