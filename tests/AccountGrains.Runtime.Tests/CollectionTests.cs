namespace AccountGrains.Runtime.Tests;

public sealed class CollectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task IdleActivation_IsDeactivatedOnceIdleForTheCollectionAge_NotBefore()
    {
        await using var silo = await TestSilo.StartAsync(o => (o.CollectionAge, o.CollectionQuantum) = (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1)));
        var grain = silo.Factory.GetGrain<ProbeGrain>("idle");
        await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        silo.Clock.Advance(TimeSpan.FromMinutes(6));
        await grain.InvokeAsync(0, ProbeGrain.WhoAmI); // in use again: its idle time starts over
        silo.Clock.Advance(TimeSpan.FromMinutes(9));
        var countAfterNineIdleMinutes = silo.Runtime.ActivationCount;
        var deactivatedAfterNine = silo.Probe.WasDeactivated("idle");
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        var reason = await silo.Probe.Deactivated("idle");

        Assert.Equal(1, countAfterNineIdleMinutes);
        Assert.False(deactivatedAfterNine);
        Assert.Equal(DeactivationReason.IdleCollection, reason);
        await Eventually.True(() => silo.Runtime.ActivationCount == 0);
    }

    [Fact]
    public async Task ActivationsOverTheCap_TheLeastRecentlyUsedIsDeactivated()
    {
        await using var silo = await TestSilo.StartAsync(o => o.MaxActivations = 2);
        foreach (var key in new[] { "a", "b" })
        {
            await silo.Factory.GetGrain<ProbeGrain>(key).InvokeAsync(0, ProbeGrain.WhoAmI);
            silo.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await silo.Factory.GetGrain<ProbeGrain>("a").InvokeAsync(0, ProbeGrain.WhoAmI); // now "b" is the least recently used
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.Factory.GetGrain<ProbeGrain>("c").InvokeAsync(0, ProbeGrain.WhoAmI);
        var reason = await silo.Probe.Deactivated("b");
        await Eventually.True(() => silo.Runtime.ActivationCount == 2);

        Assert.Equal(DeactivationReason.CapacityExceeded, reason);
        Assert.False(silo.Probe.WasDeactivated("a"));
        Assert.False(silo.Probe.WasDeactivated("c"));
    }

    [Fact]
    public async Task CallArrivingDuringDeactivation_WaitsThenGetsAFreshActivation_NeverAlongsideTheOldOne()
    {
        await using var silo = await TestSilo.StartAsync(o => (o.CollectionAge, o.CollectionQuantum) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        var grain = silo.Factory.GetGrain<ProbeGrain>("k");
        var old = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);
        silo.Probe.DeactivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        await silo.Probe.DeactivationEntered.Task.WaitAsync(Patience);

        var call = grain.InvokeAsync(0, ProbeGrain.WhoAmI).AsTask();
        var completedWhileDeactivating = call.IsCompleted;
        silo.Probe.DeactivationGate.SetResult();
        var fresh = await call.WaitAsync(Patience);

        Assert.False(completedWhileDeactivating);
        Assert.NotEqual(old, fresh);
        Assert.Equal(1, silo.Probe.MaxLive);
        Assert.Equal([$"activated k #{old}", $"deactivating k #{old}", $"deactivated k #{old}", $"activated k #{fresh}"], silo.Probe.Log);
    }

    [Fact]
    public async Task Deactivation_WaitsForTheTurnsQueuedBeforeIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ProbeGrain>("q");
        await grain.InvokeAsync(0, ProbeGrain.WhoAmI);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = grain.InvokeAsync(gate.Task, ProbeGrain.WaitFor).AsTask();

        var activation = Assert.Single(silo.Runtime.Activations);
        var deactivated = activation.BeginDeactivate(DeactivationReason.ApplicationRequested, idleSince: null)!;
        var deactivatedBeforeTurnEnded = deactivated.IsCompleted || silo.Probe.WasDeactivated("q");
        gate.SetResult();
        await inFlight.WaitAsync(Patience);
        await deactivated.WaitAsync(Patience);

        Assert.False(deactivatedBeforeTurnEnded);
        Assert.Equal(0, silo.Runtime.ActivationCount);
    }
}
