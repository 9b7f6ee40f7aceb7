package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens JDBC connections with a login and an application name, so a DBA sees who is connected, and turns
 * connection failures into errors that say whether the login or the server is at fault.
 */
public final class Jdbc {
    public static final String APPLICATION_NAME = "dbrunbooks";
    private static final Pattern HOST_PORT = Pattern.compile("//(?:[^@/?;]*@)?([^/?;]+)");
    /** SQLSTATE of a statement the server ended, by its statement timeout or a cancel. */
    private static final String QUERY_CANCELED = "57014";

    private Jdbc() {
    }

    /** Connects to a URL of the engine whose scheme is given, with that engine's driver properties. */
    public static Connection connect(JdbcScheme scheme, String url, DbCredential credential) {
        return connect(scheme, url, credential, Timeouts.DEFAULT);
    }

    /** Connects as {@link #connect(JdbcScheme, String, DbCredential)} does, waiting no longer than {@code timeouts}. */
    public static Connection connect(JdbcScheme scheme, String url, DbCredential credential, Timeouts timeouts) {
        Properties props = new Properties();
        props.putAll(scheme.driverProperties(timeouts));
        credential.userName().ifPresent(u -> props.setProperty("user", u));
        credential.password().ifPresent(p -> props.setProperty("password", p.reveal()));
        Driver driver = driverFor(url, List.of(scheme.driverClass()));
        try {
            Connection connection = driver.connect(url, props);
            if (connection == null) {
                throw new SQLException("The driver refused the URL", "08001");
            }
            try (java.sql.Statement s = connection.createStatement()) {
                for (String statement : scheme.sessionSetup()) {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            if (timedOut(e)) {
                throw noAnswer(url, timeouts.connectSeconds(), scheme.connectTimeoutName(), e);
            }
            throw failure(url, credential, e);
        }
    }

    /** The error of a server that was reached, or not, but never answered within the connect timeout. */
    public static RunbookException noAnswer(String url, int seconds, String setting, Throwable cause) {
        return new RunbookException(ErrorKind.CONNECTION, "No answer from '" + hostAndPort(url) + "' within "
                + seconds + " s (" + setting + ")", "Check that the server is up and that nothing between here and "
                + "it swallows the connection; raise connectTimeout of the database if it is just slow.", cause);
    }

    /** The {@code host:port} part of a network URL, or the URL (redacted) where it has none. */
    public static String hostAndPort(String url) {
        Matcher m = HOST_PORT.matcher(url);
        return m.find() ? m.group(1) : redact(url);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                // The server ended a statement (its statement timeout): it did answer.
                return false;
            }
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketTimeoutException || text.contains("timed out") || text.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver for a URL, found without {@link java.sql.DriverManager}: it only sees drivers its own class loader
     * knows, which in a plugin, or on an agent that loads classes from a controller, are not the ones bundled.
     */
    static Driver driverFor(String url, List<String> driverClasses) {
        for (ClassLoader loader : loaders()) {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                try {
                    if (driver.acceptsURL(url)) {
                        return driver;
                    }
                } catch (SQLException e) {
                    // A driver that cannot judge the URL is not the one.
                }
            }
            for (String name : driverClasses) {
                try {
                    Driver driver = (Driver) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
                    if (driver.acceptsURL(url)) {
                        return driver;
                    }
                } catch (ReflectiveOperationException | LinkageError | SQLException | ClassCastException e) {
                    // Not bundled here.
                }
            }
        }
        throw new RunbookException(ErrorKind.CONFIGURATION, "No JDBC driver on this machine accepts '" + redact(url)
                + "'", "Put the database's JDBC driver on the class path, or check the URL.");
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Jdbc.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Jdbc.class.getClassLoader()) {
            loaders.add(context);
        }
        return loaders;
    }

    static RunbookException failure(String url, DbCredential credential, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        String where = "'" + redact(url) + "'";
        if (state.startsWith("28") || text.contains("password") || text.contains("access denied")
                || text.contains("authentication")) {
            return new RunbookException(ErrorKind.CREDENTIALS, "Login as '"
                    + credential.userName().orElse("(integrated)") + "' to " + where + " was refused", null, e);
        }
        if (state.startsWith("08") || text.contains("connection") || text.contains("connect")) {
            return new RunbookException(ErrorKind.CONNECTION, "Cannot connect to " + where + ": "
                    + firstLine(e.getMessage()), null, e);
        }
        if (state.equals("3D000") || text.contains("does not exist") || text.contains("unknown database")) {
            return new RunbookException(ErrorKind.NOT_FOUND, "The database of " + where + " does not exist",
                    "Create it, or restore into it with a new-database restore.", e);
        }
        return new RunbookException(ErrorKind.CONNECTION, "Cannot open " + where + ": " + firstLine(e.getMessage()),
                null, e);
    }

    /** JDBC URLs may carry a password parameter; it never reaches a message. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=****");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
