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
                    )""")),
            new Migration(2, "workers scripts, versions, modules, deployments, subdomains", List.of(
                    // Non-versioned settings (tail consumers, observability, tags...) live as one JSON
                    // object: the emulator stores and echoes them, it never queries inside them.
                    """
                    CREATE TABLE worker_scripts (
                      account_id         TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                      name               TEXT NOT NULL,
                      tag                TEXT NOT NULL,
                      created_on         TEXT NOT NULL,
                      usage_model        TEXT NOT NULL DEFAULT 'standard',
                      logpush            INTEGER NOT NULL DEFAULT 0,
                      script_settings    TEXT NOT NULL DEFAULT '{}',
                      workers_dev        INTEGER NOT NULL DEFAULT 1,
                      previews_enabled   INTEGER NOT NULL DEFAULT 1,
                      last_deployed_from TEXT NOT NULL DEFAULT 'wrangler',
                      PRIMARY KEY (account_id, name)
                    )""",
                    // A version is immutable once uploaded; "metadata" is the upload's metadata part as sent.
                    """
                    CREATE TABLE worker_versions (
                      id           TEXT PRIMARY KEY,
                      account_id   TEXT NOT NULL,
                      script_name  TEXT NOT NULL,
                      number       INTEGER NOT NULL,
                      created_on   TEXT NOT NULL,
                      author_email TEXT NOT NULL,
                      author_id    TEXT NOT NULL,
                      source       TEXT NOT NULL,
                      annotations  TEXT NOT NULL DEFAULT '{}',
                      metadata     TEXT NOT NULL DEFAULT '{}',
                      handlers     TEXT NOT NULL DEFAULT '["fetch"]',
                      etag         TEXT NOT NULL,
                      UNIQUE (account_id, script_name, number),
                      FOREIGN KEY (account_id, script_name) REFERENCES worker_scripts(account_id, name) ON DELETE CASCADE
                    )""",
                    """
                    CREATE TABLE worker_modules (
                      version_id   TEXT NOT NULL REFERENCES worker_versions(id) ON DELETE CASCADE,
                      position     INTEGER NOT NULL,
                      name         TEXT NOT NULL,
                      content_type TEXT NOT NULL,
                      content      BLOB NOT NULL,
                      PRIMARY KEY (version_id, name)
                    )""",
                    // versions: JSON array [{version_id, percentage}], the deployment's split as created.
                    """
                    CREATE TABLE worker_deployments (
                      id           TEXT PRIMARY KEY,
                      account_id   TEXT NOT NULL,
                      script_name  TEXT NOT NULL,
                      created_on   TEXT NOT NULL,
                      source       TEXT NOT NULL,
                      author_email TEXT NOT NULL,
                      annotations  TEXT NOT NULL DEFAULT '{}',
                      versions     TEXT NOT NULL,
                      FOREIGN KEY (account_id, script_name) REFERENCES worker_scripts(account_id, name) ON DELETE CASCADE
                    )""",
                    "CREATE INDEX worker_deployments_by_script ON worker_deployments (account_id, script_name, created_on)",
                    """
                    CREATE TABLE worker_subdomains (
                      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
                      subdomain  TEXT NOT NULL UNIQUE
                    )""")));

    private Migrations() {
    }
}
