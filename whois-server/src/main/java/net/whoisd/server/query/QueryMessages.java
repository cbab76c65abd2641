package net.whoisd.server.query;

import java.util.List;

/**
 * The error, warning and notice catalogue of the port-43 protocol. Codes and the code lines are
 * RIPE's exactly (clients and scripts match on them); each method returns one message block, every
 * line ending in a newline. The blank line that follows every block is the writer's job.
 */
public final class QueryMessages {
    public static final String SERVICE = "whoisd query service";

    private QueryMessages() {
    }

    public static String banner() {
        return "% This is the " + SERVICE + ".\n"
                + "% The objects are in RPSL format.\n"
                + "%\n"
                + "% The database is subject to the terms and conditions of its operator.\n"
                + "% See the operator's documentation for them.\n";
    }

    public static String servedBy(String version, String host) {
        return "% This query was served by the " + SERVICE + " version " + version + " (" + host + ")\n";
    }

    public static String relatedTo(String key) {
        return "% Information related to '" + key + "'\n";
    }

    public static String filterNotice() {
        return "% Note: this output has been filtered.\n"
                + "%       To receive output for a database update, use the \"-B\" flag.\n";
    }

    public static String primaryKeysOnlyNotice() {
        return "% Note: this output has been filtered.\n"
                + "% Only primary keys and abuse contacts will be visible.\n"
                + "% No other contact information will be shown.\n";
    }

    public static String noPersonalNotice() {
        return "% Note: --no-personal means ALL personal data has been filtered from this output.\n";
    }

    public static String abuseContact(String key, String mailbox) {
        return "% Abuse contact for '" + key + "' is '" + mailbox + "'\n";
    }

    public static String noAbuseContact(String key) {
        return "% No abuse contact registered for " + key + "\n";
    }

    public static String convertedToLatin1() {
        return "% The query was converted into the ISO-8859-1 (Latin-1) character set.\n";
    }

    public static String inverseAuthRefused() {
        return "% Inverse search on 'auth' attribute is limited to 'key-cert' objects only\n";
    }

    public static String invalidCharset(String name) {
        return "% Invalid character set " + name + "\n";
    }

    public static String versionListStart(String type, String key) {
        return "% Version history for " + type + " object \"" + key + "\"\n"
                + "% You can use \"--show-version rev#\" to get an exact version of the object.\n";
    }

    public static String versionInformation(int version, boolean current, String key, boolean delete, String time) {
        return "% Version " + version + " " + (current ? "(current version) " : "") + "of object \"" + key + "\"\n"
                + "% This version was a " + (delete ? "DELETE" : "UPDATE") + " operation on " + time + "\n"
                + "% You can use \"--list-versions\" to get a list of versions for an object.\n";
    }

    public static String versionDifferenceHeader(int earlier, int later, String key) {
        return "% Difference between version " + earlier + " and " + later + " of object \"" + key + "\"\n";
    }

    public static String versionDeleted(String time) {
        return "% This object was deleted on " + time + "\n";
    }

    public static String versionPersonRole(String type, String key) {
        return "% Version history for " + type + " object \"" + key + "\"\n"
                + "% History not available for PERSON and ROLE objects.\n";
    }

    // ---------------------------------------------------------------- errors

    public static String internalError() {
        return "%ERROR:100: internal software error\n"
                + "%\n"
                + "% Please contact the database administrators if the problem persists.\n";
    }

    public static String noResults(List<String> sources) {
        return "%ERROR:101: no entries found\n"
                + "%\n"
                + "% No entries found in source " + String.join(",", sources) + ".\n";
    }

    public static String unknownSource(String source) {
        return "%ERROR:102: unknown source\n"
                + "%\n"
                + "% \"" + source + "\" is not a known source.\n"
                + "% Use \"-q sources\" to list known sources.\n";
    }

    public static String unknownObjectType(String type) {
        return "%ERROR:103: unknown object type '" + type + "'\n";
    }

    public static String unknownAttribute(String attribute) {
        return "%ERROR:104: unknown attribute\n"
                + "%\n"
                + "% \"" + attribute + "\" is not a known attribute.\n";
    }

    public static String attributeNotSearchable(String attribute) {
        return "%ERROR:105: attribute is not searchable\n"
                + "%\n"
                + "% \"" + attribute + "\" is not an inverse searchable attribute.\n";
    }

    public static String noSearchKey() {
        return "%ERROR:106: no search key specified\n"
                + "%\n"
                + "% No search key specified\n";
    }

    public static String inputTooLong() {
        return "%ERROR:107: input line too long\n"
                + "%\n"
                + "% Input exceeds the maximum line length.\n";
    }

    public static String invalidCombination(QueryFlag flag, QueryFlag other) {
        return "%ERROR:109: invalid combination of flags passed\n"
                + "%\n"
                + "% The flags \"" + flag.display() + "\" and \"" + other.display() + "\" cannot be used together.\n";
    }

    public static String multipleUse(String flag) {
        return "%ERROR:110: multiple use of flag\n"
                + "%\n"
                + "% The flag \"" + flag + "\" cannot be used multiple times.\n";
    }

    /** ERROR:111, with an optional reason line before it (null for none). */
    public static String invalidOption(String reason) {
        String head = reason == null || reason.isEmpty() ? "" : "% " + reason + "\n%\n";
        return head
                + "%ERROR:111: invalid option supplied\n"
                + "%\n"
                + "% Use help query to see the valid options.\n";
    }

    public static String illegalRange() {
        return "%ERROR:112: unsupported query\n"
                + "%\n"
                + "% '-mM' query options are not allowed on very large ranges/prefixes.\n"
                + "% This data is available from the daily object split files.\n";
    }

    public static String unsupportedQuery() {
        return "%ERROR:114: unsupported query\n"
                + "%\n"
                + "% Search key doesn't match any known query types\n";
    }

    public static String invalidSearchKey() {
        return "%ERROR:115: invalid search key\n"
                + "%\n"
                + "% Search key entered is not valid for the specified object type(s)\n";
    }

    public static String versionsOfPersonRole() {
        return "%ERROR:116: unsupported query\n"
                + "%\n"
                + "% Versions are not supported for PERSON/ROLE objects\n";
    }

    public static String versionOutOfRange(int max) {
        return "%ERROR:117: version cannot exceed " + max + " for this object\n"
                + "%\n"
                + "% Versions are numbers greater or equal to 1\n"
                + "% but cannot exceed the object's current version number.\n";
    }

    public static String tooManyArguments() {
        return "%ERROR:118: too many arguments supplied\n"
                + "%\n"
                + "% Too many arguments supplied.\n";
    }

    public static String accessDeniedPermanently(String address) {
        return "%ERROR:201: access denied for " + address + "\n"
                + "%\n"
                + "% Sorry, access from your host has been permanently\n"
                + "% denied because of a repeated excessive querying.\n"
                + "% For more information, see the operator's documentation.\n";
    }

    public static String accessDeniedTemporarily(String address) {
        return "%ERROR:201: access denied for " + address + "\n"
                + "%\n"
                + "% Queries from your IP address have passed the daily limit of controlled objects.\n"
                + "% Access from your host has been temporarily denied.\n"
                + "% For more information, see the operator's documentation.\n";
    }

    public static String notAllowedToProxy() {
        return "%ERROR:203: you are not allowed to act as a proxy\n";
    }

    public static String timeout() {
        return "%ERROR:305: connection has been closed\n"
                + "%\n"
                + "% The connection to the query server\n"
                + "% has been closed after a period of inactivity.\n";
    }

    public static String connectionsExceeded(int limit) {
        return "%ERROR:306: connections exceeded\n"
                + "%\n"
                + "% Number of connections from a single IP address\n"
                + "% has exceeded the maximum number allowed (" + limit + ").\n";
    }

    /** An unbounded lookup over the per-address limit of such queries in progress. */
    public static String largeQueriesExceeded(int limit) {
        return "%ERROR:208: exceeded maximum number of simultaneous queries\n"
                + "%\n"
                + "% Queries that can return many objects (inverse, more specific, names,\n"
                + "% history) from a single IP address are limited to " + limit + " at a time.\n";
    }

    /** An unbounded lookup over the server's limit of such queries in progress. */
    public static String largeQueriesBusy() {
        return "%ERROR:208: exceeded maximum number of simultaneous queries\n"
                + "%\n"
                + "% The server is answering its maximum number of queries that can\n"
                + "% return many objects. Please try again later.\n";
    }

    public static String serverBusy() {
        return "% The server has reached its maximum number of connections.\n"
                + "% Please try again later.\n";
    }

    public static String duplicateIpFlags() {
        return "%ERROR:901: duplicate IP flags passed\n"
                + "%\n"
                + "% More than one IP flag (-l, -L, -m, -M or -x) passed to the server.\n";
    }

    public static String uselessIpFlag() {
        return "%WARNING:902: useless IP flag passed\n"
                + "%\n"
                + "% An IP flag (-l, -L, -m, -M, -x, -d or -b) used without an IP key.\n";
    }

    public static String invalidSyntax(String key) {
        return "% '" + key + "' invalid syntax\n";
    }

    public static String validSyntax(String key) {
        return "% '" + key + "' has valid syntax\n";
    }
}
