package dev.flareobserver.app.page;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Maps each {@link PageId} to the code that builds its page. Pages are built on first visit, which
 * keeps the first frame fast; adding a page is one {@link #register} line.
 */
public final class PageRegistry {

    private final Map<PageId, Supplier<? extends Page>> factories = new EnumMap<>(PageId.class);
    private final Map<PageId, Page> built = new EnumMap<>(PageId.class);

    public PageRegistry register(PageId id, Supplier<? extends Page> factory) {
        factories.put(Objects.requireNonNull(id), Objects.requireNonNull(factory));
        return this;
    }

    /** Sidebar order: the registered pages in {@link PageId} order. */
    public List<PageId> pages() {
        return new ArrayList<>(factories.keySet());
    }

    public Page get(PageId id) {
        Page page = built.get(id);
        if (page == null) {
            Supplier<? extends Page> factory = factories.get(id);
            if (factory == null) {
                throw new IllegalArgumentException("No page registered for " + id);
            }
            page = factory.get();
            built.put(id, page);
        }
        return page;
    }

    public boolean isBuilt(PageId id) {
        return built.containsKey(id);
    }

    public void disposeAll() {
        built.values().forEach(Page::dispose);
        built.clear();
    }
}
