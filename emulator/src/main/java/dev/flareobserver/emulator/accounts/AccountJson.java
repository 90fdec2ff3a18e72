package dev.flareobserver.emulator.accounts;

/** {@code iam_account} as the API returns it (also nested in memberships). */
public record AccountJson(String id, String name, String type, Settings settings, String createdOn) {

    /** {@code iam_account.settings}; optional fields the emulator has no value for are left out. */
    public record Settings(boolean enforceTwofactor, boolean useAccountCustomNsByDefault, String defaultNameservers) {
    }

    public static AccountJson of(AccountStore.AccountRecord a) {
        return new AccountJson(a.id(), a.name(), a.type(),
                new Settings(a.enforceTwofactor(), false, "cloudflare.standard"), a.createdOn().toString());
    }
}
