namespace AccountGrains.Runtime.Tests;

public sealed class ShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stop_FinishesTurnsInFlight_DeactivatesEveryGrain_AndRefusesNewCalls()
    {
        await using var silo = await TestSilo.StartAsync();
        foreach (var key in new[] { "a", "b", "c" })
        {
            await silo.Factory.GetGrain<ProbeGrain>(key).InvokeAsync(0, ProbeGrain.WhoAmI);
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = silo.Factory.GetGrain<ProbeGrain>("a").InvokeAsync(gate.Task, ProbeGrain.WaitFor).AsTask();
        var queued = silo.Factory.GetGrain<ProbeGrain>("a").InvokeAsync(0, ProbeGrain.WhoAmI).AsTask();

        var stopping = silo.StopAsync();
        var refused = await Record.ExceptionAsync(async () => await silo.Factory.GetGrain<ProbeGrain>("b").InvokeAsync(0, ProbeGrain.WhoAmI));
        var refusedNew = await Record.ExceptionAsync(async () => await silo.Factory.GetGrain<ProbeGrain>("new").InvokeAsync(0, ProbeGrain.WhoAmI));
        await silo.Probe.Deactivated("b");
        var stoppedBeforeTurnEnded = stopping.IsCompleted || silo.Probe.WasDeactivated("a");
        gate.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.IsType<SiloUnavailableException>(refused);
        Assert.IsType<SiloUnavailableException>(refusedNew);
        Assert.False(stoppedBeforeTurnEnded);
        Assert.Equal(1, await inFlight);
        Assert.Equal(1, await queued);
        Assert.Equal(DeactivationReason.ShuttingDown, await silo.Probe.Deactivated("a"));
        Assert.Equal(DeactivationReason.ShuttingDown, await silo.Probe.Deactivated("c"));
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.True(silo.Runtime.IsStopping);
    }

    [Fact]
    public async Task Stop_WhenADeactivationHangs_GivesUpAfterTheShutdownTimeout()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        await silo.Factory.GetGrain<ProbeGrain>("stuck").InvokeAsync(0, ProbeGrain.WhoAmI);
        silo.Probe.DeactivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var stopping = silo.StopAsync();
        await silo.Probe.DeactivationEntered.Task.WaitAsync(Patience);
        var stoppedEarly = stopping.IsCompleted;
        silo.Clock.Advance(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(Patience);

        Assert.False(stoppedEarly);
        Assert.True(silo.Runtime.AbortToken.IsCancellationRequested);
        silo.Probe.DeactivationGate.SetResult();
    }
}
