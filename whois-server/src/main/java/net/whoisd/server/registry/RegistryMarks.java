package net.whoisd.server.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;

/**
 * The registry's own state, written as {@code remarks:} lines on registry-maintained objects so that
 * it lives in the store, is journalled, versioned, exported, imported and mirrored like any data,
 * and is visible to the public (a closing LIR and a waiting-list lock are public facts).
 * Every such line starts with {@value #PREFIX}; nothing else in the server writes that prefix.
 */
public final class RegistryMarks {
    public static final String PREFIX = "whoisd-registry:";
    static final String CLOSING = "lir-closing";
    static final String WAITLIST_ISSUED = "waitlist-issued";
    /** ARIN NRPM 4.1.8: space from the waiting list is not transferable for 60 months. */
    public static final int TRANSFER_LOCK_MONTHS = 60;

    private RegistryMarks() {
    }

    /** A closing mark: the LIR whose maintainer is closing, and since when. */
    public record Closing(String mntner, Instant since) {
    }

    /** A waiting-list lock: when the space was issued and until when it may not be transferred. */
    public record TransferLock(Instant issued, Instant lockedUntil) {
    }

    public static String closingRemark(String mntner, Instant since) {
        return PREFIX + " " + CLOSING + " " + mntner + " since " + since.truncatedTo(ChronoUnit.SECONDS)
                + " (LIR closure: no further assignments from this allocation)";
    }

    public static String transferLockRemark(Instant issued) {
        Instant until = lockEnd(issued);
        return PREFIX + " " + WAITLIST_ISSUED + " " + issued.truncatedTo(ChronoUnit.SECONDS)
                + " transfer-locked-until " + until + " (waiting list: not transferable for "
                + TRANSFER_LOCK_MONTHS + " months)";
    }

    public static Instant lockEnd(Instant issued) {
        return issued.truncatedTo(ChronoUnit.SECONDS).atZone(java.time.ZoneOffset.UTC)
                .plusMonths(TRANSFER_LOCK_MONTHS).toInstant();
    }

    public static Optional<Closing> closing(RpslObject object) {
        for (RpslAttribute remark : object.findAll("remarks")) {
            String[] w = words(remark);
            if (w.length >= 5 && w[1].equals(CLOSING) && w[3].equals("since")) {
                Optional<Instant> since = instant(w[4]);
                if (since.isPresent()) {
                    return Optional.of(new Closing(w[2], since.get()));
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<TransferLock> transferLock(RpslObject object) {
        for (RpslAttribute remark : object.findAll("remarks")) {
            String[] w = words(remark);
            if (w.length >= 5 && w[1].equals(WAITLIST_ISSUED) && w[3].equals("transfer-locked-until")) {
                Optional<Instant> issued = instant(w[2]);
                Optional<Instant> until = instant(w[4]);
                if (issued.isPresent() && until.isPresent()) {
                    return Optional.of(new TransferLock(issued.get(), until.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A copy without the closing mark (when an allocation leaves a closing LIR by transfer). */
    public static RpslObject withoutClosing(RpslObject object) {
        return object.mapAttributes(a -> a.name().equals("remarks") && words(a).length > 1
                && words(a)[0].equals(PREFIX) && words(a)[1].equals(CLOSING) ? null : a);
    }

    /** The words of a registry mark, or an empty array if the remark is not one. */
    static String[] words(RpslAttribute remark) {
        String v = remark.cleanValue();
        if (!v.startsWith(PREFIX)) {
            return new String[0];
        }
        return v.split(" ");
    }

    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
