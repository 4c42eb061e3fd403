using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Streaming.Tests.Support;

/// <summary>
/// A random but plausible history over many accounts and days (locks of every reason, automatic and manual,
/// recoveries started, completed, burned, expired and replaced, badges), appended straight to the store as the
/// account grain would append it; and what it should add up to.
/// </summary>
internal sealed class HistoryGenerator(int seed, string prefix)
{
    private static readonly string[] Callers = ["integrity-tool/agent-1", "integrity-tool/agent-2", "integrity-tool/agent-3", "vendor-acme/v-9", "checkout"];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, AccountScript> _accounts = [];
    private int _completed;

    public int LocksPlaced { get; private set; }

    public int RecoveriesCompleted => _completed;

    public int CompromisedRecovered { get; private set; }

    /// <summary>The first and last UTC day any event may fall on, plus one.</summary>
    public static (DateOnly From, DateOnly To) Days => (DateOnly.FromDateTime(Start.UtcDateTime), DateOnly.FromDateTime(Start.UtcDateTime).AddDays(60));

    /// <summary>The next <paramref name="requests"/> appends, each a few events of one account, at most one per account.</summary>
    public IReadOnlyList<AppendRequest> Next(int requests, int accountCount)
    {
        var batch = new List<AppendRequest>();
        foreach (var index in Enumerable.Range(0, accountCount).OrderBy(_ => _random.Next()).Take(requests))
        {
            var id = $"{prefix}-{index}";
            var script = _accounts.TryGetValue(id, out var s) ? s : _accounts[id] = new AccountScript(id);
            var events = NextEvents(script);
            batch.Add(new AppendRequest(id, script.Version, [.. events.Select(e => Data(e))]));
            script.Version += events.Count;
        }

        return batch;
    }

    private static EventData Data(AccountEvent e) =>
        new(AccountEventSerializer.TypeOf(e), e.At, e.Actor, e.Reason, AccountEventSerializer.SerializePayload(e));

    private List<AccountEvent> NextEvents(AccountScript a)
    {
        a.Clock = a.Clock.AddMinutes(_random.Next(1, 600)).AddTicks(_random.Next(0, 10_000_000) / 10 * 10);
        var at = a.Clock;
        var caller = Callers[_random.Next(Callers.Length)];
        var roll = _random.Next(100);
        if (a.OpenAttempt is { } attempt && roll < 35)
        {
            a.OpenAttempt = null;
            var outcome = _random.Next(4);
            if (outcome == 0)
            {
                return [new RecoveryAttemptBurned(attempt) { At = at, Actor = "recovery-flow" }];
            }

            if (outcome == 1)
            {
                return [new RecoveryAttemptExpired(attempt) { At = at, Actor = "system" }];
            }

            _completed++;
            var events = new List<AccountEvent> { new RecoveryCompleted(attempt) { At = at, Actor = "recovery-flow" } };
            foreach (var (lockId, reason) in a.Locks.Where(l => LockReasons.IsLiftedByRecovery(l.Value)).ToList())
            {
                events.Add(new LockLifted(lockId, reason, LiftCause.Recovery) { At = at, Actor = "recovery-flow" });
                a.Locks.Remove(lockId);
                CompromisedRecovered += reason == LockReason.Compromised ? 1 : 0;
            }

            return events;
        }

        if (roll < 55)
        {
            var reason = (LockReason)_random.Next(1, 8);
            var automatic = reason == LockReason.BruteForce;
            var lockId = Guid.NewGuid().ToString("N");
            a.Locks[lockId] = reason;
            LocksPlaced++;
            return [new LockPlaced(lockId, reason, _random.Next(2) == 0 ? at.AddHours(1) : null, null) { At = at, Actor = automatic ? "system" : caller }];
        }

        if (roll < 70 && a.Locks.Count > 0)
        {
            var (lockId, reason) = a.Locks.First();
            a.Locks.Remove(lockId);
            return _random.Next(2) == 0
                ? [new LockLifted(lockId, reason, LiftCause.Manual) { At = at, Actor = caller }]
                : [new LockExpired(lockId, reason) { At = at, Actor = "system" }];
        }

        if (roll < 88)
        {
            var channel = (RecoveryChannel)_random.Next(1, 5);
            var id = Guid.NewGuid().ToString("N");
            var replaced = a.OpenAttempt;
            a.OpenAttempt = id;
            return [new RecoveryStarted(id, channel, new byte[32], new byte[16], at.AddMinutes(15), at.AddHours(-24), replaced) { At = at, Actor = "recovery-flow" }];
        }

        return _random.Next(2) == 0
            ? [new VerificationGranted(_random.Next(2) == 0 ? "government" : "notable") { At = at, Actor = caller }]
            : [new VerificationRevoked("policy") { At = at, Actor = caller }];
    }

    private sealed class AccountScript(string id)
    {
        public string Id { get; } = id;

        public long Version { get; set; }

        public DateTimeOffset Clock { get; set; } = Start;

        public Dictionary<string, LockReason> Locks { get; } = [];

        public string? OpenAttempt { get; set; }
    }
}
