package org.metalflow.cm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The last successful configuration-management run reported for each machine (Puppet reports). */
@Repository
class CmRuns {

    private final JdbcClient jdbc;

    CmRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID machineId, String certname, String status, Instant runAt, Instant receivedAt) {
        int updated = jdbc.sql("""
                        update cm_run set certname = :c, status = :s, run_at = :r, received_at = :now
                        where machine_id = :id""")
                .param("id", machineId).param("c", certname).param("s", status).param("r", Timestamp.from(runAt))
                .param("now", Timestamp.from(receivedAt)).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into cm_run (machine_id, certname, status, run_at, received_at)
                            values (:id, :c, :s, :r, :now)""")
                    .param("id", machineId).param("c", certname).param("s", status).param("r", Timestamp.from(runAt))
                    .param("now", Timestamp.from(receivedAt)).update();
        }
    }

    Optional<Instant> lastRun(UUID machineId) {
        return jdbc.sql("select run_at from cm_run where machine_id = :id").param("id", machineId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
