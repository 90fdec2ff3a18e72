package dev.flareobserver.app.page;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Every page of the product, in sidebar order; the order also gives the Ctrl+1..9 shortcuts. */
public enum PageId {
    OVERVIEW("overview", "Overview", Feather.HOME),
    WORKERS("workers", "Workers", Feather.CPU),
    LOGS("logs", "Logs", Feather.TERMINAL),
    KV("kv", "KV", Feather.KEY),
    R2("r2", "R2", Feather.ARCHIVE),
    D1("d1", "D1", Feather.DATABASE),
    CONTAINERS("containers", "Containers", Feather.BOX),
    PROVISIONING("provisioning", "Provisioning", Feather.LAYERS),
    SETTINGS("settings", "Settings", Feather.SETTINGS);

    private final String key;
    private final String title;
    private final Ikon icon;

    PageId(String key, String title, Ikon icon) {
        this.key = key;
        this.title = title;
        this.icon = icon;
    }

    /** Lower-case key used in node ids: {@code #nav-<key>}, {@code #page-<key>}. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** 1..9: the digit of its Ctrl shortcut. */
    public int shortcutDigit() {
        return ordinal() + 1;
    }

    public String navId() {
        return "nav-" + key;
    }

    public String pageId() {
        return "page-" + key;
    }
}
