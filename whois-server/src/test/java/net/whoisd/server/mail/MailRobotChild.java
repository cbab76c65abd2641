package net.whoisd.server.mail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.disk.PersistentDatabase;

/**
 * The mail robot in its own JVM, for the kill -9 tests: serves the data directory given as first
 * argument, writes its answers to the outbox given as second, prints {@code PORT n} (the SMTP port)
 * when ready, and runs until it is killed, halted by a fault point, or its stdin closes.
 */
public final class MailRobotChild {
    static final String ROBOT = "auto-dbm@example.net";

    private MailRobotChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Properties p = new Properties();
        p.setProperty("data.dir", data.toString());
        p.setProperty("mail.from", ROBOT);
        MailSender sender = new MailSender(ROBOT, null, Path.of(args[1]));
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST");
             UpdateEngine engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"),
                     new UpdateSettings("TEST-NCC-HM-MNT", Map.of(), true, ROBOT, "testhost"), sender, Clock.systemUTC());
             MailDoor door = MailDoor.open(ServerConfig.fromProperties(p), engine, db, sender)) {
            System.out.println("PORT " + door.start("127.0.0.1", 0));
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent
            }
        }
    }
}
