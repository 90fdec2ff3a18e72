package dev.flareobserver.app.page.logs;

import dev.flareobserver.orchestration.logtail.LogEntry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * The Logs list: a virtual list with fixed row height over {@link LogRows}. What a frame costs depends on
 * the rows on screen only, never on how many rows the list holds: the list keeps the index of its first
 * row, lays out one {@link LogRowCell} per visible line and gives each the entry at its index. (A
 * {@code ListView} re-walks its size estimates over every item whenever the item count changes, which at
 * 100,000 rows and a change every frame costs more than a frame.)
 *
 * <p>It follows the newest row unless told to hold still; the user's scrolling, clicks and keys are
 * reported so the page can pause or follow. Selection is by sequence number, so it survives rows leaving
 * the head.
 */
public final class LogListView extends Region {

    private final LogRows items;
    private final ZoneId zone;
    private final ToIntFunction<String> colours;
    private final Pane sheet = new Pane();
    private final ScrollBar bar = new ScrollBar();
    private final List<LogRowCell> cells = new ArrayList<>();
    private final Node placeholder;
    private int top;
    private boolean following = true;
    private long selectedSeq = -1;
    private boolean settingBar;
    private double wheelRemainder;
    private boolean dirty;
    private boolean throttled;
    private long lastRefresh = Long.MIN_VALUE;
    private Consumer<LogEntry> onSelect = e -> { };
    private Runnable onUserScrolledAway = () -> { };
    private Runnable onUserReachedEnd = () -> { };

    LogListView(LogRows items, ZoneId zone, ToIntFunction<String> colours, Node placeholder) {
        this.items = items;
        this.zone = zone;
        this.colours = colours;
        this.placeholder = placeholder;
        getStyleClass().add("log-list");
        setFocusTraversable(true);
        sheet.getStyleClass().add("log-sheet");
        sheet.setManaged(false);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(sheet.widthProperty());
        clip.heightProperty().bind(sheet.heightProperty());
        sheet.setClip(clip);
        bar.setOrientation(Orientation.VERTICAL);
        bar.setManaged(false);
        bar.setMin(0);
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((obs, old, now) -> {
            if (!settingBar) {
                userScrolledTo((int) Math.round(now.doubleValue()));
            }
        });
        placeholder.setManaged(false);
        getChildren().addAll(sheet, bar, placeholder);
        // The rows are re-bound in layoutChildren only, once per pulse at most; while following a fast stream
        // the page decides when (refreshIfDue), so a screenful that changes every frame is not redrawn every frame.
        items.addListener((ListChangeListener<LogEntry>) c -> {
            dirty = true;
            if (!throttled) {
                requestLayout();
            }
        });

        addEventHandler(ScrollEvent.SCROLL, this::wheel);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    // --- what the page drives -------------------------------------------------------------------------

    void setOnSelect(Consumer<LogEntry> c) {
        onSelect = c;
    }

    /** The user scrolled up, dragged the bar, or picked a row: the page pauses. */
    void setOnUserScrolledAway(Runnable r) {
        onUserScrolledAway = r;
    }

    /** The user scrolled to the newest row (or pressed End): the page follows again. */
    void setOnUserReachedEnd(Runnable r) {
        onUserReachedEnd = r;
    }

    /** Following keeps the newest rows in view; otherwise the first row shown stays where it is. */
    void setFollowing(boolean follow) {
        if (follow != following) {
            following = follow;
            requestLayout();
        }
    }

    /**
     * While throttled, item changes wait for {@link #refreshIfDue} instead of laying the rows out at once.
     * Turning it off shows what is pending.
     */
    void setThrottled(boolean on) {
        if (on != throttled) {
            throttled = on;
            if (!on && dirty) {
                requestLayout();
            }
        }
    }

    /** Lays the rows out again if items changed and {@code minIntervalNanos} passed since the last time. */
    void refreshIfDue(long nanoTime, long minIntervalNanos) {
        if (dirty && (lastRefresh == Long.MIN_VALUE || nanoTime - lastRefresh >= minIntervalNanos)) {
            lastRefresh = nanoTime;
            requestLayout();
        }
    }

    /** Rows left the head (the buffer dropped them): the rows on screen stay the same entries. */
    void shiftForRemovedHead(int removed) {
        if (!following && removed > 0) {
            top = Math.max(0, top - removed);
        }
    }

    /** Shows the row with this index first (clamped). */
    public void scrollToIndex(int index) {
        top = Math.max(0, index);
        requestLayout();
    }

    /** Marks the entry as selected (null: none) and keeps it in view if it is shown. */
    void select(LogEntry e) {
        long seq = e == null ? -1 : e.seq();
        if (seq != selectedSeq) {
            selectedSeq = seq;
            requestLayout();
        }
    }

    /** Index of the first row on screen, or -1 when empty. */
    public int firstVisibleIndex() {
        return items.isEmpty() ? -1 : Math.min(top, items.size() - 1);
    }

    /** Index of the last row fully on screen, or -1 when empty. */
    public int lastVisibleIndex() {
        return items.isEmpty() ? -1 : Math.min(items.size(), top + fullRows()) - 1;
    }

    /** The row node showing this index, or null when it is not on screen (for UI tests: a person clicks it). */
    public Node cellAt(int index) {
        int i = index - top;
        return i >= 0 && i < cells.size() && cells.get(i).entry() != null ? cells.get(i) : null;
    }

    // --- layout ----------------------------------------------------------------------------------------------

    private int fullRows() {
        return Math.max(1, (int) Math.floor(sheet.getHeight() / LogRowCell.HEIGHT));
    }

    @Override
    protected void layoutChildren() {
        dirty = false;
        double w = getWidth();
        double h = getHeight();
        int n = items.size();
        int full = Math.max(1, (int) Math.floor(h / LogRowCell.HEIGHT));
        int visible = (int) Math.ceil(h / LogRowCell.HEIGHT);
        boolean needBar = n > full;
        double barWidth = needBar ? snapSizeX(bar.prefWidth(-1)) : 0;
        bar.setVisible(needBar);
        bar.resizeRelocate(w - barWidth, 0, barWidth, h);
        sheet.resizeRelocate(0, 0, w - barWidth, h);

        int maxTop = Math.max(0, n - full);
        top = following ? maxTop : Math.min(Math.max(0, top), maxTop);
        settingBar = true;
        try {
            bar.setMax(maxTop);
            bar.setVisibleAmount(maxTop == 0 ? 1 : Math.max(1, (double) full * maxTop / n));
            bar.setBlockIncrement(full);
            bar.setValue(top);
        } finally {
            settingBar = false;
        }

        while (cells.size() < visible) {
            LogRowCell cell = new LogRowCell(zone, colours);
            // Placed here, not by the sheet: a Pane would size it back to its preferred width.
            cell.setManaged(false);
            cells.add(cell);
            sheet.getChildren().add(cell);
        }
        while (cells.size() > visible) {
            sheet.getChildren().remove(cells.remove(cells.size() - 1));
        }
        double rowWidth = w - barWidth;
        for (int i = 0; i < cells.size(); i++) {
            int index = top + i;
            LogEntry e = index < n ? items.get(index) : null;
            LogRowCell cell = cells.get(i);
            cell.show(e, e != null && e.seq() == selectedSeq);
            cell.resizeRelocate(0, i * LogRowCell.HEIGHT, rowWidth, LogRowCell.HEIGHT);
        }
        placeholder.setVisible(n == 0);
        if (n == 0) {
            double pw = Math.min(w, placeholder.prefWidth(-1));
            double ph = placeholder.prefHeight(pw);
            placeholder.resizeRelocate((w - pw) / 2, (h - ph) / 2, pw, ph);
        }
    }

    // --- the user -----------------------------------------------------------------------------------------------

    private void userScrolledTo(int index) {
        int maxTop = Math.max(0, items.size() - fullRows());
        top = Math.max(0, Math.min(index, maxTop));
        if (top >= maxTop) {
            onUserReachedEnd.run();
        } else {
            onUserScrolledAway.run();
        }
        requestLayout();
    }

    private void wheel(ScrollEvent e) {
        if (e.getDeltaY() == 0 || items.isEmpty()) {
            return;
        }
        double rows = -e.getDeltaY() / LogRowCell.HEIGHT + wheelRemainder;
        int whole = (int) rows;
        if (whole == 0) {
            whole = rows < 0 ? -1 : 1;
            wheelRemainder = 0;
        } else {
            wheelRemainder = rows - whole;
        }
        userScrolledTo(top + whole);
        e.consume();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != this; n = n.getParent()) {
            if (n instanceof LogRowCell cell && cell.entry() != null) {
                onUserScrolledAway.run();
                choose(cell.entry());
                return;
            }
        }
    }

    private void key(KeyEvent e) {
        int n = items.size();
        if (n == 0) {
            return;
        }
        int current = selectedIndex();
        int target;
        switch (e.getCode()) {
            case UP -> target = current < 0 ? lastVisibleIndex() : current - 1;
            case DOWN -> target = current < 0 ? firstVisibleIndex() : current + 1;
            case PAGE_UP -> target = (current < 0 ? firstVisibleIndex() : current) - fullRows();
            case PAGE_DOWN -> target = (current < 0 ? lastVisibleIndex() : current) + fullRows();
            case HOME -> target = 0;
            case END -> {
                onUserReachedEnd.run();
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        e.consume();
        target = Math.max(0, Math.min(n - 1, target));
        onUserScrolledAway.run();
        choose(items.get(target));
        if (target < top) {
            top = target;
        } else if (target >= top + fullRows()) {
            top = target - fullRows() + 1;
        }
        requestLayout();
    }

    private int selectedIndex() {
        if (selectedSeq < 0 || items.isEmpty()) {
            return -1;
        }
        int i = items.indexOfSeq(selectedSeq);
        return items.get(i).seq() == selectedSeq ? i : -1;
    }

    private void choose(LogEntry e) {
        selectedSeq = e.seq();
        onSelect.accept(e);
        requestLayout();
    }
}
