package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** iDRAC's job queue, as far as BIOS configuration jobs go, and the DellJobService that clears it. */
final class DellJobResources {

    private final ResourceKit kit;
    private final SimulatedBmc bmc;
    private final BmcUris uris;

    DellJobResources(ResourceKit kit, SimulatedBmc bmc, BmcUris uris) {
        this.kit = kit;
        this.bmc = bmc;
        this.uris = uris;
    }

    void register(ResourceKit.Registrar registrar) {
        List<BiosState.DellJob> jobs = bmc.dellJobs();
        registrar.add(uris.dellJobService(), () -> service(jobs.size()));
        registrar.add(uris.dellJobs(), () -> kit.collection(uris.dellJobs(), "DellJobCollection", "JobQueue",
                jobs.stream().map(job -> uris.dellJobs() + "/" + job.id()).toList()));
        for (BiosState.DellJob job : jobs) {
            registrar.add(uris.dellJobs() + "/" + job.id(), () -> job(job));
        }
    }

    private ObjectNode service(int jobCount) {
        ObjectNode service = kit.resource(uris.dellJobService(), "#DellJobService.v1_2_0.DellJobService");
        service.put("Id", "Job Service");
        service.put("Name", "DellJobService");
        service.put("CurrentNumberOfJobs", jobCount);
        service.put("MaximumNumberOfJobs", 256);
        service.putObject("Actions").putObject("#DellJobService.DeleteJobQueue").put("target", uris.deleteJobQueue());
        return service;
    }

    private ObjectNode job(BiosState.DellJob job) {
        ObjectNode node = kit.resource(uris.dellJobs() + "/" + job.id(), "#DellJob.v1_2_0.DellJob");
        node.put("Id", job.id());
        node.put("Name", job.name());
        node.put("JobType", "BIOSConfiguration");
        node.put("JobState", job.state());
        node.put("PercentComplete", job.scheduled() ? 0 : 100);
        node.put("StartTime", Instant.ofEpochMilli(job.createdMillis()).toString());
        node.put("Message", job.scheduled() ? "Task successfully scheduled." : "Job completed successfully.");
        node.put("MessageId", job.scheduled() ? "JCP001" : "PR19");
        if (!job.scheduled()) {
            node.put("CompletionTime", Instant.ofEpochMilli(job.completedMillis()).toString());
        }
        return node;
    }
}
