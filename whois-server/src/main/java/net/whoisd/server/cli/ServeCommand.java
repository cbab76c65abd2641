package net.whoisd.server.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.whoisd.server.ListenerAddresses;
import net.whoisd.server.SampleLoader;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.PersistentDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the server in the foreground until SIGTERM/SIGINT, then shuts down cleanly. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the server (whois, http, smtp mail robot) until SIGTERM/SIGINT. An empty store gets the sample data.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--whois-port", paramLabel = "N", description = "whois port (overrides whois.port; 0 disables)")
    Integer whoisPort;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (overrides http.port; 0 disables)")
    Integer httpPort;

    @Option(names = "--smtp-port", paramLabel = "N", description = "SMTP port (overrides smtp.port; 0 disables)")
    Integer smtpPort;

    @Override
    public Integer call() throws Exception {
        for (Integer p : new Integer[] {whoisPort, httpPort, smtpPort}) {
            if (p != null && (p < 0 || p > 65535)) {
                System.err.println("whoisd: ports must be between 0 and 65535, got " + p);
                return 1;
            }
        }
        ServerConfig config = common.load().withPorts(whoisPort, httpPort, smtpPort, null);
        ListenerAddresses.checkFree(config);
        SampleLoader.loadIfEmpty(config.dataDir(), config.source(), config.storageOptions());
        PersistentDatabase db = PersistentDatabase.open(config.dataDir(), config.source(), config.storageOptions());
        WhoisServer server = new WhoisServer(config, db);
        Runnable stop = () -> {
            server.close();
            LogFlush.beforeExit();
            System.out.println("whoisd: stopped cleanly");
            System.out.flush();
        };
        // SIGTERM and SIGINT end the wait below and the process exits 0; the hook stops the server when
        // the JVM ends any other way (SIGHUP, or a signal that StopSignals could not take over)
        Thread hook = new Thread(stop, "whoisd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        try {
            server.start();
        } catch (InterruptedException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw e;
        }
        System.out.println("whoisd: serving " + config.source() + " (" + db.size() + " objects) from " + config.dataDir()
                + ": whois port " + server.whoisPort() + ", http port " + server.httpPort() + ", smtp port " + server.smtpPort());
        stopRequested.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return 0; // another signal (SIGHUP) came at the same time: the hook is stopping the server
        }
        stop.run();
        return 0;
    }
}
