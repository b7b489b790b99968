enum Migration0002People {
    static let migration = Migration(version: 2, name: "people, roles, sessions, api keys") { _ in [
        """
        CREATE TABLE roles (
          id {ID},
          key TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          built_in BOOLEAN NOT NULL DEFAULT FALSE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE role_permissions (
          role_id BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
          permission TEXT NOT NULL,
          PRIMARY KEY (role_id, permission)
        )
        """,
        """
        CREATE TABLE users (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          login TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          email TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          active BOOLEAN NOT NULL DEFAULT TRUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX users_org_unit ON users (org_unit_id, name)",
        """
        CREATE TABLE user_roles (
          user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          role_id BIGINT NOT NULL REFERENCES roles(id),
          PRIMARY KEY (user_id, role_id)
        )
        """,
        "CREATE INDEX user_roles_role ON user_roles (role_id)",
        """
        CREATE TABLE auth_tokens (
          id {ID},
          kind TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          csrf_token TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX auth_tokens_user ON auth_tokens (user_id)",
        """
        CREATE TABLE api_keys (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          name TEXT NOT NULL,
          prefix TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          role_id BIGINT NOT NULL REFERENCES roles(id),
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          revoked_at TEXT,
          last_used_at TEXT
        )
        """,
        "CREATE INDEX api_keys_org_unit ON api_keys (org_unit_id)",
        """
        CREATE TABLE login_failures (
          id {ID},
          login TEXT NOT NULL,
          ip TEXT NOT NULL,
          at TEXT NOT NULL
        )
        """,
        "CREATE INDEX login_failures_login ON login_failures (login, at)",
        "CREATE INDEX login_failures_ip ON login_failures (ip, at)",
        """
        CREATE TABLE password_resets (
          id {ID},
          user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          token_hash TEXT NOT NULL UNIQUE,
          expires_at TEXT NOT NULL,
          used_at TEXT
        )
        """,
    ] }
}
