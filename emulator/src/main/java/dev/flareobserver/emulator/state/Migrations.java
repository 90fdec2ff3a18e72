package dev.flareobserver.emulator.state;

import java.util.List;

/**
 * The emulator's schema history, oldest first. Later features (KV, R2, D1, containers...) append
 * their own {@link Migration}; {@link StateStore} applies the ones newer than the stored
 * {@code PRAGMA user_version}, so a demo state from an older build is upgraded in place.
 */
public final class Migrations {

    public static final List<Migration> ALL = List.of(
            new Migration(1, "users, accounts, memberships, tokens", List.of(
                    """
                    CREATE TABLE users (
                      id          TEXT PRIMARY KEY,
                      email       TEXT NOT NULL UNIQUE,
                      first_name  TEXT,
                      last_name   TEXT,
                      api_key     TEXT NOT NULL,
                      created_on  TEXT NOT NULL,
                      modified_on TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE accounts (
                      id                TEXT PRIMARY KEY,
                      name              TEXT NOT NULL,
                      type              TEXT NOT NULL DEFAULT 'standard',
                      enforce_twofactor INTEGER NOT NULL DEFAULT 0,
                      created_on        TEXT NOT NULL,
                      position          INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE memberships (
                      id         TEXT PRIMARY KEY,
                      user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                      status     TEXT NOT NULL DEFAULT 'accepted',
                      roles      TEXT NOT NULL, -- one role name per line
                      UNIQUE (user_id, account_id)
                    )""",
                    // Token values are stored as given: the emulator must print the demo token again
                    // on the next run, and nothing here guards a real secret.
                    """
                    CREATE TABLE tokens (
                      id         TEXT PRIMARY KEY,
                      value      TEXT NOT NULL UNIQUE,
                      kind       TEXT NOT NULL CHECK (kind IN ('user', 'account')),
                      user_id    TEXT REFERENCES users(id) ON DELETE CASCADE,
                      account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
                      status     TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'expired')),
                      origin     TEXT NOT NULL DEFAULT 'configured',
                      not_before TEXT,
                      expires_on TEXT,
                      created_on TEXT NOT NULL
                    )""")));

    private Migrations() {
    }
}
