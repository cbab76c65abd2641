package net.whoisd.storage.disk;

import net.whoisd.rpsl.RpslObject;

/** Small RPSL objects for storage tests. */
final class Objects {
    private Objects() {
    }

    static RpslObject person(String name, String nicHdl, String mntBy) {
        return RpslObject.parse("person:         " + name + "\n"
                + "address:        1 Main Street\n"
                + "phone:          +31 20 000 0000\n"
                + "e-mail:         " + nicHdl.toLowerCase() + "@example.net\n"
                + "nic-hdl:        " + nicHdl + "\n"
                + "mnt-by:         " + mntBy + "\n"
                + "created:        2020-01-01T00:00:00Z\n"
                + "last-modified:  2020-01-01T00:00:00Z\n"
                + "source:         TEST\n");
    }

    static RpslObject mntner(String name, String admin) {
        return RpslObject.parse("mntner:         " + name + "\n"
                + "descr:          maintainer of the test data\n"
                + "admin-c:        " + admin + "\n"
                + "upd-to:         dbm@example.net\n"
                + "auth:           BCRYPT-PW $2b$12$abcdefghijklmnopqrstuu1234567890123456789012345678901\n"
                + "mnt-by:         " + name + "\n"
                + "created:        2020-01-01T00:00:00Z\n"
                + "last-modified:  2020-01-01T00:00:00Z\n"
                + "source:         TEST\n");
    }

    static RpslObject inetnum(String range, String netname, String mntBy) {
        return RpslObject.parse("inetnum:        " + range + "\n"
                + "netname:        " + netname + "\n"
                + "descr:          network of " + netname + "\n"
                + "country:        NL\n"
                + "admin-c:        JS1-TEST\n"
                + "tech-c:         JS1-TEST\n"
                + "status:         ASSIGNED PA\n"
                + "mnt-by:         " + mntBy + "\n"
                + "created:        2020-01-01T00:00:00Z\n"
                + "last-modified:  2020-01-01T00:00:00Z\n"
                + "source:         TEST\n");
    }

    static RpslObject route(String prefix, String origin, String mntBy) {
        return RpslObject.parse("route:          " + prefix + "\n"
                + "descr:          route\n"
                + "origin:         " + origin + "\n"
                + "mnt-by:         " + mntBy + "\n"
                + "created:        2020-01-01T00:00:00Z\n"
                + "last-modified:  2020-01-01T00:00:00Z\n"
                + "source:         TEST\n");
    }

    static RpslObject with(RpslObject o, String attribute, String value) {
        return o.with(attribute, value);
    }
}
