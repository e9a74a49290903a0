package org.metalflow.connectors.dhcp.kea;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.metalflow.connectors.dhcp.DhcpException;

/** Turns a JDBC failure into a {@link DhcpException}, transient when the database may well answer later. */
final class SqlFailures {

    private SqlFailures() {
    }

    static DhcpException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return new DhcpException(what + " failed (SQLSTATE " + (state.isEmpty() ? "none" : state) + "): "
                + e.getMessage(), isTransient(e, state), e);
    }

    private static boolean isTransient(SQLException e, String state) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        // 08 connection, 40 serialization/deadlock, 53 out of resources, 57P admin shutdown / cannot connect now
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")
                || state.isEmpty() && e.getCause() instanceof java.io.IOException;
    }
}
