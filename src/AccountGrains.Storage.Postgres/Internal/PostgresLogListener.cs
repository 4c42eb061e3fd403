using System.Globalization;
using Npgsql;

namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// The cross-process half of the log wake-up: one LISTEN connection per store (so one per silo), opened when the first
/// reader waits, announcing each notification's position to the local <see cref="EventLogSignal"/>. Appends NOTIFY in
/// their own transaction, so PostgreSQL delivers a notification only after that commit, in commit order. A dropped
/// connection is reopened after a short pause; the pulse after each LISTEN makes readers look at the log once, since
/// notifications sent while nobody listened are gone. The same notifications name the accounts each commit wrote, for
/// <see cref="IAccountCommitFeed"/> observers (a reopened connection is a gap for them).
/// </summary>
internal sealed class PostgresLogListener : IEventLogSignal, IAccountCommitFeed, IAsyncDisposable
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleProbe = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly EventLogSignal _signal = new();
    private readonly CancellationTokenSource _stopping = new();
    private IAccountCommitObserver[] _observers = [];
    private Task? _loop;
    private int _started;
    private int _disposed;

    public PostgresLogListener(NpgsqlDataSource dataSource, string channel)
    {
        _dataSource = dataSource;
        _channel = channel;
    }

    /// <summary>How many times the LISTEN connection was (re)opened; for tests.</summary>
    public int Connects { get; private set; }

    public long LastAnnouncedPosition => _signal.LastAnnouncedPosition;

    /// <summary>Announces this process's own commit at once, without waiting for its notification to come back.</summary>
    public void Announce(long position) => _signal.Announce(position);

    public Task<bool> WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureListening();
        return _signal.WaitForAppendAsync(afterPosition, timeout, cancellationToken);
    }

    public IDisposable Subscribe(IAccountCommitObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Update(observers => [.. observers, observer]);
        EnsureListening();
        return new Subscription(this, observer);
    }

    // Idempotent: the host disposes the store once per service it is registered as.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                Connects++;
                _signal.Pulse();
                foreach (var observer in Volatile.Read(ref _observers))
                {
                    observer.OnGap();
                }

                while (!stopping.IsCancellationRequested)
                {
                    // A quiet connection is probed now and then: a silently dropped one would otherwise wait for ever.
                    if (!await connection.WaitAsync(IdleProbe, stopping))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(stopping);
                    }
                }
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                // The database went away or the connection broke: readers keep polling; try again shortly.
                try
                {
                    await Task.Delay(ReconnectPause, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void EnsureListening()
    {
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        }
    }

    // "position account=version account=version ...", see PostgresSql.NotifyLog.
    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var payload = e.Payload.AsSpan();
        var space = payload.IndexOf(' ');
        var head = space < 0 ? payload : payload[..space];
        if (long.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            _signal.Announce(position);
        }
        else
        {
            _signal.Pulse();
        }

        var observers = Volatile.Read(ref _observers);
        if (space < 0 || observers.Length == 0)
        {
            return;
        }

        foreach (var range in payload[(space + 1)..].Split(' '))
        {
            var pair = payload[(space + 1)..][range];
            var equals = pair.LastIndexOf('=');
            if (equals > 0 && long.TryParse(pair[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                var account = pair[..equals].ToString();
                foreach (var observer in observers)
                {
                    observer.OnCommitted(account, version);
                }
            }
        }
    }

    private void Update(Func<IAccountCommitObserver[], IAccountCommitObserver[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _observers);
            if (Interlocked.CompareExchange(ref _observers, change(current), current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription(PostgresLogListener listener, IAccountCommitObserver observer) : IDisposable
    {
        public void Dispose() => listener.Update(observers => [.. observers.Where(o => !ReferenceEquals(o, observer))]);
    }
}
