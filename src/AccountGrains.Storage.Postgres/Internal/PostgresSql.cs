namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>The store's statements, with the configured schema name written in once.</summary>
internal sealed class PostgresSql(string schema)
{
    /// <summary>
    /// The first statement of every append transaction: the log head's row lock makes appends commit one
    /// after another, so positions taken under it grow in commit order.
    /// </summary>
    public string LockLogHead { get; } = $"SELECT position FROM {schema}.log_head WHERE id = 1 FOR UPDATE";

    /// <summary>Right after the log head's lock, when the writer holds a lease: fails the transaction unless it is live ($1..$4 its key).</summary>
    public string AssertWriterLease { get; } = $"SELECT {schema}.assert_writer_lease($1, $2, $3, $4)";

    /// <summary>
    /// The last statement of every append transaction: notifications delivered by PostgreSQL only once the transaction
    /// commits, to every silo's LISTEN connection (<c>PostgresLogListener</c>). Each carries the log head, then
    /// <c>account=version</c> pairs (space separated) of the batch's accounts as this transaction leaves them, at most
    /// 40 per notification to stay far below NOTIFY's 8000-byte payload; only ids an account grain accepts are listed
    /// (no separator can appear in them). Always at least one notification. $1 the channel, $2 the batch's accounts.
    /// </summary>
    public string NotifyLog { get; } = $"""
        SELECT pg_notify($1, h.position::text || COALESCE(' ' || a.pairs, ''))
        FROM {schema}.log_head h
        LEFT JOIN (
            SELECT string_agg(w.account_id || '=' || w.version::text, ' ') AS pairs
            FROM (
                SELECT s.account_id, s.version, (row_number() OVER () - 1) / 40 AS chunk
                FROM {schema}.streams s
                WHERE s.account_id = ANY($2::text[]) AND length(s.account_id) <= 64 AND s.account_id ~ '^[A-Za-z0-9_.-]+$'
            ) w
            GROUP BY w.chunk
        ) a ON true
        WHERE h.id = 1
        """;

    /// <summary>The notification channel of this schema's log; truncated to PostgreSQL's identifier length (a shared prefix only wakes readers needlessly).</summary>
    public string LogChannel { get; } = ("accountgrains_log_" + schema)[..Math.Min(63, 18 + schema.Length)];

    /// <summary>
    /// One round of a batch (at most one request per account, see <c>AppendRounds</c>), set-based: skip
    /// requests whose idempotency key was used; check-and-bump each stream's version (update at the
    /// expected version, and only where the stored predecessor's hash is the one the batch chained to (a NULL hash, written
    /// before hashing began, counts as the genesis); or create at 0); only for the winners, take positions from the log head in
    /// request order, insert the events and record the keys. Never raises on conflict. Parameters: $1..$4
    /// the requests as arrays (account, expected, event count, key); $5..$11 the events flattened
    /// (request ordinal, index within the request, type, at, actor, reason, data); $12 each request's predecessor hash,
    /// $13 each event's hash, $14 the chain's genesis. Returns one row per request, in order:
    /// duplicate key?, new version (null unless appended), version seen, last position.
    /// Every lookup of a stored row is per request (a LIMIT-ed lateral or a scalar subquery), so it is an index probe
    /// whatever the statistics: the statement is prepared once per connection, and a generic plan made while the tables
    /// were small joined them by scanning all of <c>streams</c> and <c>idempotency_keys</c> on every batch (bench/analysis.md).
    /// </summary>
    public string AppendRound { get; } = $"""
        WITH req AS (
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $12::bytea[])
                WITH ORDINALITY AS r(account_id, expected, n, key, prev, ord)
        ), dup AS (
            SELECT r.ord FROM req r
            CROSS JOIN LATERAL (SELECT 1 FROM {schema}.idempotency_keys k WHERE k.account_id = r.account_id AND k.key = r.key LIMIT 1) k
        ), cand AS (
            SELECT * FROM req WHERE ord NOT IN (SELECT ord FROM dup)
        ), bumped AS (
            UPDATE {schema}.streams s SET version = c.expected + c.n FROM cand c
            WHERE s.account_id = c.account_id AND s.version = c.expected AND c.expected > 0
                AND coalesce((SELECT e.hash FROM {schema}.events e WHERE e.account_id = c.account_id AND e.seq = c.expected), $14) = c.prev
            RETURNING c.ord
        ), created AS (
            INSERT INTO {schema}.streams (account_id, version)
            SELECT account_id, n FROM cand WHERE expected = 0
            ON CONFLICT (account_id) DO NOTHING
            RETURNING account_id
        ), won AS (
            SELECT ord FROM bumped
            UNION ALL
            SELECT c.ord FROM created x JOIN cand c ON c.account_id = x.account_id AND c.expected = 0
        ), placed AS (
            SELECT c.*, sum(c.n) OVER (ORDER BY c.ord) - c.n AS before
            FROM cand c WHERE c.ord IN (SELECT ord FROM won)
        ), pos AS (
            UPDATE {schema}.log_head SET position = position + (SELECT coalesce(sum(n), 0) FROM placed)
            WHERE id = 1
            RETURNING position - (SELECT coalesce(sum(n), 0) FROM placed) AS base
        ), ins AS (
            INSERT INTO {schema}.events (account_id, seq, position, type, at, actor, reason, data, hash)
            SELECT p.account_id, p.expected + e.idx, pos.base + p.before + e.idx, e.type, e.at, e.actor, e.reason, e.data, e.hash
            FROM unnest($5::bigint[], $6::bigint[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::bytea[], $13::bytea[])
                AS e(req, idx, type, at, actor, reason, data, hash)
            JOIN placed p ON p.ord = e.req
            CROSS JOIN pos
        ), keyed AS (
            INSERT INTO {schema}.idempotency_keys (account_id, key, first_seq, last_seq)
            SELECT account_id, key, expected + 1, expected + n FROM placed WHERE key IS NOT NULL
        )
        SELECT r.ord IN (SELECT ord FROM dup), p.expected + p.n,
            (SELECT s.version FROM {schema}.streams s WHERE s.account_id = r.account_id), pos.base + p.before + p.n
        FROM req r
        LEFT JOIN placed p ON p.ord = r.ord
        LEFT JOIN pos ON true
        ORDER BY r.ord
        """;

    public string ReadStream { get; } = $"""
        SELECT account_id, seq, position, type, at, actor, reason, data, hash FROM {schema}.events
        WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """;

    public string ReadLog { get; } = $"""
        SELECT account_id, seq, position, type, at, actor, reason, data, hash FROM {schema}.events
        WHERE position > $1 ORDER BY position LIMIT $2
        """;

    /// <summary>The hashes of the events at ($1[i], $2[i]), by ordinal i (1-based); a missing event gives no row. One index probe each (see <see cref="AppendRound"/>).</summary>
    public string ReadHashes { get; } = $"""
        SELECT r.ord, e.hash FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(account_id, seq, ord)
        CROSS JOIN LATERAL (SELECT e.hash FROM {schema}.events e WHERE e.account_id = r.account_id AND e.seq = r.seq LIMIT 1) e
        """;

    /// <summary>A stream's recorded version (0 when unknown) and where hashing began. $1 the account.</summary>
    public string ReadChainAnchor { get; } = $"""
        SELECT coalesce((SELECT version FROM {schema}.streams WHERE account_id = $1), 0),
               (SELECT hashed_after_position FROM {schema}.event_chain WHERE id = 1)
        """;

    /// <summary>
    /// Activations' reads in one statement (one round trip, one MVCC snapshot for all of them): for each account $1[i]
    /// (ordinal i, 1-based) its snapshot row (kind 0: seq = its version, data = its state) then up to $2[i] events from the
    /// snapshot's version on (kind 1), ordered by ordinal, kind, seq. Each lookup is an index probe (see <see cref="AppendRound"/>).
    /// </summary>
    public string LoadAccounts { get; } = $"""
        WITH r AS (
            SELECT * FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS r(account_id, max_count, ord)
        ), s AS (
            SELECT r.ord, sn.version, sn.data FROM r
            CROSS JOIN LATERAL (SELECT version, data FROM {schema}.snapshots WHERE account_id = r.account_id LIMIT 1) sn
        )
        SELECT s.ord, 0 AS kind, NULL::text, s.version, NULL::bigint, NULL::text, NULL::timestamptz, NULL::text, NULL::text, s.data, NULL::bytea FROM s
        UNION ALL
        SELECT r.ord, 1, r.account_id, e.seq, e.position, e.type, e.at, e.actor, e.reason, e.data, e.hash FROM r
        CROSS JOIN LATERAL (
            SELECT seq, position, type, at, actor, reason, data, hash FROM {schema}.events
            WHERE account_id = r.account_id AND seq > greatest(coalesce((SELECT version FROM s WHERE s.ord = r.ord), 0) - 1, 0)
            ORDER BY seq LIMIT r.max_count
        ) e
        ORDER BY 1, 2, 4
        """;

    public string LoadSnapshot { get; } = $"SELECT version, data FROM {schema}.snapshots WHERE account_id = $1";

    public string SaveSnapshot { get; } = $"""
        INSERT INTO {schema}.snapshots (account_id, version, data) VALUES ($1, $2, $3)
        ON CONFLICT (account_id) DO UPDATE SET version = EXCLUDED.version, data = EXCLUDED.data
        WHERE {schema}.snapshots.version <= EXCLUDED.version
        """;

    public string FindIdempotencyKey { get; } = $"SELECT first_seq, last_seq FROM {schema}.idempotency_keys WHERE account_id = $1 AND key = $2";
}
