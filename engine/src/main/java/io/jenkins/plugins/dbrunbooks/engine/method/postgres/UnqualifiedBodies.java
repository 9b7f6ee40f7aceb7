package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.SqlQuotes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * pg_restore runs with an empty search_path, and a LANGUAGE sql function without {@code SET search_path} is run (or
 * inlined) in its caller's: where its body names an extension's or a user's function or type without the schema, an
 * index, CHECK constraint, generated column or materialized view calling it fails to restore ({@code type "earth"
 * does not exist} for earthdistance's {@code ll_to_earth}), although pg_dump wrote it without complaint. The native
 * method refuses such a database before anything is written, naming each object. A function body whose names are
 * all qualified, or that only names pg_catalog's, restores; so does a body stored parsed ({@code BEGIN ATOMIC}), but
 * the functions it calls are followed all the same, as are those a body names.
 */
final class UnqualifiedBodies {
    /**
     * The SQL functions that run in the caller's search_path; prosrc null for a body stored parsed (PostgreSQL 14
     * and later, where {body} reads prosqlbody).
     */
    private static final String FUNCTIONS = "SELECT p.oid, n.nspname, p.proname, {body},"
            + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '()'"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.prolang = (SELECT oid FROM pg_catalog.pg_language WHERE lanname = 'sql')"
            + " AND n.nspname <> 'pg_catalog'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p.proconfig) s WHERE s LIKE 'search\\_path=%')";
    /** The functions a body stored parsed calls, recorded by the server. */
    private static final String CALLS = "SELECT d.objid, d.refobjid FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
            + " AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.deptype = 'n'";
    /**
     * Function and type names found only outside pg_catalog: unqualified, an empty search_path finds none of them
     * (where pg_catalog has the name too, the body may well mean pg_catalog's).
     */
    private static final String NAMES = "SELECT p.proname FROM pg_catalog.pg_proc p"
            + " WHERE p.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace"
            + " EXCEPT SELECT proname FROM pg_catalog.pg_proc"
            + " WHERE pronamespace = 'pg_catalog'::pg_catalog.regnamespace"
            + " UNION (SELECT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'pg_toast')"
            + " EXCEPT SELECT typname FROM pg_catalog.pg_type"
            + " WHERE typnamespace = 'pg_catalog'::pg_catalog.regnamespace)";
    /** The objects pg_restore builds or checks by running their expressions, with the functions they call. */
    private static final String CALLERS = "SELECT d.refobjid, CASE"
            + " WHEN ic.oid IS NOT NULL THEN 'index ' || pg_catalog.quote_ident(ic.relname) || ' on '"
            + " || pg_catalog.quote_ident(itn.nspname) || '.' || pg_catalog.quote_ident(it.relname)"
            + " WHEN co.oid IS NOT NULL AND co.conrelid <> 0 THEN 'check constraint '"
            + " || pg_catalog.quote_ident(co.conname) || ' on ' || pg_catalog.quote_ident(ctn.nspname) || '.'"
            + " || pg_catalog.quote_ident(ct.relname)"
            + " WHEN co.oid IS NOT NULL THEN 'check constraint ' || pg_catalog.quote_ident(co.conname)"
            + " || ' on domain ' || co.contypid::pg_catalog.regtype::text"
            + " WHEN a.attname IS NOT NULL THEN 'generated column ' || pg_catalog.quote_ident(a.attname) || ' of '"
            + " || pg_catalog.quote_ident(atn.nspname) || '.' || pg_catalog.quote_ident(att.relname)"
            + " ELSE 'materialized view ' || pg_catalog.quote_ident(mvn.nspname) || '.'"
            + " || pg_catalog.quote_ident(mv.relname) END"
            + " FROM pg_catalog.pg_depend d"
            + " LEFT JOIN pg_catalog.pg_class ic ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
            + " AND ic.oid = d.objid AND ic.relkind IN ('i', 'I')"
            + " LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = ic.oid"
            + " LEFT JOIN pg_catalog.pg_class it ON it.oid = i.indrelid"
            + " LEFT JOIN pg_catalog.pg_namespace itn ON itn.oid = it.relnamespace"
            + " LEFT JOIN pg_catalog.pg_constraint co"
            + " ON d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND co.oid = d.objid AND co.contype = 'c'"
            + " LEFT JOIN pg_catalog.pg_class ct ON ct.oid = co.conrelid"
            + " LEFT JOIN pg_catalog.pg_namespace ctn ON ctn.oid = ct.relnamespace"
            + " LEFT JOIN pg_catalog.pg_attrdef ad ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass"
            + " AND ad.oid = d.objid"
            // A plain default is not run on restore (the rows carry every value); a generated column's is.
            + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum"
            + " AND a.attgenerated = 's'"
            + " LEFT JOIN pg_catalog.pg_class att ON att.oid = a.attrelid"
            + " LEFT JOIN pg_catalog.pg_namespace atn ON atn.oid = att.relnamespace"
            + " LEFT JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass"
            + " AND r.oid = d.objid"
            + " LEFT JOIN pg_catalog.pg_class mv ON mv.oid = r.ev_class AND mv.relkind = 'm'"
            + " LEFT JOIN pg_catalog.pg_namespace mvn ON mvn.oid = mv.relnamespace"
            + " WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.deptype = 'n'"
            + " AND (ic.oid IS NOT NULL OR co.oid IS NOT NULL OR a.attname IS NOT NULL OR mv.oid IS NOT NULL)"
            + " ORDER BY 2, 1";

    private UnqualifiedBodies() {
    }

    /** A SQL function run in its caller's search_path. */
    private record Function(long oid, String schema, String name, String body, String label) {
    }

    /** Refuses the database if pg_restore would run a function body naming objects it cannot find. */
    static void require(Connection connection) throws SQLException {
        Map<Long, Function> functions = new HashMap<>();
        Map<String, List<Function>> byName = new HashMap<>();
        Map<Long, List<Long>> calls = new HashMap<>();
        Set<String> outside = new HashSet<>();
        List<Object[]> callers = new ArrayList<>();
        String database;
        try (Statement s = connection.createStatement()) {
            boolean parsedBodies;
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int")) {
                rs.next();
                parsedBodies = rs.getInt(1) >= 140000;
            }
            try (ResultSet rs = s.executeQuery(FUNCTIONS.replace("{body}",
                    parsedBodies ? "CASE WHEN p.prosqlbody IS NULL THEN p.prosrc END" : "p.prosrc"))) {
                while (rs.next()) {
                    Function f = new Function(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5));
                    functions.put(f.oid(), f);
                    byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
                }
            }
            if (functions.isEmpty()) {
                return;
            }
            try (ResultSet rs = s.executeQuery(CALLS)) {
                while (rs.next()) {
                    calls.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery(NAMES)) {
                while (rs.next()) {
                    outside.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery(CALLERS)) {
                while (rs.next()) {
                    if (functions.containsKey(rs.getLong(1))) {
                        callers.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_database()")) {
                rs.next();
                database = rs.getString(1);
            }
        }
        List<String> found = new ArrayList<>();
        for (Object[] caller : callers) {
            Function called = functions.get((Long) caller[0]);
            String why = unsafe(called, functions, byName, calls, outside);
            if (why != null) {
                found.add(caller[1] + " calls " + called.label() + why);
            }
        }
        if (!found.isEmpty()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "A native backup of '" + database + "' could not be"
                    + " restored: " + String.join("; ", found) + ", and pg_restore runs with an empty search_path,"
                    + " where those names are not found; nothing was written", "Use method: jdbc (or auto, which"
                    + " takes it), or create each function named again with SET search_path (ALTER FUNCTION ..."
                    + " SET search_path = its schema) or with its body's names qualified.");
        }
    }

    /**
     * Why running {@code start} under an empty search_path fails (", whose body names ... without their schema",
     * through the functions it calls), or null.
     */
    private static String unsafe(Function start, Map<Long, Function> functions, Map<String, List<Function>> byName,
            Map<Long, List<Long>> calls, Set<String> outside) {
        Map<Long, Long> cameFrom = new LinkedHashMap<>();
        Deque<Function> pending = new ArrayDeque<>();
        cameFrom.put(start.oid(), null);
        pending.add(start);
        while (!pending.isEmpty()) {
            Function f = pending.poll();
            Body body = Body.read(f.body());
            Set<String> unqualified = new LinkedHashSet<>();
            body.unqualified().stream().filter(outside::contains).forEach(unqualified::add);
            if (!unqualified.isEmpty()) {
                List<String> path = new ArrayList<>();
                for (Long at = f.oid(); at != start.oid(); at = cameFrom.get(at)) {
                    path.add(0, functions.get(at).label());
                }
                StringBuilder why = new StringBuilder();
                path.forEach(p -> why.append(", which calls ").append(p));
                List<String> names = List.copyOf(unqualified);
                String listed = names.size() == 1 ? names.get(0)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
                return why.append(", whose body names ").append(listed).append(" without ")
                        .append(names.size() == 1 ? "its" : "their").append(" schema").toString();
            }
            List<Function> next = new ArrayList<>();
            calls.getOrDefault(f.oid(), List.of()).stream().map(functions::get).filter(c -> c != null)
                    .forEach(next::add);
            for (Body.Call call : body.calls()) {
                for (Function c : byName.getOrDefault(call.name(), List.of())) {
                    if (call.schema() == null || call.schema().equals(c.schema())) {
                        next.add(c);
                    }
                }
            }
            for (Function c : next) {
                if (!cameFrom.containsKey(c.oid())) {
                    cameFrom.put(c.oid(), f.oid());
                    pending.add(c);
                }
            }
        }
        return null;
    }

    /**
     * The names a function body calls ({@code name(}) or casts to ({@code ::name}), read cheaply: strings, quoted
     * text and comments hold none, and a name after a dot is qualified.
     */
    record Body(List<String> unqualified, List<Call> calls) {
        /** A function the body calls, with the schema it names, if any. */
        record Call(String schema, String name) {
        }

        static Body read(String text) {
            if (text == null) {
                return new Body(List.of(), List.of());
            }
            List<String> tokens = tokens(text);
            List<String> unqualified = new ArrayList<>();
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                String name = name(tokens.get(i));
                if (name == null) {
                    continue;
                }
                String before = i > 0 ? tokens.get(i - 1) : "";
                String after = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
                if (after.equals(".")) {
                    continue;
                }
                boolean qualified = before.equals(".");
                if (after.equals("(")) {
                    String schema = qualified && i > 1 ? name(tokens.get(i - 2)) : null;
                    calls.add(new Call(schema, name));
                }
                if (!qualified && (after.equals("(") || before.equals("::"))) {
                    unqualified.add(name);
                }
            }
            return new Body(unqualified, calls);
        }

        /** A token's name as the server reads it (an identifier token starts with a space), or null. */
        private static String name(String token) {
            return token.startsWith(" ") ? token.substring(1) : null;
        }

        private static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("--", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? n : end + 1;
                } else if (text.startsWith("/*", i)) {
                    i = comment(text, i);
                } else if (c == '\'') {
                    boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e');
                    i = SqlQuotes.skip(text, i, escapes, null);
                    tokens.add("'");
                } else if (c == '"') {
                    StringBuilder name = new StringBuilder(" ");
                    i = SqlQuotes.skip(text, i, false, name);
                    tokens.add(name.toString());
                } else if (c == '$' && dollarTag(text, i) != null) {
                    String tag = dollarTag(text, i);
                    int end = text.indexOf(tag, i + tag.length());
                    i = end < 0 ? n : end + tag.length();
                    tokens.add("'");
                } else if (c == '$') {
                    // A parameter, $1.
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    tokens.add("$");
                } else if (text.startsWith("::", i)) {
                    tokens.add("::");
                    i += 2;
                } else if (Character.isLetter(c) || c == '_' || c >= 0x80) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                            || text.charAt(i) == '$' || text.charAt(i) >= 0x80)) {
                        i++;
                    }
                    if (i < n && text.charAt(i) == '\'' && i - start == 1) {
                        // E'...', B'...', X'...', N'...': the prefix of a string.
                        continue;
                    }
                    tokens.add(" " + text.substring(start, i).toLowerCase(Locale.ROOT));
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
            return tokens;
        }

        /** Comments nest in PostgreSQL. */
        private static int comment(String text, int start) {
            int depth = 0;
            int i = start;
            while (i < text.length()) {
                if (text.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (text.startsWith("*/", i)) {
                    i += 2;
                    if (--depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            return i;
        }

        /** {@code $tag$} or {@code $$} opening a dollar-quoted string at {@code start}, or null. */
        private static String dollarTag(String text, int start) {
            int i = start + 1;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) != '$'
                    || i > start + 1 && Character.isDigit(text.charAt(start + 1))) {
                return null;
            }
            return text.substring(start, i + 1);
        }
    }
}
