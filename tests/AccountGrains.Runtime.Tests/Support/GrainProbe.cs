using System.Collections.Concurrent;

namespace AccountGrains.Runtime.Tests;

/// <summary>What the test grains did, shared with the test through the container.</summary>
internal sealed class GrainProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeactivationReason>> _deactivated = new();
    private readonly SemaphoreSlim _fired = new(0);
    private int _instances;
    private int _live;
    private int _maxLive;

    /// <summary>How many of the next activations throw <see cref="ActivationFailure"/>.</summary>
    public int ActivationsToFail;

    public static InvalidOperationException ActivationFailure { get; } = new("activation failed on purpose");

    /// <summary>Set to make OnActivateAsync wait for it.</summary>
    public TaskCompletionSource? ActivationGate { get; set; }

    /// <summary>Set to make OnDeactivateAsync wait for it.</summary>
    public TaskCompletionSource? DeactivationGate { get; set; }

    public TaskCompletionSource DeactivationEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool DeleteFiredReminders { get; set; } = true;

    public ConcurrentQueue<string> Log { get; } = new();

    public ConcurrentQueue<(string Key, string Name, DateTimeOffset DueAt)> Fired { get; } = new();

    public int MaxLive => Volatile.Read(ref _maxLive);

    public int NextInstance() => Interlocked.Increment(ref _instances);

    public void Activating(string key, int instance)
    {
        if (Interlocked.Decrement(ref ActivationsToFail) >= 0)
        {
            throw ActivationFailure;
        }

        var live = Interlocked.Increment(ref _live);
        InterlockedMax(ref _maxLive, live);
        Log.Enqueue($"activated {key} #{instance}");
    }

    public void DeactivationBegan(string key, int instance)
    {
        Log.Enqueue($"deactivating {key} #{instance}");
        DeactivationEntered.TrySetResult();
    }

    public void DeactivationEnded(string key, int instance, DeactivationReason reason)
    {
        Interlocked.Decrement(ref _live);
        Log.Enqueue($"deactivated {key} #{instance}");
        _deactivated.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reason);
    }

    /// <summary>Completes with the reason once the grain with this key finished OnDeactivateAsync.</summary>
    public Task<DeactivationReason> Deactivated(string key) =>
        _deactivated.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public bool WasDeactivated(string key) => _deactivated.TryGetValue(key, out var tcs) && tcs.Task.IsCompleted;

    public void ReminderFired(string key, string name, DateTimeOffset dueAt)
    {
        Fired.Enqueue((key, name, dueAt));
        _fired.Release();
    }

    public async Task WaitForFiringAsync() => Assert.True(await _fired.WaitAsync(TimeSpan.FromSeconds(10)), "no reminder fired");

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
