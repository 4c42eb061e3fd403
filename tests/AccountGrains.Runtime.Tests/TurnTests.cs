namespace AccountGrains.Runtime.Tests;

public sealed class TurnTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Calls_FromManyCallersToOneGrain_NeverOverlapAndKeepEachCallersOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<SerialGrain>("one");
        const int Callers = 16;
        const int CallsEach = 250;

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var pending = new List<Task<int>>(CallsEach);
            for (var seq = 0; seq < CallsEach; seq++)
            {
                pending.Add(grain.InvokeAsync((caller, seq), SerialGrain.Apply).AsTask());
            }

            await Task.WhenAll(pending);
        }));
        await Task.WhenAll(callers).WaitAsync(Patience);
        var (applied, overlapped) = await grain.InvokeAsync(0, static (g, _, _) => ValueTask.FromResult((g.Applied.ToArray(), g.Overlapped)));

        Assert.False(overlapped);
        Assert.Equal(Callers * CallsEach, applied.Length);
        foreach (var byCaller in applied.GroupBy(a => a.Caller))
        {
            Assert.Equal(Enumerable.Range(0, CallsEach), byCaller.Select(a => a.Seq));
        }
    }

    [Fact]
    public async Task Calls_ToDifferentGrains_RunInParallel()
    {
        await using var silo = await TestSilo.StartAsync();
        var aEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each turn waits, inside itself, for the other grain's turn to have begun: only overlapping turns finish.
        var a = Task.Run(() => silo.Factory.GetGrain<ProbeGrain>("a").InvokeAsync((Mine: aEntered, Other: bEntered.Task), MeetInside).AsTask());
        var b = Task.Run(() => silo.Factory.GetGrain<ProbeGrain>("b").InvokeAsync((Mine: bEntered, Other: aEntered.Task), MeetInside).AsTask());
        var met = await Task.WhenAll(a, b).WaitAsync(Patience);

        Assert.Equal([true, true], met);
    }

    [Fact]
    public async Task Call_CancelledWhileQueued_FailsAsCancelledAndNeverRuns()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<SerialGrain>("busy");
        await grain.InvokeAsync((0, 1), SerialGrain.Apply);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = grain.InvokeAsync(gate.Task, static async (g, t, _) =>
        {
            await t;
            return g.Applied.Count;
        }).AsTask();
        using var cancel = new CancellationTokenSource();

        var queued = grain.InvokeAsync((0, 2), SerialGrain.Apply, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
        gate.SetResult();
        await blocking.WaitAsync(Patience);
        var applied = await grain.InvokeAsync(0, static (g, _, _) => ValueTask.FromResult(g.Applied.ToArray()));

        Assert.Equal([(0, 1)], applied);
    }

    [Fact]
    public async Task Call_WhoseTurnBegan_GetsTheCallersToken()
    {
        await using var silo = await TestSilo.StartAsync();
        using var cancel = new CancellationTokenSource();

        var seen = await silo.Factory.GetGrain<ProbeGrain>("t").InvokeAsync(0, static (_, _, ct) => ValueTask.FromResult(ct), cancel.Token);

        Assert.Equal(cancel.Token, seen);
    }

    [Fact]
    public async Task Call_ThatThrows_FailsOnlyThatCallAndKeepsTheActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ProbeGrain>("x");
        var before = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        await Assert.ThrowsAsync<InvalidTimeZoneException>(async () => await grain.InvokeAsync<int, int>(0, static (_, _, _) => throw new InvalidTimeZoneException()));
        var after = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        Assert.Equal(before, after);
    }

    private static async ValueTask<bool> MeetInside(ProbeGrain grain, (TaskCompletionSource Mine, Task Other) meeting, CancellationToken cancellationToken)
    {
        meeting.Mine.SetResult();
        await meeting.Other.WaitAsync(Patience, cancellationToken);
        return true;
    }
}
