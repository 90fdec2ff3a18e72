package dev.flareobserver.emulator.containers;

import java.util.List;
import java.util.Locale;

/**
 * Where an emulated instance "runs": a location name, its region code (AFR, APAC, EEUR, ENAM, WNAM, ME, OC, SAM,
 * WEUR per containers.md §4) and a country (ISO 3166 alpha-2). Location names are unconfirmed (Cloudflare does not
 * document their shape); these follow the data-centre code plus a number.
 */
record Location(String name, String region, String country) {

    static final List<Location> ALL = List.of(
            new Location("ams01", "WEUR", "NL"), new Location("iad05", "ENAM", "US"),
            new Location("sjc01", "WNAM", "US"), new Location("fra02", "WEUR", "DE"),
            new Location("sin02", "APAC", "SG"), new Location("gru01", "SAM", "BR"),
            new Location("syd01", "OC", "AU"), new Location("waw01", "EEUR", "PL"),
            new Location("jnb01", "AFR", "ZA"), new Location("dxb01", "ME", "AE"));

    /** The n-th location among those in {@code regions} (all when empty); region codes in any case. */
    static Location pick(List<String> regions, int n) {
        List<Location> allowed = regions == null || regions.isEmpty() ? ALL : ALL.stream()
                .filter(l -> regions.stream().anyMatch(r -> r.toUpperCase(Locale.ROOT).equals(l.region()))).toList();
        List<Location> from = allowed.isEmpty() ? ALL : allowed;
        return from.get(Math.floorMod(n, from.size()));
    }
}
