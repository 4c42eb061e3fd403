using System.Collections.Concurrent;
using System.Globalization;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.ClusterProcess.Tests.Load;

/// <summary>
/// Mixed Lock / Unlock / Verify / ReportSignal load with a recorded client history. Each worker owns its accounts
/// and runs one operation at a time, so an account's order is its worker's order. Calls go round-robin over the
/// silos the harness says are serving; a failed attempt is retried on the next silo (writes with the same
/// idempotency key). An account whose write outcome stayed unknown is left alone from then on.
/// </summary>
internal sealed class LoadGenerator
{
    private readonly ClusterHarness _cluster;
    private readonly LoadOptions _options;
    private readonly ConcurrentQueue<Operation> _history = new();
    private readonly ConcurrentDictionary<string, bool> _uncertain = new(StringComparer.Ordinal);
    private long _nextId;
    private long _roundRobin;
    private long _untilTicks = long.MaxValue;

    public LoadGenerator(ClusterHarness cluster, LoadOptions options)
    {
        _cluster = cluster;
        _options = options;
        Accounts = [.. Enumerable.Range(0, options.Workers * options.AccountsPerWorker).Select(AccountId)];
    }

    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Operations in the order they were issued.</summary>
    public IReadOnlyList<Operation> History => [.. _history.OrderBy(o => o.Id)];

    /// <summary>Accounts with a write whose outcome the client never learned.</summary>
    public IReadOnlyCollection<string> UncertainAccounts => [.. _uncertain.Keys];

    /// <summary>Runs the workers until the duration or the operation count is reached.</summary>
    public Task RunAsync()
    {
        Interlocked.Exchange(ref _untilTicks, (ClusterClock.Now + _options.Duration).Ticks);
        return Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(w => Task.Run(() => WorkAsync(w))));
    }

    /// <summary>Ends the load early: workers finish the operation in hand and stop.</summary>
    public void Stop() => Interlocked.Exchange(ref _untilTicks, ClusterClock.Now.Ticks);

    /// <summary>One operation on <paramref name="account"/> outside any worker (a probe), recorded in the history.</summary>
    /// <param name="account">The account.</param>
    /// <param name="kind">What to do.</param>
    /// <param name="lockId">The lock an Unlock lifts.</param>
    /// <param name="onlySlot">Send every attempt to this slot; default: round-robin over the serving slots.</param>
    /// <param name="attemptDeadline">Each attempt's deadline; default: the load's.</param>
    /// <param name="retryBudget">How long to keep retrying; default: the load's.</param>
    /// <param name="avoidSlot">Never send to this slot (measures what the other silos serve).</param>
    public Task<Operation> ExecuteAsync(
        string account, OperationKind kind, string? lockId = null, int? onlySlot = null, TimeSpan? attemptDeadline = null, TimeSpan? retryBudget = null, int? avoidSlot = null) =>
        ExecuteCoreAsync(account, kind, lockId, onlySlot, avoidSlot, attemptDeadline ?? _options.AttemptDeadline, retryBudget ?? _options.RetryBudget);

    private string AccountId(int index) => string.Create(CultureInfo.InvariantCulture, $"{_options.RunId}-w{index / _options.AccountsPerWorker}-a{index % _options.AccountsPerWorker}");

    private async Task WorkAsync(int worker)
    {
        var random = new Random(worker);
        var mine = Accounts.Skip(worker * _options.AccountsPerWorker).Take(_options.AccountsPerWorker).ToArray();
        var held = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (ClusterClock.Now.Ticks < Interlocked.Read(ref _untilTicks) && Interlocked.Read(ref _nextId) < _options.MaxOperations)
        {
            var account = mine[random.Next(mine.Length)];
            if (_uncertain.ContainsKey(account))
            {
                if (mine.All(_uncertain.ContainsKey))
                {
                    return;
                }

                continue;
            }

            held.TryGetValue(account, out var lockId);
            var roll = random.NextDouble();
            var kind = roll < 0.35 ? OperationKind.Verify : roll < 0.55 ? OperationKind.Signal : lockId is null ? OperationKind.Lock : OperationKind.Unlock;
            var op = await ExecuteAsync(account, kind, lockId);
            if (op.Ok)
            {
                held[account] = kind switch { OperationKind.Lock => op.LockId, OperationKind.Unlock => null, _ => lockId };
            }
            else if (kind != OperationKind.Verify)
            {
                _uncertain[account] = true;
            }
        }
    }

    private async Task<Operation> ExecuteCoreAsync(string account, OperationKind kind, string? lockId, int? onlySlot, int? avoidSlot, TimeSpan attemptDeadline, TimeSpan retryBudget)
    {
        var id = Interlocked.Increment(ref _nextId);
        var key = kind == OperationKind.Verify ? null : string.Create(CultureInfo.InvariantCulture, $"{_options.RunId}-k{id}");
        var device = kind == OperationKind.Signal ? string.Create(CultureInfo.InvariantCulture, $"{_options.RunId}-d{id}") : null;
        var failures = new List<Attempt>();
        var start = ClusterClock.Now;
        var attemptStart = start;
        while (true)
        {
            var slot = onlySlot ?? NextSlot(avoidSlot);
            if (slot < 0)
            {
                if (ClusterClock.Now - start > retryBudget)
                {
                    return Failed(StatusCode.Unavailable, "-");
                }

                await Task.Delay(50);
                continue;
            }

            var silo = _cluster.Name(slot);
            var client = _cluster.Client(slot);
            attemptStart = ClusterClock.Now;
            var deadline = DateTimeOffset.UtcNow + attemptDeadline;
            try
            {
                switch (kind)
                {
                    case OperationKind.Verify:
                        var verify = await client.VerifyAsync(account, Action.Login, deadline: deadline);
                        return Done(silo, verify.Version, null, verify.Decision);
                    case OperationKind.Lock:
                        var locked = await client.LockAsync(account, LockReason.PolicyViolation, idempotencyKey: key, deadline: deadline);
                        return Done(silo, locked.Version, locked.LockId, Decision.Unspecified);
                    case OperationKind.Unlock:
                        var unlocked = await client.UnlockAsync(account, lockId!, idempotencyKey: key, deadline: deadline);
                        return Done(silo, unlocked.Version, lockId, Decision.Unspecified);
                    default:
                        var signal = await client.ReportSignalAsync(
                            new ReportSignalRequest { AccountId = account, Kind = SignalKind.SuccessfulLogin, DeviceId = device, IdempotencyKey = key },
                            deadline);
                        return Done(silo, signal.Version, null, Decision.Unspecified);
                }
            }
            catch (RpcException e)
            {
                failures.Add(new Attempt(silo, attemptStart, ClusterClock.Now, e.Status.StatusCode, e.Status.Detail));
                if (e.Status.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded) || ClusterClock.Now - start > retryBudget)
                {
                    return Failed(e.Status.StatusCode, silo);
                }

                await Task.Delay(50);
            }
            catch (Exception e) when (e is not RpcException)
            {
                // The client should map every failure to a status; anything else is a finding, kept with its context.
                failures.Add(new Attempt(silo, attemptStart, ClusterClock.Now, StatusCode.Unknown, $"{e.GetType().Name}: {e.Message}"));
                return Failed(StatusCode.Unknown, silo);
            }
        }

        Operation Done(string silo, long version, string? lockOrNull, Decision decision) =>
            Record(new Operation(id, account, kind, silo, start, ClusterClock.Now, true, StatusCode.OK, version, lockOrNull, device, key, decision, failures)
            {
                AttemptDeadline = attemptDeadline,
                LastAttemptStart = attemptStart,
            });

        Operation Failed(StatusCode status, string silo) =>
            Record(new Operation(id, account, kind, silo, start, ClusterClock.Now, false, status, 0, lockId, device, key, Decision.Unspecified, failures)
            {
                AttemptDeadline = attemptDeadline,
                LastAttemptStart = attemptStart,
            });
    }

    private Operation Record(Operation op)
    {
        _history.Enqueue(op);
        return op;
    }

    private int NextSlot(int? avoid)
    {
        var serving = _cluster.ServingSlots.Where(s => s != avoid).ToList();
        return serving.Count == 0 ? -1 : serving[(int)(Interlocked.Increment(ref _roundRobin) % serving.Count)];
    }
}
