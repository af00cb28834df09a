//! Where the council's accounts live: SQLite in the data folder by default, PostgreSQL when
//! `DATABASE_URL` names one. One set of queries for both (sqlx's `Any` driver), so that a town
//! that outgrows one machine changes a setting, not the program.

use std::fmt;
use std::path::{Path, PathBuf};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use super::accounts::{Role, Token};

/// The council's database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    kind: Kind,
}

/// Which database a [`Store`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `council.sqlite` in the data folder.
    Sqlite,
    Postgres,
}

/// Where the store is, as `recit serve` was told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// `--data DIR`.
    Folder(PathBuf),
    /// `DATABASE_URL` (`postgres://…`).
    Url(String),
}

/// What went wrong with the database.
#[derive(Debug)]
pub enum StoreError {
    /// The data folder cannot be made or opened.
    Folder {
        dir: PathBuf,
        error: std::io::Error,
    },
    /// `DATABASE_URL` names a database this program does not speak.
    Unsupported(String),
    Database(sqlx::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Folder { dir, error } => write!(f, "{}: cannot use it as the data folder: {error}", dir.display()),
            StoreError::Unsupported(url) => write!(f, "DATABASE_URL: {url}: not a PostgreSQL address (postgres://user:password@host/database)"),
            StoreError::Database(error) => write!(f, "database: {error}"),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error)
    }
}

/// The file of the default store, in the data folder.
pub const SQLITE_FILE: &str = "council.sqlite";

/// The tables, created when missing. Ids and tokens are text (random, never a sequence: the
/// same SQL on both databases); tokens are stored as their SHA-256, so that a copy of the
/// database opens no session and accepts no invitation.
const SCHEMA: [&str; 3] = [
    "CREATE TABLE IF NOT EXISTS members (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, password TEXT NOT NULL, role TEXT NOT NULL, created BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, member TEXT NOT NULL, expires BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS invitations (token TEXT PRIMARY KEY, role TEXT NOT NULL, expires BIGINT NOT NULL, used BIGINT)",
];

/// A member as the store keeps them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
}

impl Member {
    fn from_row(row: &AnyRow) -> Result<Member, sqlx::Error> {
        let role: String = row.try_get("role")?;
        Ok(Member { id: row.try_get("id")?, name: row.try_get("name")?, role: Role::parse(&role).ok_or_else(|| sqlx::Error::Decode(format!("unknown role {role}").into()))? })
    }
}

impl Store {
    /// Opens (and creates, the first time) the store at `location`.
    pub async fn open(location: &Location) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, kind) = match location {
            Location::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|error| StoreError::Folder { dir: dir.clone(), error })?;
                let dir = std::path::absolute(dir).map_err(|error| StoreError::Folder { dir: dir.clone(), error })?;
                (format!("sqlite://{}?mode=rwc", dir.join(SQLITE_FILE).display()), Kind::Sqlite)
            }
            Location::Url(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => (url.clone(), Kind::Postgres),
            Location::Url(url) => return Err(StoreError::Unsupported(url.clone())),
        };
        let pool = AnyPoolOptions::new().max_connections(8).connect(&url).await?;
        if kind == Kind::Sqlite {
            // Readers never wait for a writer, and a write is on disk once committed (the
            // default synchronous level with WAL loses nothing at a process's kill).
            sqlx::query("PRAGMA journal_mode=WAL").execute(&pool).await?;
        }
        for statement in SCHEMA {
            sqlx::query(statement).execute(&pool).await?;
        }
        // The shared documents' updates, in the order they were stored: the sequence is the
        // only column whose SQL differs between the two databases.
        let sequence = match kind {
            Kind::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
            Kind::Postgres => "BIGSERIAL PRIMARY KEY",
        };
        let bytes = match kind {
            Kind::Sqlite => "BLOB",
            Kind::Postgres => "BYTEA",
        };
        sqlx::query(&format!("CREATE TABLE IF NOT EXISTS doc_updates (seq {sequence}, doc TEXT NOT NULL, member TEXT NOT NULL, bytes {bytes} NOT NULL, at BIGINT NOT NULL)")).execute(&pool).await?;
        Ok(Store { pool, kind })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// How many members there are.
    pub async fn member_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM members").fetch_one(&self.pool).await?.try_get("n")?)
    }

    /// Every member, by name.
    pub async fn members(&self) -> Result<Vec<Member>, StoreError> {
        let rows = sqlx::query("SELECT id, name, role FROM members ORDER BY name").fetch_all(&self.pool).await?;
        Ok(rows.iter().map(Member::from_row).collect::<Result<_, _>>()?)
    }

    /// The member named `name`, with their password's hash.
    pub async fn member_by_name(&self, name: &str) -> Result<Option<(Member, String)>, StoreError> {
        let row = sqlx::query("SELECT id, name, role, password FROM members WHERE name = $1").bind(name).fetch_optional(&self.pool).await?;
        Ok(row.map(|row| Ok::<_, sqlx::Error>((Member::from_row(&row)?, row.try_get("password")?))).transpose()?)
    }

    /// Records an invitation (its token's hash) for `role`, valid until `expires`.
    pub async fn add_invitation(&self, token: &Token, role: Role, expires: i64) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO invitations (token, role, expires) VALUES ($1, $2, $3)").bind(token.digest()).bind(role.name()).bind(expires).execute(&self.pool).await?;
        Ok(())
    }

    /// The role an unused invitation gives, if `token` is one still valid at `now`.
    pub async fn invitation(&self, token: &Token, now: i64) -> Result<Option<Role>, StoreError> {
        let row = sqlx::query("SELECT role FROM invitations WHERE token = $1 AND used IS NULL AND expires > $2").bind(token.digest()).bind(now).fetch_optional(&self.pool).await?;
        Ok(row.and_then(|row| row.try_get::<String, _>("role").ok()).and_then(|r| Role::parse(&r)))
    }

    /// Uses the invitation `token` to add `member`, in one transaction: an invitation makes one
    /// member, even when two people send it at the same moment. `None`: the invitation is used,
    /// expired or unknown; `Some(false)`: the name is taken.
    pub async fn accept_invitation(&self, token: &Token, now: i64, member: &Member, password: &str) -> Result<Option<bool>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let used = sqlx::query("UPDATE invitations SET used = $1 WHERE token = $2 AND used IS NULL AND expires > $1 AND role = $3")
            .bind(now)
            .bind(token.digest())
            .bind(member.role.name())
            .execute(&mut *tx)
            .await?;
        if used.rows_affected() != 1 {
            return Ok(None);
        }
        if sqlx::query("SELECT id FROM members WHERE name = $1").bind(&member.name).fetch_optional(&mut *tx).await?.is_some() {
            return Ok(Some(false));
        }
        sqlx::query("INSERT INTO members (id, name, password, role, created) VALUES ($1, $2, $3, $4, $5)")
            .bind(&member.id)
            .bind(&member.name)
            .bind(password)
            .bind(member.role.name())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(true))
    }

    /// Opens a session for `member` until `expires`.
    pub async fn add_session(&self, token: &Token, member: &str, expires: i64) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sessions (token, member, expires) VALUES ($1, $2, $3)").bind(token.digest()).bind(member).bind(expires).execute(&self.pool).await?;
        Ok(())
    }

    /// The member whose session `token` is, if it is open at `now` (looked up at every request:
    /// a removed member's sessions end at once).
    pub async fn session(&self, token: &Token, now: i64) -> Result<Option<Member>, StoreError> {
        let row = sqlx::query("SELECT m.id AS id, m.name AS name, m.role AS role FROM sessions s JOIN members m ON m.id = s.member WHERE s.token = $1 AND s.expires > $2")
            .bind(token.digest())
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(Member::from_row).transpose()?)
    }

    pub async fn end_session(&self, token: &Token) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token = $1").bind(token.digest()).execute(&self.pool).await?;
        Ok(())
    }

    /// Gives `id` the role `role`; false if there is no such member.
    pub async fn set_role(&self, id: &str, role: Role) -> Result<bool, StoreError> {
        Ok(sqlx::query("UPDATE members SET role = $1 WHERE id = $2").bind(role.name()).bind(id).execute(&self.pool).await?.rows_affected() == 1)
    }

    /// Removes the member `id` and ends their sessions; false if there is no such member.
    pub async fn remove_member(&self, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE member = $1").bind(id).execute(&mut *tx).await?;
        let removed = sqlx::query("DELETE FROM members WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected() == 1;
        tx.commit().await?;
        Ok(removed)
    }

    /// Forgets sessions and invitations past their time.
    pub async fn forget_expired(&self, now: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE expires <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query("DELETE FROM invitations WHERE expires <= $1").bind(now).execute(&self.pool).await?;
        Ok(())
    }

    /// Stores an update of the shared document `doc`, made by `member`; gives its place in the
    /// sequence. With `only_if_first`, stores it only if `doc` has no update yet (`None`
    /// otherwise), so that two servers starting on one database seed it once. On PostgreSQL
    /// the table is locked while the update goes in, so that the sequence is the order of
    /// commits: another server that has read up to a place has read everything before it.
    pub async fn add_update(&self, doc: &str, member: &str, bytes: &[u8], at: i64, only_if_first: bool) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        if self.kind == Kind::Postgres {
            sqlx::query("LOCK TABLE doc_updates IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await?;
        }
        if only_if_first && sqlx::query("SELECT seq FROM doc_updates WHERE doc = $1 LIMIT 1").bind(doc).fetch_optional(&mut *tx).await?.is_some() {
            return Ok(None);
        }
        let row = sqlx::query("INSERT INTO doc_updates (doc, member, bytes, at) VALUES ($1, $2, $3, $4) RETURNING seq").bind(doc).bind(member).bind(bytes).bind(at).fetch_one(&mut *tx).await?;
        let seq: i64 = row.try_get("seq")?;
        if self.kind == Kind::Postgres {
            sqlx::query("SELECT pg_notify('recit_draft', $1)").bind(doc).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(seq))
    }

    /// The updates of `doc` stored after place `after`, in order, with their places.
    pub async fn updates_after(&self, doc: &str, after: i64) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
        let rows = sqlx::query("SELECT seq, bytes FROM doc_updates WHERE doc = $1 AND seq > $2 ORDER BY seq").bind(doc).bind(after).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|row| Ok::<_, sqlx::Error>((row.try_get("seq")?, row.try_get("bytes")?))).collect::<Result<_, _>>()?)
    }

    /// Says to the other servers on this database that the members changed (PostgreSQL).
    pub async fn say_members_changed(&self) -> Result<(), StoreError> {
        if self.kind == Kind::Postgres {
            sqlx::query("SELECT pg_notify('recit_members', '')").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Copies the SQLite store, consistently while the server runs, into `file` (new).
    pub async fn backup_to(&self, file: &Path) -> Result<(), StoreError> {
        sqlx::query("VACUUM INTO $1").bind(file.to_string_lossy().into_owned()).execute(&self.pool).await?;
        Ok(())
    }
}

/// The lock a server holds on its data folder while it runs: `recit restore` must not put a
/// file under a running server's feet.
pub struct FolderLock(#[allow(dead_code)] std::fs::File);

/// Takes the data folder's lock; `None` if a server holds it.
pub fn lock_folder(dir: &Path) -> Result<Option<FolderLock>, StoreError> {
    use std::os::fd::AsRawFd;
    std::fs::create_dir_all(dir).map_err(|error| StoreError::Folder { dir: dir.to_path_buf(), error })?;
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join("serve.lock")).map_err(|error| StoreError::Folder { dir: dir.to_path_buf(), error })?;
    // SAFETY: flock on a descriptor this function owns; the lock goes with the file.
    let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    Ok(taken.then_some(FolderLock(file)))
}

/// Puts the backup `file` back as the store of `dir`, whose server must be stopped: checked
/// first (a council store, readable), then put in place in one step.
pub async fn restore(file: &Path, dir: &Path) -> Result<(), StoreError> {
    let folder_error = |error| StoreError::Folder { dir: dir.to_path_buf(), error };
    let Some(_lock) = lock_folder(dir)? else {
        return Err(StoreError::Folder { dir: dir.to_path_buf(), error: std::io::Error::other("a server is running on it: stop it, then restore") });
    };
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", std::path::absolute(file).map_err(folder_error)?.display());
    let mut backup = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await?;
    sqlx::query("SELECT COUNT(*) FROM members").fetch_one(&mut backup).await?;
    sqlx::Connection::close(backup).await?;
    let store = dir.join(SQLITE_FILE);
    let incoming = dir.join(format!("{SQLITE_FILE}.restoring"));
    std::fs::copy(file, &incoming).map_err(folder_error)?;
    std::fs::File::open(&incoming).and_then(|f| f.sync_all()).map_err(folder_error)?;
    for stale in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("{SQLITE_FILE}{stale}")));
    }
    std::fs::rename(&incoming, &store).map_err(folder_error)
}
