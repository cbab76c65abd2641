package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which queries the listener answers on the event loop: bounded lookups only. */
class BoundedLookupTest {
    private final QueryParser parser = new QueryParser();

    @ParameterizedTest(name = "[{index}] ''{0}'' bounded: {1}")
    @CsvSource(delimiter = '|', value = {
            "193.0.0.1 | true",
            "-r 193.0.0.0 - 193.0.0.255 | true",
            "-x 193.0.0.0/24 | true",
            "-L 2001:db8::/48 | true",
            "-l -T inetnum 193.0.0.1 | true",
            "-c 10.0.0.0/8 | true",
            "-r 193.0.0.0/24AS3333 | true",
            "AS3333 | true",
            "-r LIR1-MNT | true",
            "-B ORG-EA1-TEST | true",
            "-T person JS1-TEST | true",
            "0.0.193.in-addr.arpa | true",
            "-d 193.0.0.0/24 | true",
            "-M 193.0.0.0/16 | false",
            "-m 193.0.0.0/16 | false",
            "-i mnt-by LIR1-MNT | false",
            "-i person JS1-TEST | false",
            "John | false",
            "John Smith | false",
            "-r smith | false",
            "--list-versions LIR1-MNT | false",
            "--show-version 1 LIR1-MNT | false",
            "--diff-versions 1:2 LIR1-MNT | false",
            "-q version | false",
            "help | false",
            "-x -M 193.0.0.0/24 | false",
    })
    void onlyBoundedLookupsQualify(String line, boolean bounded) {
        assertEquals(bounded, parser.parse(line.strip()).isBoundedLookup(), line);
    }
}
