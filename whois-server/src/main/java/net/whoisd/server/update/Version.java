package net.whoisd.server.update;

/** The software version shown in acknowledgements. */
final class Version {
    static final String NUMBER = "0.1.0";

    private Version() {
    }
}
