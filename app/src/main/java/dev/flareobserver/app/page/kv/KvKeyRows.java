package dev.flareobserver.app.page.kv;

import dev.flareobserver.orchestration.resources.kv.KvKeyBrowser;
import javafx.collections.ObservableListBase;

/**
 * The key browser as a ListView's items: rows are made on demand from the compact {@link KvKeyBrowser}, so a
 * virtualized list touches only what is on screen. {@link #refresh()} announces rows appended since the last
 * call, on the FX thread.
 */
public final class KvKeyRows extends ObservableListBase<KvKeyRow> {

    private final KvKeyBrowser browser;
    private int shown;

    KvKeyRows(KvKeyBrowser browser) {
        this.browser = browser;
    }

    KvKeyBrowser browser() {
        return browser;
    }

    @Override
    public KvKeyRow get(int index) {
        if (index < 0 || index >= shown) {
            throw new IndexOutOfBoundsException(index);
        }
        return new KvKeyRow(index, browser.key(index), browser.expiration(index), browser.metadataJson(index));
    }

    @Override
    public int size() {
        return shown;
    }

    /** Tells listeners about the rows the browser gained. */
    void refresh() {
        int now = browser.size();
        if (now > shown) {
            beginChange();
            nextAdd(shown, now);
            shown = now;
            endChange();
        }
    }
}
