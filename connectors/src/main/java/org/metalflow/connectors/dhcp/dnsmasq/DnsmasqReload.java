package org.metalflow.connectors.dhcp.dnsmasq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.metalflow.connectors.dhcp.DhcpException;

/** How dnsmasq is told that its hosts and options files changed. */
public sealed interface DnsmasqReload {

    Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** Makes the running dnsmasq read both files again; throws a transient {@link DhcpException} when it cannot. */
    void reload();

    /** True when the change takes effect without restarting dnsmasq. */
    boolean live();

    /** SIGHUP to the PID in dnsmasq's pid file: dnsmasq re-reads dhcp-hostsfile and dhcp-optsfile and keeps its leases. */
    static DnsmasqReload sighup(Path pidFile) {
        return new Sighup(pidFile);
    }

    /** Runs a command that restarts dnsmasq (e.g. {@code systemctl restart dnsmasq}); leases survive in the lease file. */
    static DnsmasqReload restart(List<String> command) {
        return new Restart(command, COMMAND_TIMEOUT);
    }

    /** Writes the files and tells nobody: for a dnsmasq that is not running yet, or the lab's simulated network. */
    static DnsmasqReload none() {
        return new None();
    }

    record Sighup(Path pidFile) implements DnsmasqReload {

        public Sighup {
            Objects.requireNonNull(pidFile, "pidFile");
        }

        @Override
        public void reload() {
            long pid = readPid();
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                throw new DhcpException("dnsmasq is not running: no process " + pid + " (from " + pidFile
                        + "); the files are written and take effect when it starts", true);
            }
            // A stale pid file may name a process that is not dnsmasq any more; never signal that one.
            Optional<String> command = process.get().info().command();
            if (command.isPresent() && !Path.of(command.get()).getFileName().toString().startsWith("dnsmasq")) {
                throw new DhcpException("pid file " + pidFile + " names process " + pid + " (" + command.get()
                        + "), which is not dnsmasq; not sending SIGHUP", true);
            }
            ExternalCommand.Result result;
            try {
                result = ExternalCommand.run(List.of("kill", "-HUP", Long.toString(pid)), COMMAND_TIMEOUT);
            } catch (IOException e) {
                throw new DhcpException("cannot send SIGHUP to dnsmasq (pid " + pid + "): " + e.getMessage(), true, e);
            }
            if (!result.succeeded()) {
                throw new DhcpException("SIGHUP to dnsmasq (pid " + pid + ") failed: " + result.output(), true);
            }
        }

        private long readPid() {
            try {
                String text = new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).strip();
                return Long.parseLong(text);
            } catch (NoSuchFileException e) {
                throw new DhcpException("dnsmasq's pid file " + pidFile + " does not exist: is dnsmasq running?", true, e);
            } catch (IOException | NumberFormatException e) {
                throw new DhcpException("cannot read a PID from dnsmasq's pid file " + pidFile + ": " + e.getMessage(), true, e);
            }
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    record Restart(List<String> command, Duration timeout) implements DnsmasqReload {

        public Restart {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("the restart command is empty");
            }
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public void reload() {
            ExternalCommand.Result result;
            try {
                result = ExternalCommand.run(command, timeout);
            } catch (IOException e) {
                throw new DhcpException("restarting dnsmasq with `" + String.join(" ", command) + "` failed: "
                        + e.getMessage(), true, e);
            }
            if (!result.succeeded()) {
                throw new DhcpException("restarting dnsmasq with `" + String.join(" ", command) + "` exited "
                        + result.exitCode() + ": " + result.output(), true);
            }
        }

        @Override
        public boolean live() {
            return false;
        }
    }

    record None() implements DnsmasqReload {

        @Override
        public void reload() {
        }

        @Override
        public boolean live() {
            return false;
        }
    }
}
