package dev.flareobserver.app.page.logs;

import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * One row of the Logs list: time, Worker, outcome, method, status, path, exception mark and first log
 * line of an event, with a level stripe; a gap or a notice is one full-width marker line.
 *
 * <p>Built for a stream that replaces every visible row each frame: plain {@link Text} nodes at fixed
 * columns, clipped instead of ellipsised (a Label measures its text again and again to place "…"),
 * laid out by hand, and states (level, kind, outcome, Worker colour, selection) as pseudo-classes, which
 * restyle a row without matching its selectors again. Texts are formatted only for the rows on screen.
 */
final class LogRowCell extends Region {

    static final double HEIGHT = 26;
    static final double PAD_LEFT = 8;
    static final double GAP = 10;
    static final double MARK_WIDTH = 3;
    static final double TIME_WIDTH = 90;
    static final double WORKER_WIDTH = 150;
    static final double OUTCOME_WIDTH = 104;
    static final double METHOD_WIDTH = 48;
    static final double STATUS_WIDTH = 40;
    static final double PATH_WIDTH = 160;
    static final double EXCEPTION_WIDTH = 66;
    /** Colours given to Worker names in turn (pseudo-classes worker-c0..4), so merged streams are told apart. */
    static final int WORKER_COLOURS = 5;
    /** A first line is cut here before it is laid out: the row shows far less, the detail pane all of it. */
    static final int MAX_CHARS = 300;

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass GAP_ROW = PseudoClass.getPseudoClass("gap");
    private static final PseudoClass NOTICE_ROW = PseudoClass.getPseudoClass("notice");
    private static final PseudoClass[] LEVELS = new PseudoClass[LogLevel.values().length];
    private static final PseudoClass[] WORKERS = new PseudoClass[WORKER_COLOURS];
    private static final PseudoClass OUTCOME_OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass OUTCOME_ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass OUTCOME_CANCELED = PseudoClass.getPseudoClass("canceled");

    static {
        for (LogLevel l : LogLevel.values()) {
            LEVELS[l.ordinal()] = PseudoClass.getPseudoClass("level-" + l.name().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < WORKER_COLOURS; i++) {
            WORKERS[i] = PseudoClass.getPseudoClass("c" + i);
        }
    }

    private final ZoneId zone;
    private final ToIntFunction<String> colours;
    private final Region levelMark = new Region();
    private final Text time = text("log-time", TIME_WIDTH);
    private final Text worker = text("log-worker", WORKER_WIDTH);
    private final Text outcome = text("log-outcome", OUTCOME_WIDTH);
    private final Text method = text("log-method", METHOD_WIDTH);
    private final Text status = text("log-status", STATUS_WIDTH);
    private final Text path = text("log-path", PATH_WIDTH);
    private final Text exception = text("log-exception", EXCEPTION_WIDTH);
    private final Text line = text("log-line", 0);
    private final Text marker = text("log-marker", 0);
    private LogEntry entry;
    private boolean selected;
    private PseudoClass level;
    private PseudoClass kind;
    private PseudoClass outcomeState;
    private PseudoClass workerColour;
    private double laidOutWidth = -1;

    /** @param colours the colour number of a Worker (its place among the tailed ones) */
    LogRowCell(ZoneId zone, ToIntFunction<String> colours) {
        this.zone = zone;
        this.colours = colours;
        getStyleClass().add("log-row");
        levelMark.getStyleClass().add("level-mark");
        levelMark.setManaged(false);
        exception.setText("exception");
        getChildren().addAll(levelMark, time, worker, outcome, method, status, path, exception, line, marker);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        show(null, false);
    }

    private static Text text(String styleClass, double width) {
        Text t = new Text();
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.CENTER);
        t.setManaged(false);
        if (width > 0) {
            t.setClip(new Rectangle(0, -HEIGHT / 2, width, HEIGHT));
        }
        return t;
    }

    /** The entry this row shows (null: an empty row). */
    LogEntry entry() {
        return entry;
    }

    /** Shows an entry; a row that already shows it changes nothing but its selection. */
    void show(LogEntry e, boolean isSelected) {
        if (isSelected != selected) {
            selected = isSelected;
            pseudoClassStateChanged(SELECTED, isSelected);
        }
        if (e == entry && e != null) {
            if (e.kind() == EntryKind.EVENT && worker.getFont() != fittedFont) {
                // The row's style (and font) arrived after it was first filled: fit the name again.
                worker.setText(fitted(e.worker()));
            }
            return;
        }
        entry = e;
        boolean event = e != null && e.kind() == EntryKind.EVENT;
        boolean markerRow = e != null && !event;
        setVisible(e != null);
        for (Text t : new Text[] {time, worker, outcome, method, status, path, line}) {
            t.setVisible(event);
        }
        exception.setVisible(event && e.exception());
        levelMark.setVisible(event);
        marker.setVisible(markerRow);
        setKind(e == null ? null : e.kind() == EntryKind.GAP ? GAP_ROW : e.kind() == EntryKind.NOTICE ? NOTICE_ROW : null);
        if (event) {
            time.setText(LogsFormats.time(e.time(), zone));
            worker.setText(fitted(e.worker()));
            setWorkerColour(WORKERS[Math.floorMod(colours.applyAsInt(e.worker()), WORKER_COLOURS)]);
            outcome.setText(LogsFormats.outcome(e.outcome()));
            setOutcome(outcomeState(e.outcome()));
            method.setText(e.method() == null ? "" : e.method());
            status.setText(LogsFormats.status(e.status()));
            path.setText(cut(LogsFormats.path(e.url())));
            line.setText(cut(e.firstLine()));
            setLevel(LEVELS[(e.level() == null ? LogLevel.NONE : e.level()).ordinal()]);
            layoutLine();
        } else if (markerRow) {
            marker.setText(cut(e.kind() == EntryKind.GAP ? LogsFormats.gap(e, zone) : LogsFormats.notice(e)));
            setLevel(null);
        }
    }

    /** Worker names recur: each is fitted to its column once (with "…"), not measured per row. */
    private final Map<String, String> fittedWorkers = new HashMap<>();
    private Font fittedFont;

    private String fitted(String name) {
        if (name == null) {
            return "";
        }
        Font font = worker.getFont();
        if (font != fittedFont) {
            fittedWorkers.clear();
            fittedFont = font;
        }
        return fittedWorkers.computeIfAbsent(name, n -> fit(n, font, WORKER_WIDTH - 4));
    }

    static String fit(String text, Font font, double width) {
        Text probe = new Text(text);
        probe.setFont(font);
        if (probe.getLayoutBounds().getWidth() <= width) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            probe.setText(text.substring(0, mid) + "…");
            if (probe.getLayoutBounds().getWidth() <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo) + "…";
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.indexOf('\n') >= 0 ? s.replace('\n', ' ') : s;
        return oneLine.length() <= MAX_CHARS ? oneLine : oneLine.substring(0, MAX_CHARS);
    }

    private static PseudoClass outcomeState(String wire) {
        String c = LogsFormats.outcomeClass(wire);
        return c.equals("outcome-ok") ? OUTCOME_OK : c.equals("outcome-canceled") ? OUTCOME_CANCELED : OUTCOME_ERROR;
    }

    private void setKind(PseudoClass next) {
        if (next != kind) {
            if (kind != null) {
                pseudoClassStateChanged(kind, false);
            }
            kind = next;
            if (next != null) {
                pseudoClassStateChanged(next, true);
            }
        }
    }

    private void setLevel(PseudoClass next) {
        if (next != level) {
            if (level != null) {
                pseudoClassStateChanged(level, false);
            }
            level = next;
            if (next != null) {
                pseudoClassStateChanged(next, true);
            }
        }
    }

    private void setOutcome(PseudoClass next) {
        if (next != outcomeState) {
            if (outcomeState != null) {
                outcome.pseudoClassStateChanged(outcomeState, false);
            }
            outcomeState = next;
            outcome.pseudoClassStateChanged(next, true);
        }
    }

    private void setWorkerColour(PseudoClass next) {
        if (next != workerColour) {
            if (workerColour != null) {
                worker.pseudoClassStateChanged(workerColour, false);
            }
            workerColour = next;
            worker.pseudoClassStateChanged(next, true);
        }
    }

    /** x of each column, left to right. */
    static double[] columns() {
        double x = PAD_LEFT + MARK_WIDTH + GAP;
        double[] out = new double[7];
        double[] widths = {TIME_WIDTH, WORKER_WIDTH, OUTCOME_WIDTH, METHOD_WIDTH, STATUS_WIDTH, PATH_WIDTH};
        for (int i = 0; i < widths.length; i++) {
            out[i] = x;
            x += widths[i] + GAP;
        }
        out[6] = x;
        return out;
    }

    private static final double[] X = columns();

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        if (w == laidOutWidth) {
            return;
        }
        laidOutWidth = w;
        double mid = HEIGHT / 2;
        levelMark.resizeRelocate(PAD_LEFT, 5, MARK_WIDTH, HEIGHT - 10);
        Text[] columns = {time, worker, outcome, method, status, path};
        for (int i = 0; i < columns.length; i++) {
            columns[i].setLayoutX(X[i]);
            columns[i].setLayoutY(mid);
        }
        exception.setLayoutX(X[6]);
        exception.setLayoutY(mid);
        line.setLayoutY(mid);
        marker.setLayoutX(PAD_LEFT);
        marker.setLayoutY(mid);
        marker.setClip(new Rectangle(0, -HEIGHT / 2, Math.max(0, w - 2 * PAD_LEFT), HEIGHT));
        layoutLine();
    }

    /** The first line starts after the exception mark when there is one and takes the rest of the row. */
    private void layoutLine() {
        double x = X[6] + (exception.isVisible() ? EXCEPTION_WIDTH + GAP : 0);
        line.setLayoutX(x);
        double width = Math.max(0, (laidOutWidth < 0 ? getWidth() : laidOutWidth) - x - PAD_LEFT);
        if (!(line.getClip() instanceof Rectangle r) || r.getWidth() != width) {
            line.setClip(new Rectangle(0, -HEIGHT / 2, width, HEIGHT));
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return HEIGHT;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }
}
