using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>One immediate transaction for the whole batch, one sync at commit; requests apply in list order.</remarks>
    public ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            request.Validate();
        }

        if (requests.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<AppendResult>>([]);
        }

        return AppendAndAnnounceAsync(requests, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<AppendResult>> AppendAndAnnounceAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken)
    {
        var appended = await WriteAsync<IReadOnlyList<AppendResult>>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var commands = new AppendCommands(connection, transaction);
            var results = new AppendResult[requests.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = Append(commands, requests[i]);
            }

            transaction.Commit();
            return results;
        }, cancellationToken);

        // After the commit, so a woken reader finds the events (one process owns the file: no cross-process wake-up).
        _signal.Announce(appended.Max(r => r.LastPosition));
        return appended;
    }

    private static AppendResult Append(AppendCommands commands, AppendRequest request)
    {
        var version = commands.StreamVersion(request.AccountId);
        if (request.IdempotencyKey is { } key && commands.KeyExists(request.AccountId, key))
        {
            return new AppendResult(AppendStatus.DuplicateIdempotencyKey, version, -1);
        }

        if (version != request.ExpectedVersion)
        {
            return new AppendResult(AppendStatus.Conflict, version, -1);
        }

        // The predecessor's hash is read inside the write transaction, so no other writer can move the stream meanwhile.
        var previous = request.ExpectedVersion == 0 ? EventChain.Genesis : commands.HashAt(request.AccountId, request.ExpectedVersion);
        if (request.PreviousHash is { } claimed && request.ExpectedVersion > 0 && !claimed.Span.SequenceEqual(previous.Span))
        {
            return new AppendResult(AppendStatus.Conflict, version, -1);
        }

        var hashes = EventChain.Extend(previous.Span, request.AccountId, request.ExpectedVersion, request.Events);
        var seq = request.ExpectedVersion;
        var position = -1L;
        for (var i = 0; i < hashes.Length; i++)
        {
            position = commands.InsertEvent(request.AccountId, ++seq, request.Events[i], hashes[i]);
        }

        commands.SetStreamVersion(request.AccountId, seq);
        if (request.IdempotencyKey is { } usedKey)
        {
            commands.InsertKey(request.AccountId, usedKey, request.ExpectedVersion + 1, seq);
        }

        return new AppendResult(AppendStatus.Appended, seq, position);
    }

    /// <summary>The append's statements, prepared once per batch and rebound per request.</summary>
    private sealed class AppendCommands : IDisposable
    {
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _key;
        private readonly SqliteCommand _event;
        private readonly SqliteCommand _hash;
        private readonly SqliteCommand _setVersion;
        private readonly SqliteCommand _insertKey;

        public AppendCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            SqliteCommand Create(string sql)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                return command;
            }

            _version = Create("SELECT version FROM streams WHERE account_id = $a");
            _key = Create("SELECT 1 FROM idempotency_keys WHERE account_id = $a AND key = $k");
            _event = Create("INSERT INTO events (account_id, seq, type, at_us, actor, reason, data, hash) VALUES ($a, $s, $t, $at, $actor, $r, $d, $h) RETURNING position");
            _hash = Create("SELECT hash FROM events WHERE account_id = $a AND seq = $s");
            _setVersion = Create("INSERT INTO streams (account_id, version) VALUES ($a, $v) ON CONFLICT (account_id) DO UPDATE SET version = excluded.version");
            _insertKey = Create("INSERT INTO idempotency_keys (account_id, key, first_seq, last_seq) VALUES ($a, $k, $f, $l)");
        }

        public long StreamVersion(string accountId) => _version.Run(("$a", accountId)) is long v ? v : 0;

        public bool KeyExists(string accountId, string key) => _key.Run(("$a", accountId), ("$k", key)) is not null;

        public long InsertEvent(string accountId, long seq, EventData e, byte[] hash) => (long)_event.Run(
            ("$a", accountId), ("$s", seq), ("$t", e.Type), ("$at", SqliteValues.ToMicroseconds(e.At)),
            ("$actor", e.Actor), ("$r", e.Reason), ("$d", SqliteValues.AsArray(e.Data)), ("$h", hash))!;

        // An event written before hashing began (no hash) is chained over as the genesis; a missing event likewise,
        // which leaves the gap for the chain check to name.
        public ReadOnlyMemory<byte> HashAt(string accountId, long seq) => _hash.Run(("$a", accountId), ("$s", seq)) as byte[] ?? EventChain.Genesis;

        public void SetStreamVersion(string accountId, long version) => _setVersion.Run(("$a", accountId), ("$v", version));

        public void InsertKey(string accountId, string key, long firstSeq, long lastSeq) =>
            _insertKey.Run(("$a", accountId), ("$k", key), ("$f", firstSeq), ("$l", lastSeq));

        public void Dispose()
        {
            foreach (var command in new[] { _version, _key, _event, _hash, _setVersion, _insertKey })
            {
                command.Dispose();
            }
        }
    }
}
