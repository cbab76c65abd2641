package net.whoisd.server.update;

import java.util.List;

/**
 * An update message to process.
 *
 * @param content        the message text exactly as in a mail body or the syncupdates DATA field
 *                       (objects, {@code password:}, {@code override:}, {@code delete:}, {@code dry-run:},
 *                       inline PGP-signed blocks)
 * @param origin         the channel it came through
 * @param client         the client's IP address or the mail sender
 * @param mimeSignatures PGP/MIME signatures already verified by the mail door (they cover the whole content)
 * @param keyword        the message keyword ({@link Keyword#NEW} for syncupdates {@code NEW=yes} or a mail subject {@code NEW})
 * @param guessingClient who failed password checks are charged to: the client's IP address over HTTP, the
 *                       SMTP peer for mail (something the sender cannot vary at will); {@code client} if null
 * @param commitTag      recorded with each change of this message in the commit that makes it durable, so that
 *                       the sender can learn after a crash whether the message was applied; null for none
 */
public record UpdateRequest(String content, UpdateOrigin origin, String client, List<VerifiedSignature> mimeSignatures,
                            Keyword keyword, String guessingClient, String commitTag) {

    public UpdateRequest {
        content = content == null ? "" : content;
        guessingClient = guessingClient == null ? client : guessingClient;
        mimeSignatures = mimeSignatures == null ? List.of() : List.copyOf(mimeSignatures);
        keyword = keyword == null ? Keyword.NONE : keyword;
    }

    public UpdateRequest(String content, UpdateOrigin origin, String client, List<VerifiedSignature> mimeSignatures,
                         Keyword keyword, String guessingClient) {
        this(content, origin, client, mimeSignatures, keyword, guessingClient, null);
    }

    public UpdateRequest(String content, UpdateOrigin origin, String client, List<VerifiedSignature> mimeSignatures,
                         Keyword keyword) {
        this(content, origin, client, mimeSignatures, keyword, null);
    }

    public UpdateRequest(String content, UpdateOrigin origin, String client, List<VerifiedSignature> mimeSignatures) {
        this(content, origin, client, mimeSignatures, Keyword.NONE);
    }

    /** The tags of {@code changes} changes of this message, as {@code WhoisDatabase.commit} takes them. */
    List<String> commitTags(int changes) {
        return commitTag == null ? List.of() : java.util.Collections.nCopies(changes, commitTag);
    }
}
