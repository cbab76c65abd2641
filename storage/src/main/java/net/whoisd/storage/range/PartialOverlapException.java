package net.whoisd.storage.range;

import net.whoisd.rpsl.IpRange;

/** Thrown when a range would overlap an indexed range without either containing the other. */
public final class PartialOverlapException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient IpRange existing;

    public PartialOverlapException(IpRange added, IpRange existing) {
        super(added + " partially overlaps " + existing);
        this.existing = existing;
    }

    /** The indexed range the refused one overlaps. */
    public IpRange existing() {
        return existing;
    }
}
