package org.metalflow.connectors.dns.rfc2136;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An on-path attacker for DNS over TCP on 127.0.0.1: relays every message to a real server and, in its answer,
 * replaces the IPv4 address {@code from} with {@code to} wherever it appears, leaving the TSIG record as the
 * server signed it. A client that verifies TSIG must refuse such an answer.
 */
final class TamperingDnsProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final byte[] from;
    private final byte[] to;
    private final AtomicInteger tampered = new AtomicInteger();

    TamperingDnsProxy(int serverPort, String from, String to) throws IOException {
        this.serverPort = serverPort;
        this.from = InetAddress.getByName(from).getAddress();
        this.to = InetAddress.getByName(to).getAddress();
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tampering-dns-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many answers were altered so far. */
    int tampered() {
        return tampered.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread relay = new Thread(() -> relay(client), "tampering-dns-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
            client.setSoTimeout(5000);
            server.setSoTimeout(5000);
            DataInputStream fromClient = new DataInputStream(client.getInputStream());
            DataOutputStream toClient = new DataOutputStream(client.getOutputStream());
            DataInputStream fromServer = new DataInputStream(server.getInputStream());
            DataOutputStream toServer = new DataOutputStream(server.getOutputStream());
            for (int message = 0; message < 100; message++) {
                byte[] query = new byte[fromClient.readUnsignedShort()];
                fromClient.readFully(query);
                toServer.writeShort(query.length);
                toServer.write(query);
                toServer.flush();
                byte[] answer = new byte[fromServer.readUnsignedShort()];
                fromServer.readFully(answer);
                if (replace(answer)) {
                    tampered.incrementAndGet();
                }
                toClient.writeShort(answer.length);
                toClient.write(answer);
                toClient.flush();
            }
        } catch (IOException endOfConversation) {
            // the client closed the connection or went quiet
        }
    }

    private boolean replace(byte[] answer) {
        boolean changed = false;
        for (int i = 12; i + from.length <= answer.length; i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) {
                match = answer[i + j] == from[j];
            }
            if (match) {
                System.arraycopy(to, 0, answer, i, to.length);
                changed = true;
            }
        }
        return changed;
    }
}
