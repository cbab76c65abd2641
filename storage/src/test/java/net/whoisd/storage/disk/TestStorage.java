package net.whoisd.storage.disk;

import java.nio.file.Path;

/** Databases as tests open them: the default options, but the thousands of test databases need no 64 MB disk reserve each. */
public final class TestStorage {
    public static final StorageOptions OPTIONS = StorageOptions.defaults().withDiskRoom(1L << 20,
            StorageOptions.defaults().minFreeBytes());

    private TestStorage() {
    }

    public static PersistentDatabase open(Path dataDir, String source) {
        return PersistentDatabase.open(dataDir, source, OPTIONS);
    }
}
