package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The TaskService of one BMC and its tasks; task monitors are answered by {@link TaskEndpoint}. */
final class TaskResources {

    private final ResourceKit kit;
    private final SimulatedBmc bmc;
    private final BmcUris uris;

    TaskResources(ResourceKit kit, SimulatedBmc bmc, BmcUris uris) {
        this.kit = kit;
        this.bmc = bmc;
        this.uris = uris;
    }

    void register(ResourceKit.Registrar registrar) {
        registrar.add(uris.taskService(), this::service);
        List<LabTask> tasks = bmc.tasks();
        registrar.add(uris.tasks(), () -> kit.collection(uris.tasks(), "TaskCollection", "Task Collection",
                tasks.stream().map(t -> uris.task(t.id())).toList()));
        for (LabTask task : tasks) {
            registrar.add(uris.task(task.id()), () -> task(task, bmc.nowMillis()));
        }
    }

    private ObjectNode service() {
        ObjectNode service = kit.resource(uris.taskService(), "#TaskService.v1_1_4.TaskService");
        service.put("Id", "TaskService");
        service.put("Name", "Task Service");
        service.put("ServiceEnabled", true);
        service.put("CompletedTaskOverWritePolicy", "Oldest");
        service.put("DateTime", Instant.ofEpochMilli(bmc.nowMillis()).toString());
        ResourceKit.status(service);
        ResourceKit.link(service, "Tasks", uris.tasks());
        return kit.finish(service);
    }

    ObjectNode task(LabTask task, long nowMillis) {
        ObjectNode node = kit.resource(uris.task(task.id()), "#Task.v1_4_3.Task");
        node.put("Id", task.id());
        node.put("Name", task.name());
        node.put("TaskState", task.state(nowMillis));
        node.put("TaskStatus", task.status(nowMillis));
        node.put("PercentComplete", task.percentComplete(nowMillis));
        node.put("StartTime", Instant.ofEpochMilli(task.startMillis()).toString());
        if (task.done(nowMillis)) {
            node.put("EndTime", Instant.ofEpochMilli(task.endMillis()).toString());
        }
        node.put("TaskMonitor", uris.taskMonitor(task.id()));
        ObjectNode message = node.putArray("Messages").addObject();
        if (!task.done(nowMillis)) {
            message.put("MessageId", "TaskEvent.1.0.TaskStarted");
            message.put("Message", "The task with Id '" + task.id() + "' has started.");
            message.put("Severity", "OK");
        } else if (task.succeeds()) {
            message.put("MessageId", "TaskEvent.1.0.TaskCompletedOK");
            message.put("Message", "The task with Id '" + task.id() + "' has completed.");
            message.put("Severity", "OK");
        } else {
            message.put("MessageId", "TaskEvent.1.0.TaskAborted");
            message.put("Message", task.failure());
            message.put("Severity", "Critical");
        }
        message.putArray("MessageArgs").add(task.id());
        return kit.finish(node);
    }
}
