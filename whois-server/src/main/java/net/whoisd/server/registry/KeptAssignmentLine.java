package net.whoisd.server.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * One line of the list of assignments kept by end users, in the format of RIPE NCC's LIR closure
 * procedure: {@code 193.0.0.0 - 193.0.1.255 512 19950101 RIPE-NCC} (range, number of addresses,
 * date of creation as yyyymmdd, netname).
 */
public final class KeptAssignmentLine {
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern CHANGED_DATE = Pattern.compile("(\\d{6}|\\d{8})\\s*$");

    private KeptAssignmentLine() {
    }

    public static String format(RpslObject assignment) {
        ObjectType type = assignment.type().orElseThrow();
        IpRange range = IpRange.parse(assignment.classValue()).orElseThrow();
        String shown = type == ObjectType.INETNUM ? range.toString() : range.toPrefixString();
        String netname = assignment.value("netname");
        return shown + " " + range.size() + " " + creationDate(assignment) + " " + (netname == null ? "-" : netname);
    }

    /**
     * yyyymmdd of {@code created:}; for objects from before RIPE generated it, the first date in
     * {@code changed:} (yymmdd read as 19yy/20yy like RIPE's tools); {@code 00000000} if neither exists.
     */
    static String creationDate(RpslObject object) {
        String created = object.value("created");
        if (created != null) {
            Matcher m = ISO_DATE.matcher(created);
            if (m.find()) {
                return m.group(1) + m.group(2) + m.group(3);
            }
        }
        String earliest = null;
        for (String changed : object.values("changed")) {
            Matcher m = CHANGED_DATE.matcher(changed);
            if (m.find()) {
                String d = m.group(1);
                if (d.length() == 6) {
                    d = (Integer.parseInt(d.substring(0, 2)) >= 80 ? "19" : "20") + d;
                }
                if (earliest == null || d.compareTo(earliest) < 0) {
                    earliest = d;
                }
            }
        }
        return earliest != null ? earliest : "00000000";
    }
}
