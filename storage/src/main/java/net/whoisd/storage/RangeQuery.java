package net.whoisd.storage;

/** The IP hierarchy relations the range index answers (RIPE's -x, -l, -L, -m, -M). */
public enum RangeQuery {
    /** Objects with exactly this range. */
    EXACT,
    /** The smallest objects strictly enclosing the range (one level up). */
    ONE_LESS,
    /** Every object enclosing the range, exact match included, largest first. */
    ALL_LESS,
    /** Objects directly inside the range (one level down), exact match excluded. */
    ONE_MORE,
    /** Every object inside the range, exact match excluded. */
    ALL_MORE,
    /** EXACT if it finds anything, else ONE_LESS: a query's default, in one walk of the index. */
    EXACT_ELSE_ONE_LESS
}
