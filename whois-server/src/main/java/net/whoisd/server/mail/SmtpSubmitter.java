package net.whoisd.server.mail;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Hands one message to the robot's SMTP listener, as {@code mail-submit} does for an MTA pipe
 * alias. A minimal SMTP client with time limits: EHLO, MAIL FROM, RCPT TO, DATA (line ends made
 * CRLF, dot-stuffed), QUIT.
 */
public final class SmtpSubmitter {

    /**
     * What the server said.
     *
     * @param accepted  the message was taken (250 after DATA)
     * @param permanent refused for good (a 5xx reply): sending again will not help
     * @param reply     the server's last reply line
     */
    public record Outcome(boolean accepted, boolean permanent, String reply) {
    }

    private final String host;
    private final int port;
    private final Duration timeout;

    public SmtpSubmitter(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /**
     * Delivers the message. Throws IOException when the server cannot be reached or the
     * connection breaks (a temporary failure: try again later).
     *
     * @param envelopeSender the envelope sender, {@code ""} for the null sender
     */
    public Outcome submit(byte[] message, String envelopeSender, String recipient) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String reply = reply(in);
            if (!reply.startsWith("2")) {
                return refused(reply);
            }
            for (String command : new String[] {"EHLO localhost", "MAIL FROM:<" + envelopeSender + ">",
                    "RCPT TO:<" + recipient + ">", "DATA"}) {
                reply = command(out, in, command);
                if (!(reply.startsWith("2") || reply.startsWith("3") && command.equals("DATA"))) {
                    return refused(reply);
                }
            }
            writeData(out, message);
            reply = reply(in);
            command(out, in, "QUIT");
            return reply.startsWith("2") ? new Outcome(true, false, reply) : refused(reply);
        }
    }

    private static Outcome refused(String reply) {
        return new Outcome(false, reply.startsWith("5"), reply);
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply(in);
    }

    /** The last line of a (possibly multi-line) reply. */
    static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the SMTP server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** The message with CRLF line ends and leading dots doubled, then the end-of-data line. */
    private static void writeData(OutputStream out, byte[] message) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }
}
