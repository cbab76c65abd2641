package net.whoisd.server.query;

/** What the query {@code help} returns: every flag with a line of explanation. */
final class HelpText {
    static final String TEXT = """
            % whoisd query flags (see docs/query.md)
            %
            % -l, --one-less             one level less specific (IP keys)
            % -L, --all-less             all less specific, exact match included (IP keys)
            % -m, --one-more             one level more specific (IP keys)
            % -M, --all-more             all more specific (IP keys)
            % -x, --exact                exact match only (IP keys)
            % -c, --irt                  add the irt objects of the address space
            % -C, --no-irt               accepted for compatibility; no effect
            % -b, --abuse-contact        only the abuse contact of resources
            % -d, --reverse-domain       add reverse domain objects to IP lookups
            % -i, --inverse ATTR[,ATTR]  inverse lookup on these attributes
            % -T, --select-types TYPES   only these classes
            % -r, --no-referenced        no referenced contact objects
            % -G, --no-grouping          no grouping of related objects
            % -B, --no-filtering         do not filter e-mail attributes
            % -F, --brief                short hand output
            % -K, --primary-keys         only primary keys and abuse contacts
            % -k, --persistent-connection keep the connection open for more queries
            % -a, --all-sources          every source
            % -s, --sources SRC[,SRC]    these sources
            % -q version|types|sources   server information
            % -t, --template TYPE        the template of a class
            % -v, --verbose TYPE         the template with attribute documentation
            % -V, --client TAG[,IP]      client identification (proxies)
            % -Z, --charset NAME         output character set (default latin-1)
            % --list-versions KEY        version history of an object
            % --show-version N KEY       version N of an object
            % --diff-versions N:M KEY    difference between two versions
            % --valid-syntax             only objects with valid syntax
            % --no-valid-syntax          only objects with invalid syntax
            % --no-personal              no personal data
            % --show-personal            undo --no-personal output filtering
            % --resource                 resource classes only
            % --list-sources, --version, --types   as -q sources|version|types
            """;

    private HelpText() {
    }
}
