package dev.flareobserver.app.page.logs;

import static dev.flareobserver.app.page.logs.LogsViewModelTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.ViewUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRowsTest {

    private static List<LogEntry> seqs(long... seqs) {
        List<LogEntry> out = new ArrayList<>();
        for (long s : seqs) {
            out.add(event(s, "w", "ok", LogLevel.LOG, "x"));
        }
        return out;
    }

    @Test
    void findsARowBySequenceNumberOrTheNextOneWhenItIsGone() {
        LogRows rows = new LogRows();
        assertThat(rows.indexOfSeq(5)).isEqualTo(-1);
        rows.apply(new ViewUpdate(false, 0, seqs(2, 4, 6, 8)));
        assertThat(rows.indexOfSeq(6)).isEqualTo(2);
        assertThat(rows.indexOfSeq(5)).isEqualTo(2);
        assertThat(rows.indexOfSeq(1)).isEqualTo(0);
        assertThat(rows.indexOfSeq(99)).isEqualTo(3);
    }

    @Test
    void dropsMoreThanItHoldsWithoutFailing() {
        LogRows rows = new LogRows();
        rows.apply(new ViewUpdate(false, 0, seqs(1, 2)));
        rows.apply(new ViewUpdate(false, 5, seqs(9)));
        assertThat(rows).extracting(LogEntry::seq).containsExactly(9L);
        rows.clear();
        assertThat(rows).isEmpty();
    }
}
