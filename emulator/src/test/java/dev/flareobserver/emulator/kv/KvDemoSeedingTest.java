package dev.flareobserver.emulator.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.state.Migrations;
import dev.flareobserver.emulator.state.StateStore;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding is cheap (namespace rows only) and idempotent; keys appear on first use, the large set in one statement. */
class KvDemoSeedingTest {

    @TempDir
    Path dataDir;
    private StateStore state;

    @BeforeEach
    void open() {
        state = StateStore.open(null, Migrations.ALL);
        state.write(c -> {
            for (var account : List.of(DemoWorld.PRODUCTION, DemoWorld.STAGING)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO accounts (id, name, created_on, position) VALUES (?, ?, '2021-01-01T00:00:00Z', 1)")) {
                    ps.setString(1, account.id());
                    ps.setString(2, account.name());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        state.close();
    }

    private long count(String sql) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
    }

    private KvFeature feature(int largeKeys) {
        EmulatorOptions options = EmulatorOptions.builder().kvLargeNamespace(largeKeys).build();
        return KvFeature.create(new FeatureContext(state, null, options, Clock.systemUTC(), dataDir));
    }

    @Test
    void seedingCreatesNamespacesButNoKeysAndRunsAgainHarmlessly() {
        KvFeature kv = feature(0);
        kv.seed(List.of(DemoWorld.PRODUCTION, DemoWorld.STAGING));
        kv.seed(List.of(DemoWorld.PRODUCTION, DemoWorld.STAGING));

        assertThat(count("SELECT COUNT(*) FROM kv_namespaces")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM kv_entries")).isZero();
    }

    @Test
    void aDeletedDemoNamespaceStaysDeletedAcrossSeeding() {
        KvFeature kv = feature(0);
        kv.seed(List.of(DemoWorld.PRODUCTION));
        KvStore store = new KvStore(state);
        store.deleteNamespace(store.namespaces(DemoWorld.PRODUCTION.id()).get(0).id());

        kv.seed(List.of(DemoWorld.PRODUCTION));

        assertThat(store.namespaces(DemoWorld.PRODUCTION.id())).hasSize(2);
    }

    @Test
    void demoKeysAndTheLargeNamespaceAreGeneratedOnceOnFirstUse() {
        feature(20_000).seed(List.of(DemoWorld.PRODUCTION));
        KvStore store = new KvStore(state);
        KvStore.NamespaceRecord large = store.namespaces(DemoWorld.PRODUCTION.id()).stream()
                .filter(n -> n.title().equals(KvDemoData.LARGE_TITLE)).findFirst().orElseThrow();
        long now = System.currentTimeMillis() / 1000;

        store.materialize(large.id(), (c, id, set) -> KvDemoData.generate(c, id, set, now));
        store.materialize(large.id(), (c, id, set) -> {
            throw new AssertionError("generated twice");
        });

        assertThat(count("SELECT COUNT(*) FROM kv_entries")).isEqualTo(20_000);
        List<KvStore.ListedKey> first = store.list(large.id(), new byte[0], new byte[0], 3, now);
        assertThat(first).extracting(KvStore.ListedKey::key).containsExactly("key:0000000", "key:0000001", "key:0000002");
        assertThat(first.get(0).metadata()).isEqualTo("{\"shard\":0}");
        assertThat(store.entry(large.id(), "key:0019999", now).orElseThrow().value())
                .asString().isEqualTo("{\"n\":19999,\"payload\":\"value 19999\"}");
    }

    @Test
    void prefixEndIsTheNextByteString() {
        assertThat(KvStore.prefixEnd(new byte[] {'a', 'b'})).containsExactly('a', 'c');
        assertThat(KvStore.prefixEnd(new byte[] {'a', (byte) 0xff})).containsExactly('b');
        assertThat(KvStore.prefixEnd(new byte[] {(byte) 0xff})).isNull();
    }
}
