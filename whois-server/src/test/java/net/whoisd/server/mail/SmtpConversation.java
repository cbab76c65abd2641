package net.whoisd.server.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw SMTP client for tests that need exact control over the conversation. */
final class SmtpConversation implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpConversation(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        reply();
    }

    /** Sends one command line and returns the (last line of the) reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    void write(byte[] data) throws IOException {
        out.write(data);
    }

    String reply() throws IOException {
        return SmtpSubmitter.reply(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
