package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a PostgreSQL database has beside its contents that neither pg_dump nor a snapshot of it holds, as it is kept
 * on the database itself: the privileges on it (who may connect, create schemas, make temporary tables), its
 * connection limit, its comment, and the settings made for it ({@code ALTER DATABASE ... SET}, also for one role
 * in it). A database created anew in its place has none of them.
 */
final class DatabaseTraits {
    private static final String DATABASE = "SELECT d.oid, d.datconnlimit, d.datacl IS NOT NULL,"
            + " pg_catalog.shobj_description(d.oid, 'pg_database') FROM pg_catalog.pg_database d WHERE d.datname = ?";
    /** Each grantee's privileges on the database (null for PUBLIC), with or without the grant option. */
    private static final String PRIVILEGES = "SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE r.rolname END,"
            + " a.is_grantable, pg_catalog.string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)"
            + " FROM pg_catalog.pg_database d, LATERAL pg_catalog.aclexplode(d.datacl) a"
            + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee WHERE d.oid = ?"
            + " GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2";
    /** The settings made for the database, for every role (null) or one role, each as {@code name=value}. */
    private static final String SETTINGS = "SELECT r.rolname, c.setting FROM pg_catalog.pg_db_role_setting s"
            + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole, LATERAL pg_catalog.unnest(s.setconfig)"
            + " WITH ORDINALITY c (setting, n) WHERE s.setdatabase = ? ORDER BY r.rolname NULLS FIRST, c.n";

    private final int connectionLimit;
    private final boolean ownPrivileges;
    private final String comment;
    /** Grantee (null for PUBLIC) to its privileges without and with the grant option. */
    private final Map<String, String[]> privileges = new LinkedHashMap<>();
    /** Role (null for every role), setting name and value. */
    private final List<String[]> settings = new ArrayList<>();

    private DatabaseTraits(int connectionLimit, boolean ownPrivileges, String comment) {
        this.connectionLimit = connectionLimit;
        this.ownPrivileges = ownPrivileges;
        this.comment = comment;
    }

    /** Those of database {@code name}, or null where it does not exist. */
    static DatabaseTraits read(Connection c, String name) throws SQLException {
        DatabaseTraits traits;
        long oid;
        try (PreparedStatement ps = c.prepareStatement(DATABASE)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
                traits = new DatabaseTraits(rs.getInt(2), rs.getBoolean(3), rs.getString(4));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(PRIVILEGES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traits.privileges.computeIfAbsent(rs.getString(1), k -> new String[2])[rs.getBoolean(2) ? 1 : 0] =
                            rs.getString(3);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SETTINGS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String setting = rs.getString(2);
                    int equals = setting.indexOf('=');
                    if (equals > 0) {
                        traits.settings.add(new String[] {rs.getString(1), setting.substring(0, equals),
                            setting.substring(equals + 1)});
                    }
                }
            }
        }
        return traits;
    }

    /**
     * The privileges on database {@code quotedName} as this one has them, where they are not the defaults (PUBLIC's
     * first taken away, then each grantee's given), and its connection limit.
     */
    List<String> privilegesAndLimit(String quotedName) {
        List<String> statements = new ArrayList<>();
        if (ownPrivileges) {
            statements.add("REVOKE ALL ON DATABASE " + quotedName + " FROM PUBLIC");
            privileges.forEach((role, granted) -> {
                String grantee = role == null ? "PUBLIC" : PostgresAdmin.quote(role);
                if (granted[0] != null) {
                    statements.add("GRANT " + granted[0] + " ON DATABASE " + quotedName + " TO " + grantee);
                }
                if (granted[1] != null) {
                    statements.add("GRANT " + granted[1] + " ON DATABASE " + quotedName + " TO " + grantee
                            + " WITH GRANT OPTION");
                }
            });
        }
        if (connectionLimit != -1) {
            statements.add("ALTER DATABASE " + quotedName + " CONNECTION LIMIT " + connectionLimit);
        }
        return statements;
    }

    /**
     * Its comment, and each setting made for it, each as what it is (for messages, without the value, which may be
     * a secret such as a token's signing key), its statement, and the value to keep out of messages. A setting is
     * given as the server reads it from the catalog (a list such as {@code search_path} as one string): set for the
     * transaction, then stored {@code FROM CURRENT}, so its value is never written out again in another syntax.
     */
    List<String[]> commentAndSettings(String quotedName) {
        List<String[]> statements = new ArrayList<>();
        if (comment != null) {
            statements.add(new String[] {"its comment", "COMMENT ON DATABASE " + quotedName + " IS "
                    + PostgresAdmin.literal(comment), ""});
        }
        for (String[] setting : settings) {
            String alter = (setting[0] == null ? "ALTER DATABASE " + quotedName
                    : "ALTER ROLE " + PostgresAdmin.quote(setting[0]) + " IN DATABASE " + quotedName)
                    + " SET " + settingName(setting[1]) + " FROM CURRENT";
            String body = "BEGIN PERFORM pg_catalog.set_config(" + PostgresAdmin.literal(setting[1]) + ", "
                    + PostgresAdmin.literal(setting[2]) + ", true); EXECUTE " + PostgresAdmin.literal(alter) + "; END";
            // A tag the value does not hold, which would end the block.
            String tag = "$set$";
            for (int i = 0; body.contains(tag); i++) {
                tag = "$set" + i + "$";
            }
            statements.add(new String[] {"its setting " + setting[1] + (setting[0] == null ? ""
                    : " for role " + setting[0]), "DO " + tag + body + tag, setting[2]});
        }
        return statements;
    }

    /** A setting's name as SET takes it, each part quoted: {@code "search_path"}, {@code "app"."tenant"}. */
    private static String settingName(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.", -1)) {
            parts.add(PostgresAdmin.quote(part));
        }
        return String.join(".", parts);
    }
}
