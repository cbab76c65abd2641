package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.whoisd.storage.Change;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.TaggedChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitTagsTest {
    @TempDir
    Path dir;

    @Test
    void tagsAreCommittedWithTheirChangesAndReadBackAfterReopenAndSnapshot() {
        Change a = Change.create(Objects.person("Ann", "AA1-TEST", "TEST-MNT"));
        Change b = Change.create(Objects.person("Bob", "BB1-TEST", "TEST-MNT"));
        Change c = Change.create(Objects.person("Cid", "CC1-TEST", "TEST-MNT"));
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.mntner("TEST-MNT", "AA1-TEST"))));
            db.commit(List.of(a, b, c), () -> { }, Arrays.asList("mail-1", null, "mail-2"));
            db.snapshot();
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            List<TaggedChange> tagged = db.taggedChanges(0);
            assertEquals(List.of(new TaggedChange("mail-1", 2, a), new TaggedChange("mail-2", 4, c)), tagged);
            assertEquals(List.of(new TaggedChange("mail-2", 4, c)), db.taggedChanges(3));
            assertEquals(List.of(), db.taggedChanges(4));
        }
    }

    @Test
    void untaggedCommitsReadAsUntagged() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("Ann", "AA1-TEST", "TEST-MNT"))));
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(List.of(), db.taggedChanges(0));
            assertEquals(1, db.currentSerial());
        }
    }

    @Test
    void tagsMustMatchTheChanges() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertThrows(StorageException.class, () -> db.commit(
                    List.of(Change.create(Objects.person("Ann", "AA1-TEST", "TEST-MNT"))), () -> { }, List.of("x", "y")));
            assertEquals(0, db.currentSerial());
        }
    }
}
