package dev.flareobserver.app.page;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One page of the main window. The shell shows {@link #view()} and calls {@link #onShow()} /
 * {@link #onHide()} when the user arrives and leaves, so only the visible page polls.
 */
public interface Page {

    PageId id();

    default String title() {
        return id().title();
    }

    default Ikon icon() {
        return id().icon();
    }

    /** The page's root node (id {@code page-<key>}); built once, on first use. */
    Node view();

    /** The page became visible: start polling. */
    default void onShow() {
    }

    /** The page was left: stop polling, free what it holds. */
    default void onHide() {
    }

    /** The window closes. */
    default void dispose() {
        onHide();
    }
}
