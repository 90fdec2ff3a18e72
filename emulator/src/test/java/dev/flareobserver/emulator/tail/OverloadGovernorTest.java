package dev.flareobserver.emulator.tail;

import org.junit.jupiter.api.Test;

import static dev.flareobserver.emulator.tail.OverloadGovernor.Change.ENTERED;
import static dev.flareobserver.emulator.tail.OverloadGovernor.Change.EXITED;
import static dev.flareobserver.emulator.tail.OverloadGovernor.Change.NONE;
import static org.assertj.core.api.Assertions.assertThat;

class OverloadGovernorTest {

    static final long MS = 1_000_000L;

    @Test
    void entersOnTheFirstEventAboveTheThresholdOfAWindow() {
        OverloadGovernor g = new OverloadGovernor(10);
        g.roll(0);
        for (int i = 0; i < 10; i++) {
            assertThat(g.count()).isEqualTo(NONE);
        }
        assertThat(g.keepFraction()).isEqualTo(1.0);
        assertThat(g.count()).isEqualTo(ENTERED);
        assertThat(g.count()).as("announced once").isEqualTo(NONE);
        assertThat(g.sampling()).isTrue();
        assertThat(g.keepFraction()).isEqualTo(10 / 12.0);
    }

    @Test
    void keepsAboutTheThresholdPerSecondOnceTheRateIsKnown() {
        OverloadGovernor g = new OverloadGovernor(100);
        g.roll(0);
        for (int i = 0; i < 10_000; i++) {
            g.count();
        }
        assertThat(g.roll(1000 * MS)).isEqualTo(NONE);
        g.count();
        assertThat(g.keepFraction()).isEqualTo(0.01);
    }

    @Test
    void aCalmWindowEndsSamplingAndAQuietGapToo() {
        OverloadGovernor g = new OverloadGovernor(5);
        g.roll(0);
        for (int i = 0; i < 50; i++) {
            g.count();
        }
        assertThat(g.roll(1500 * MS)).as("the busy window just ended").isEqualTo(NONE);
        for (int i = 0; i < 3; i++) {
            g.count();
        }
        assertThat(g.roll(1999 * MS)).isEqualTo(NONE);
        assertThat(g.roll(2000 * MS)).isEqualTo(EXITED);
        assertThat(g.sampling()).isFalse();
        assertThat(g.keepFraction()).isEqualTo(1.0);

        for (int i = 0; i < 6; i++) {
            g.count();
        }
        assertThat(g.sampling()).isTrue();
        // Nothing for several seconds: the next roll finds an empty last window.
        assertThat(g.roll(9000 * MS)).isEqualTo(EXITED);
    }
}
