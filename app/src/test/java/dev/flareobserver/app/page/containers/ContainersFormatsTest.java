package dev.flareobserver.app.page.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.containers.ApplicationVersion;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainersFormatsTest {

    private static ApplicationRow app(Integer version, List<ApplicationVersion> versions) {
        ContainerApplication application = new ContainerApplication("a1", "acct", "hello", version, null, null, null,
                3, null, null, null, null, null, null, null);
        return new ApplicationRow(application, List.of(), null, versions, null, List.of(), null, null);
    }

    @Test
    void versionsShowWhatInstancesRunNewestFirstDuringARollout() {
        List<ApplicationVersion> versions = List.of(new ApplicationVersion(1, 0.0, null),
                new ApplicationVersion(2, 66.7, null), new ApplicationVersion(3, 33.3, null));
        assertThat(ContainersFormats.versions(app(3, versions))).isEqualTo("v3 33% · v2 67%");
    }

    @Test
    void versionsFallBackToTheApplicationsVersionWhenNoneWereRead() {
        assertThat(ContainersFormats.versions(app(4, List.of()))).isEqualTo("v4");
        assertThat(ContainersFormats.versions(app(null, List.of()))).isEqualTo("—");
    }
}
