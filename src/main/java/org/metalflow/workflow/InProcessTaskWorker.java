package org.metalflow.workflow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.metalflow.audit.AuditContext;
import org.metalflow.inventory.MachineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the external tasks of every topic that has a {@link TaskHandler}, inside the platform, through the
 * engine's Java API. One poller thread fetches as many tasks as there are free handler threads; waiting
 * machines cost nothing here (they wait in the engine as timers, messages or unfetched tasks). Failures are
 * reported with the retries and backoff the BPMN task declares; the last one becomes an incident.
 */
@Component
class InProcessTaskWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InProcessTaskWorker.class);
    private static final Duration MIN_IDLE = Duration.ofMillis(50);
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);
    private static final int MESSAGE_LIMIT = 2000;

    private final ExternalTaskService externalTasks;
    private final Map<String, TaskHandler> handlers;
    private final WorkflowProperties properties;
    private final MachineService machines;
    private final RuntimeService runtime;
    private final Semaphore freeThreads;
    private volatile ExecutorService executor;
    private volatile Thread poller;
    private volatile boolean running;

    InProcessTaskWorker(ExternalTaskService externalTasks, List<TaskHandler> handlers, WorkflowProperties properties,
                        MachineService machines, RuntimeService runtime) {
        this.externalTasks = externalTasks;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(TaskHandler::topic, Function.identity()));
        this.properties = properties;
        this.machines = machines;
        this.runtime = runtime;
        this.freeThreads = new Semaphore(properties.threads());
    }

    @Override
    public void start() {
        releaseOwnLocks();
        executor = Executors.newFixedThreadPool(properties.threads(), namedThreads("task-worker-"));
        running = true;
        poller = new Thread(this::poll, "task-poller");
        poller.setDaemon(true);
        poller.start();
        log.info("External-task worker {} started: {} threads, topics {}", properties.workerId(),
                properties.threads(), handlers.keySet());
    }

    @Override
    public void stop() {
        running = false;
        Thread stopping = poller;
        poller = null;
        if (stopping != null) {
            stopping.interrupt();
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A process just started (and committed): fetch now instead of after the idle wait. */
    @TransactionalEventListener(fallbackExecution = true)
    void onProcessStarted(ProcessStarted event) {
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Tasks locked under this worker id belong to a previous run of this node that stopped without finishing
     * them (a crash, a kill). Release them so they run now rather than when the lock expires.
     */
    private void releaseOwnLocks() {
        List<ExternalTask> stale;
        do {
            stale = externalTasks.createExternalTaskQuery().workerId(properties.workerId()).locked().listPage(0, 500);
            stale.forEach(task -> externalTasks.unlock(task.getId()));
            if (!stale.isEmpty()) {
                log.info("Released {} tasks left locked by an earlier run of worker {}", stale.size(),
                        properties.workerId());
            }
        } while (stale.size() == 500);
    }

    private void poll() {
        Duration idle = MIN_IDLE;
        // a stop followed quickly by a start must not leave two pollers running
        while (running && Thread.currentThread() == poller) {
            try {
                int free = freeThreads.availablePermits();
                List<LockedExternalTask> tasks = free == 0 || handlers.isEmpty() ? List.of() : fetch(free);
                for (LockedExternalTask task : tasks) {
                    freeThreads.acquire();
                    executor.execute(() -> {
                        try {
                            run(task);
                        } finally {
                            freeThreads.release();
                        }
                    });
                }
                if (tasks.isEmpty()) {
                    LockSupport.parkNanos(idle.toNanos());
                    idle = idle.multipliedBy(2).compareTo(MAX_IDLE) > 0 ? MAX_IDLE : idle.multipliedBy(2);
                } else {
                    idle = MIN_IDLE;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be briefly unreachable; keep polling, but slowly
                log.warn("Fetching external tasks failed: {}", e.getMessage());
                LockSupport.parkNanos(MAX_IDLE.toNanos());
            }
        }
    }

    private List<LockedExternalTask> fetch(int max) {
        ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(max, properties.workerId());
        long lockMillis = properties.lockDuration().toMillis();
        for (String topic : handlers.keySet()) {
            query = query.topic(topic, lockMillis).includeExtensionProperties();
        }
        return query.execute();
    }

    private void run(LockedExternalTask task) {
        Map<String, String> props = task.getExtensionProperties() == null ? Map.of() : task.getExtensionProperties();
        TaskRequest request = new TaskRequest(task.getId(), task.getTopicName(), task.getProcessInstanceId(),
                rootProcessOf(task.getProcessInstanceId()), task.getProcessDefinitionKey(), task.getActivityId(),
                task.getBusinessKey(), new HashMap<>(task.getVariables()), props);
        // the handler's side effects go on the audit trail as this worker's
        try (AuditContext.Scope ignored = AuditContext.bind(null, properties.workerId())) {
            Map<String, Object> outputs = handlers.get(task.getTopicName()).handle(request);
            externalTasks.complete(task.getId(), properties.workerId(), outputs == null ? Map.of() : outputs);
        } catch (BusinessFailure e) {
            log.info("{} {} on {}: {}", task.getTopicName(), e.errorCode(), task.getBusinessKey(), e.getMessage());
            try {
                externalTasks.handleBpmnError(task.getId(), properties.workerId(), e.errorCode(),
                        limit(e.getMessage()), Map.of("errorMessage", limit(e.getMessage())));
            } catch (RuntimeException reportFailed) {
                // the error path itself failed (say, its first step): an incident, not a silent re-run
                fail(task, props, reportFailed);
            }
        } catch (RuntimeException e) {
            fail(task, props, e);
        }
    }

    private void fail(LockedExternalTask task, Map<String, String> props, RuntimeException e) {
        String message = limit(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        RetryPolicy policy;
        try {
            policy = RetryPolicy.from(props, properties.defaultRetries(), properties.defaultRetryBackoff());
        } catch (IllegalArgumentException bad) {
            // a modelling mistake: surface it as the incident instead of guessing
            policy = new RetryPolicy(0, List.of(Duration.ZERO));
            message = limit("BPMN task " + task.getActivityId() + " has a bad retry setting: " + bad.getMessage()
                    + "; task failed with: " + message);
        }
        int remaining = policy.remainingAfterFailure(task.getRetries());
        Duration backoff = policy.backoffBefore(remaining);
        log.warn("{} failed on machine {} ({} retries left): {}", task.getTopicName(), task.getBusinessKey(),
                remaining, message);
        try {
            externalTasks.handleFailure(task.getId(), properties.workerId(), message, stackTrace(e), remaining,
                    backoff.toMillis());
            if (remaining == 0 && task.getBusinessKey() != null) {
                machines.recordError(UUID.fromString(task.getBusinessKey()), message);
            }
        } catch (RuntimeException reportFailed) {
            log.warn("Could not report the failure of task {}; it runs again when its lock expires: {}",
                    task.getId(), reportFailed.getMessage());
        }
    }

    /** The top-level process a task's (called) process runs for: what its audit entries are correlated with. */
    private String rootProcessOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        return instance == null || instance.getRootProcessInstanceId() == null ? processInstanceId
                : instance.getRootProcessInstanceId();
    }

    private static String limit(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT - 3) + "...";
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
