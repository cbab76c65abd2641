package net.whoisd.rpsl;

/** How serious a reported problem is; only errors make an object invalid. */
public enum Severity {
    ERROR, WARNING, INFO
}
