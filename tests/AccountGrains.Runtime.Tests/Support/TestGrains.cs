using AccountGrains.Storage;

namespace AccountGrains.Runtime.Tests;

/// <summary>Records its lifecycle in the probe; its calls can wait on gates the test holds.</summary>
[GrainType("probe")]
internal sealed class ProbeGrain(GrainProbe probe) : Grain
{
    public int Instance { get; } = probe.NextInstance();

    public bool Loaded { get; private set; }

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (probe.ActivationGate is { } gate)
        {
            await gate.Task;
        }

        probe.Activating(GrainId.Key, Instance);
        Loaded = true;
    }

    public override async ValueTask OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.DeactivationBegan(GrainId.Key, Instance);
        if (probe.DeactivationGate is { } gate)
        {
            await gate.Task;
        }

        probe.DeactivationEnded(GrainId.Key, Instance, reason);
    }

    public static ValueTask<int> WhoAmI(ProbeGrain grain, int unused, CancellationToken cancellationToken) => ValueTask.FromResult(grain.Instance);

    public static async ValueTask<int> WaitFor(ProbeGrain grain, Task gate, CancellationToken cancellationToken)
    {
        await gate;
        return grain.Instance;
    }

    public static ValueTask<int> LeaveAfterThis(ProbeGrain grain, int unused, CancellationToken cancellationToken)
    {
        grain.DeactivateOnIdle();
        return ValueTask.FromResult(grain.Instance);
    }
}

/// <summary>Applies calls one at a time, and notices if it ever is not.</summary>
[GrainType("serial")]
internal sealed class SerialGrain : Grain
{
    private int _inside;

    public List<(int Caller, int Seq)> Applied { get; } = [];

    public bool Overlapped { get; private set; }

    public static async ValueTask<int> Apply(SerialGrain grain, (int Caller, int Seq) call, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref grain._inside) != 1)
        {
            grain.Overlapped = true;
        }

        try
        {
            if (call.Seq % 5 == 0)
            {
                await Task.Yield(); // some turns go asynchronous, so others queue behind them
            }

            grain.Applied.Add(call);
            return grain.Applied.Count;
        }
        finally
        {
            Interlocked.Decrement(ref grain._inside);
        }
    }
}

/// <summary>Receives reminders; deletes each one it receives unless the probe says not to.</summary>
[GrainType("reminded")]
internal sealed class RemindedGrain(GrainProbe probe, IServiceProvider services) : Grain, IRemindable
{
    public async ValueTask ReceiveReminderAsync(string reminderName, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        probe.ReminderFired(GrainId.Key, reminderName, dueAt);
        if (probe.DeleteFiredReminders && services.GetService(typeof(IReminderStore)) is IReminderStore store)
        {
            await store.DeleteReminderAsync(GrainId.ToString(), reminderName, cancellationToken);
        }
    }
}
