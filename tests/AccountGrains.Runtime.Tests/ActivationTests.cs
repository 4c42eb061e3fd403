using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task FirstCall_ActivatesTheGrainAndRunsAfterOnActivateAsync()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ProbeGrain>("alice");

        var loaded = await grain.InvokeAsync(0, static (g, _, _) => ValueTask.FromResult(g.Loaded));
        var first = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);
        var second = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        Assert.True(loaded);
        Assert.Equal(first, second);
        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal(["activated alice #1"], silo.Probe.Log);
    }

    [Fact]
    public async Task FailingActivation_FailsThatCall_AndTheNextCallGetsAFreshActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Probe.ActivationsToFail = 1;
        var grain = silo.Factory.GetGrain<ProbeGrain>("bob");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await grain.InvokeAsync(0, ProbeGrain.WhoAmI));
        var countAfterFailure = silo.Runtime.ActivationCount;
        var instance = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        Assert.Same(GrainProbe.ActivationFailure, failure);
        Assert.Equal(0, countAfterFailure);
        Assert.Equal(2, instance);
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task FailingActivation_FailsEveryCallQueuedBehindIt()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Probe.ActivationsToFail = 1;
        silo.Probe.ActivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grain = silo.Factory.GetGrain<ProbeGrain>("carol");

        var calls = Enumerable.Range(0, 10).Select(_ => grain.InvokeAsync(0, ProbeGrain.WhoAmI).AsTask()).ToArray();
        silo.Probe.ActivationGate.SetResult();
        var outcomes = await Task.WhenAll(calls.Select(c => Record.ExceptionAsync(() => c)));

        Assert.All(outcomes, e => Assert.Same(GrainProbe.ActivationFailure, e));
    }

    [Fact]
    public async Task Call_CancelledWhileItsGrainActivates_IsCancelled_AndTheGrainStillServesTheNextCall()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Probe.ActivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grain = silo.Factory.GetGrain<ProbeGrain>("erin");
        using var cancel = new CancellationTokenSource();

        var first = grain.InvokeAsync(0, ProbeGrain.WhoAmI, cancel.Token).AsTask();
        await cancel.CancelAsync();
        silo.Probe.ActivationGate.SetResult();
        var outcome = await Record.ExceptionAsync(() => first);
        var next = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.Equal(1, next);
    }

    [Fact]
    public async Task Activation_RefusedByOwnership_FailsWithGrainNotOwned()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<IGrainOwnership>(new OwnsOnly("mine")));

        var mine = await silo.Factory.GetGrain<ProbeGrain>("mine").InvokeAsync(0, ProbeGrain.WhoAmI);
        var notMine = await Assert.ThrowsAsync<GrainNotOwnedException>(async () => await silo.Factory.GetGrain<ProbeGrain>("theirs").InvokeAsync(0, ProbeGrain.WhoAmI));

        Assert.Equal(1, mine);
        Assert.Equal(new GrainId("probe", "theirs"), notMine.GrainId);
    }

    [Fact]
    public async Task DeactivateOnIdle_SendsTheNextCallToAFreshActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Factory.GetGrain<ProbeGrain>("dave");

        var first = await grain.InvokeAsync(0, ProbeGrain.LeaveAfterThis);
        var second = await grain.InvokeAsync(0, ProbeGrain.WhoAmI);

        Assert.Equal(DeactivationReason.ApplicationRequested, await silo.Probe.Deactivated("dave"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task GetGrain_OfAnUnregisteredClass_Throws()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<UnregisteredGrain>("k"));
    }

    internal sealed class OwnsOnly(string key) : IGrainOwnership
    {
        public ValueTask<bool> CanActivateAsync(GrainId grainId, CancellationToken cancellationToken) => ValueTask.FromResult(grainId.Key == key);

        public bool IsReminderLocal(GrainId grainId) => grainId.Key == key;
    }

    private sealed class UnregisteredGrain : Grain;
}
